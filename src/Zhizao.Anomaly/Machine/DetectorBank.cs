using Zhizao.Anomaly.Calibration;

namespace Zhizao.Anomaly.Machine;

/// <summary>
/// The fitted detectors of one machine with their calibrators: turns a row into one combined surprise and adds each
/// signal's weight of it to a contribution vector. Multivariate detectors contribute their surprise split by their column
/// contributions; each univariate factory contributes the calibrated maximum over columns of the per-column surprises,
/// split in proportion to them.
/// </summary>
internal sealed class DetectorBank
{
    private readonly IMultivariateDetector[] _multivariate;
    private readonly IUnivariateDetector?[][] _univariate;
    private readonly ScoreCalibrator[] _multivariateCalibration;
    private readonly ScoreCalibrator?[][] _columnCalibration;
    private readonly ScoreCalibrator[] _univariateCalibration;
    private readonly SurpriseCombination _combination;
    private readonly double[] _contributions;
    private readonly double[] _columnSurprise;

    private DetectorBank(IMultivariateDetector[] multivariate, IUnivariateDetector?[][] univariate, ScoreCalibrator[] multivariateCalibration,
        ScoreCalibrator?[][] columnCalibration, ScoreCalibrator[] univariateCalibration, SurpriseCombination combination, int width)
    {
        _multivariate = multivariate;
        _univariate = univariate;
        _multivariateCalibration = multivariateCalibration;
        _columnCalibration = columnCalibration;
        _univariateCalibration = univariateCalibration;
        _combination = combination;
        _contributions = new double[width];
        _columnSurprise = new double[width];
    }

    /// <summary>
    /// Fits the detectors on the first rows, scores the held-out rows in order (so stateful detectors continue from them),
    /// calibrates each detector on those scores, and returns the bank with the combined score of every held-out row.
    /// </summary>
    public static (DetectorBank Bank, double[] HeldOutCombined) Fit(IReadOnlyList<long> timestamps, IReadOnlyList<double[]> rows, int fitCount,
        IReadOnlyList<Func<IMultivariateDetector>> multivariateFactories, IReadOnlyList<Func<IUnivariateDetector>> univariateFactories,
        SurpriseCombination combination, CancellationToken cancellationToken)
    {
        var width = rows[0].Length;
        var fitRows = rows.Take(fitCount).ToArray();
        var fitTimes = timestamps.Take(fitCount).ToArray();
        var multivariate = multivariateFactories.Select(f => f()).ToArray();
        foreach (var detector in multivariate)
            detector.Fit(fitRows);
        var univariate = new IUnivariateDetector?[univariateFactories.Count][];
        var column = new double[fitCount];
        for (var f = 0; f < univariate.Length; f++)
        {
            univariate[f] = new IUnivariateDetector?[width];
            for (var c = 0; c < width; c++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                for (var r = 0; r < fitCount; r++)
                    column[r] = fitRows[r][c];
                var detector = univariateFactories[f]();
                try
                {
                    detector.Fit(fitTimes, column);
                    univariate[f][c] = detector;
                }
                catch (InsufficientTrainingDataException)
                {
                    // A column this detector cannot model (e.g. constant) is left to the other detectors.
                }
            }
        }

        var heldOut = rows.Count - fitCount;
        var multivariateScores = multivariate.Select(_ => new double[heldOut]).ToArray();
        var columnScores = univariate.Select(u => u.Select(_ => new double[heldOut]).ToArray()).ToArray();
        var contributions = new double[width];
        for (var r = 0; r < heldOut; r++)
        {
            var row = rows[fitCount + r];
            for (var d = 0; d < multivariate.Length; d++)
                multivariateScores[d][r] = multivariate[d].Score(row, contributions);
            for (var f = 0; f < univariate.Length; f++)
            {
                for (var c = 0; c < width; c++)
                    columnScores[f][c][r] = univariate[f][c]?.Update(timestamps[fitCount + r], row[c]) ?? 0;
            }
        }
        var multivariateCalibration = multivariateScores.Select(s => ScoreCalibrator.Fit(s)).ToArray();
        var columnCalibration = univariate.Select((u, f) => u.Select((d, c) => d is null ? null : ScoreCalibrator.Fit(columnScores[f][c])).ToArray()).ToArray();
        var univariateCalibration = new ScoreCalibrator[univariate.Length];
        for (var f = 0; f < univariate.Length; f++)
        {
            var maxima = new double[heldOut];
            for (var r = 0; r < heldOut; r++)
            {
                for (var c = 0; c < width; c++)
                    maxima[r] = Math.Max(maxima[r], columnCalibration[f][c]?.Surprise(columnScores[f][c][r]) ?? 0);
            }
            univariateCalibration[f] = ScoreCalibrator.Fit(maxima);
        }

        var bank = new DetectorBank(multivariate, univariate, multivariateCalibration, columnCalibration, univariateCalibration, combination, width);
        var combined = new double[heldOut];
        for (var r = 0; r < heldOut; r++)
        {
            var surprises = multivariateScores.Select((s, d) => multivariateCalibration[d].Surprise(s[r]));
            for (var f = 0; f < univariate.Length; f++)
            {
                var max = 0.0;
                for (var c = 0; c < width; c++)
                    max = Math.Max(max, columnCalibration[f][c]?.Surprise(columnScores[f][c][r]) ?? 0);
                surprises = surprises.Append(univariateCalibration[f].Surprise(max));
            }
            combined[r] = combination == SurpriseCombination.Sum ? surprises.Sum() : surprises.Max();
        }
        return (bank, combined);
    }

    /// <summary>Per-signal weights of the last scored row (surprise units, not normalised).</summary>
    public ReadOnlySpan<double> Contributions => _contributions;

    /// <summary>Scores a row with every detector (updating their state) and returns the combined surprise.</summary>
    public double Score(long timestampMicros, ReadOnlySpan<double> row, Span<double> scratch)
    {
        Array.Clear(_contributions);
        var combined = 0.0;
        for (var d = 0; d < _multivariate.Length; d++)
        {
            var surprise = _multivariateCalibration[d].Surprise(_multivariate[d].Score(row, scratch));
            AddShares(scratch, surprise);
            combined = Combine(combined, surprise);
        }
        for (var f = 0; f < _univariate.Length; f++)
        {
            var max = 0.0;
            for (var c = 0; c < row.Length; c++)
            {
                var detector = _univariate[f][c];
                _columnSurprise[c] = detector is null ? 0 : _columnCalibration[f][c]!.Surprise(detector.Update(timestampMicros, row[c]));
                max = Math.Max(max, _columnSurprise[c]);
            }
            var surprise = _univariateCalibration[f].Surprise(max);
            AddShares(_columnSurprise, surprise);
            combined = Combine(combined, surprise);
        }
        return combined;
    }

    private double Combine(double combined, double surprise) =>
        _combination == SurpriseCombination.Sum ? combined + surprise : Math.Max(combined, surprise);

    private void AddShares(ReadOnlySpan<double> parts, double surprise)
    {
        if (surprise <= 0)
            return;
        var total = 0.0;
        foreach (var p in parts)
            total += p;
        if (total <= 0)
            return;
        for (var c = 0; c < parts.Length; c++)
            _contributions[c] += surprise * parts[c] / total;
    }
}
