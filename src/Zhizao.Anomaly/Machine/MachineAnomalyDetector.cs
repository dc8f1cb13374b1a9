using Zhizao.Anomaly.Calibration;
using Zhizao.Anomaly.Multivariate;

namespace Zhizao.Anomaly.Machine;

/// <summary>
/// One machine's anomaly detection: multivariate detectors over all its signals and optional univariate detectors per
/// signal, fitted on a normal period, combined into one calibrated surprise per row (−log10 of the chance a normal row
/// scores as high), smoothed, and turned into anomalies with a threshold set for <see cref="MachineAnomalyOptions.FalseAlarmRate"/>,
/// persistence and hysteresis. Each anomaly is explained by events (start, changes, end) naming the top signals, the kind
/// and the severity, in English and Chinese. Scoring is incremental: one row at a time, no re-scan of history.
/// </summary>
public sealed class MachineAnomalyDetector
{
    /// <summary>Fewest rows in the part of the normal period that fits the detectors.</summary>
    public const int MinimumFitRows = 40;

    /// <summary>Fewest held-out rows for calibration.</summary>
    public const int MinimumCalibrationRows = 30;

    private readonly IReadOnlyList<Func<IMultivariateDetector>> _multivariate;
    private readonly IReadOnlyList<Func<IUnivariateDetector>> _univariate;
    private DetectorBank? _bank;
    private ScoreCalibrator? _final;
    private double[] _smoothing = [];
    private int _smoothingNext;
    private double _smoothingSum;
    private double[] _scratch = [];
    private AnomalyTracker? _tracker;

    /// <summary>Creates the detector for a machine's signals (the column order of every row).</summary>
    /// <param name="machineId">Machine identifier used in explanations.</param>
    /// <param name="signals">Signal names, one per column.</param>
    /// <param name="options">Combination, threshold, persistence and explanation options.</param>
    /// <param name="multivariate">Multivariate detector factories; default PCA T²+Q, isolation forest and the ridge forecaster.</param>
    /// <param name="univariate">Univariate detector factories, each instantiated once per signal; default none.</param>
    public MachineAnomalyDetector(string machineId, IReadOnlyList<string> signals, MachineAnomalyOptions? options = null,
        IReadOnlyList<Func<IMultivariateDetector>>? multivariate = null, IReadOnlyList<Func<IUnivariateDetector>>? univariate = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(machineId);
        ArgumentNullException.ThrowIfNull(signals);
        if (signals.Count == 0)
            throw new ArgumentException("a machine needs at least one signal", nameof(signals));
        Options = options ?? new MachineAnomalyOptions();
        Options.Validate();
        MachineId = machineId;
        Signals = signals;
        _multivariate = multivariate ?? DefaultMultivariate;
        _univariate = univariate ?? [];
        if (_multivariate.Count + _univariate.Count == 0)
            throw new ArgumentException("at least one detector is needed", nameof(multivariate));
    }

    /// <summary>PCA T²+Q, isolation forest and the ridge forecaster, with their default settings.</summary>
    public static IReadOnlyList<Func<IMultivariateDetector>> DefaultMultivariate { get; } =
        [() => new PcaT2QDetector(), () => new IsolationForestDetector(), () => new RidgeForecastDetector()];

    /// <summary>The machine.</summary>
    public string MachineId { get; }

    /// <summary>Signal names in column order.</summary>
    public IReadOnlyList<string> Signals { get; }

    /// <summary>The options in force.</summary>
    public MachineAnomalyOptions Options { get; }

    /// <summary>Fewest rows in a normal period for these options.</summary>
    public int MinimumTrainingRows => Math.Max(
        (int)Math.Ceiling(MinimumFitRows / (1 - Options.CalibrationFraction)),
        (int)Math.Ceiling((MinimumCalibrationRows + Options.SmoothingRows) / Options.CalibrationFraction));

