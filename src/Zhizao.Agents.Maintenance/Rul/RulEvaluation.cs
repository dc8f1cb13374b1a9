namespace Zhizao.Agents.Maintenance.Rul;

/// <summary>Test-set figures of a RUL model.</summary>
/// <param name="Engines">Number of test engines.</param>
/// <param name="Rmse">Root mean squared error of the RUL at each engine's last cycle.</param>
/// <param name="Score">PHM08 asymmetric score: Σ exp(−d/13) − 1 for d &lt; 0, exp(d/10) − 1 for d ≥ 0, d = predicted − true.</param>
/// <param name="BandCoverage">Fraction of engines whose true RUL lies within the predicted band.</param>
public sealed record RulEvaluation(int Engines, double Rmse, double Score, double BandCoverage)
{
    /// <summary>Scores predictions against the true RUL of each test engine, in the same order.</summary>
    public static RulEvaluation Compute(IReadOnlyList<RulPrediction> predictions, IReadOnlyList<double> truth)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        ArgumentNullException.ThrowIfNull(truth);
        if (predictions.Count != truth.Count || truth.Count == 0)
            throw new ArgumentException($"{predictions.Count} predictions for {truth.Count} true values");
        var squares = 0.0;
        var score = 0.0;
        var covered = 0;
        for (var i = 0; i < truth.Count; i++)
        {
            var d = predictions[i].Rul - truth[i];
            squares += d * d;
            score += Phm08(d);
            if (truth[i] >= predictions[i].Lower && truth[i] <= predictions[i].Upper)
                covered++;
        }
        return new RulEvaluation(truth.Count, Math.Sqrt(squares / truth.Count), score, (double)covered / truth.Count);
    }

    /// <summary>PHM08 penalty of one error <paramref name="d"/> = predicted − true: late predictions cost more.</summary>
    public static double Phm08(double d) => d < 0 ? Math.Exp(-d / 13.0) - 1.0 : Math.Exp(d / 10.0) - 1.0;
}