    /// <summary>Calibrated surprise at or above which a row alarms: −log10 of the target false-alarm rate.</summary>
    public double ThresholdSurprise => -Math.Log10(Options.FalseAlarmRate);

    /// <summary>The active anomaly's latest event, or null when the machine is normal.</summary>
    public AnomalyEvent? CurrentEvent => _tracker?.Current;

    /// <summary>
    /// Fits on a normal period: the first part fits the detectors, the last <see cref="MachineAnomalyOptions.CalibrationFraction"/>
    /// calibrates their scores and the threshold. Scoring continues right after the period.
    /// </summary>
    /// <exception cref="InsufficientTrainingDataException">The period is shorter than <see cref="MinimumTrainingRows"/>, every signal is constant, or a detector cannot be fitted.</exception>
    public void Fit(IReadOnlyList<long> timestampsMicros, IReadOnlyList<double[]> rows, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(timestampsMicros);
        ArgumentNullException.ThrowIfNull(rows);
        if (timestampsMicros.Count != rows.Count)
            throw new ArgumentException($"{timestampsMicros.Count} timestamps for {rows.Count} rows", nameof(timestampsMicros));
        if (rows.Count < MinimumTrainingRows)
            throw new InsufficientTrainingDataException($"machine {MachineId}: the normal period has {rows.Count} rows; at least {MinimumTrainingRows} are needed ({MinimumFitRows} to fit the detectors and {MinimumCalibrationRows} + smoothing to calibrate, with {Options.CalibrationFraction:P0} held out)");
        if (rows.FirstOrDefault(r => r.Length != Signals.Count) is { } bad)
            throw new ArgumentException($"machine {MachineId}: a row has {bad.Length} values for {Signals.Count} signals", nameof(rows));
        var baselines = Enumerable.Range(0, Signals.Count).Select(c => SignalBaseline.Of(rows, c)).ToArray();
        if (baselines.All(b => b.IsConstant))
            throw new InsufficientTrainingDataException($"machine {MachineId}: every signal is constant in the normal period, so there is no normal variation to learn");

        var fitCount = rows.Count - (int)Math.Round(Options.CalibrationFraction * rows.Count);
        DetectorBank bank;
        double[] heldOut;
        try
        {
            (bank, heldOut) = DetectorBank.Fit(timestampsMicros, rows, fitCount, _multivariate, _univariate, Options.Combination, cancellationToken);
        }
        catch (InsufficientTrainingDataException e)
        {
            throw new InsufficientTrainingDataException($"machine {MachineId}: normal period of {rows.Count} rows ({fitCount} to fit): {e.Message}");
        }

        _smoothing = new double[Options.SmoothingRows];
        _smoothingNext = 0;
        _smoothingSum = 0;
        var smoothed = heldOut.Select(Smooth).ToArray();
        _final = ScoreCalibrator.Fit(smoothed);
        _bank = bank;
        _scratch = new double[Signals.Count];
        _tracker = new AnomalyTracker(MachineId, Signals, baselines, Options, rows);
    }

    /// <summary>Scores the next row (values in signal order; NaN is a gap) and advances the anomaly state.</summary>
    public MachineScore Update(long timestampMicros, ReadOnlySpan<double> row)
    {
        var bank = _bank ?? throw new InvalidOperationException($"machine {MachineId}: Fit before Update");
        if (row.Length != Signals.Count)
            throw new ArgumentException($"machine {MachineId}: row has {row.Length} values for {Signals.Count} signals", nameof(row));
        var combined = bank.Score(timestampMicros, row, _scratch);
        var surprise = _final!.Surprise(Smooth(combined));
        return _tracker!.Advance(timestampMicros, row, surprise, ThresholdSurprise, bank.Contributions);
    }

    private double Smooth(double value)
    {
        _smoothingSum += value - _smoothing[_smoothingNext];
        _smoothing[_smoothingNext] = value;
        _smoothingNext = (_smoothingNext + 1) % _smoothing.Length;
        return _smoothingSum / _smoothing.Length;
    }
}
