namespace Zhizao.Anomaly;

/// <summary>
/// A detector for one signal. It is fitted once on a normal period and then scores values one at a time, in time
/// order, in O(1) amortised time and memory (no re-scan of history).
/// </summary>
public interface IUnivariateDetector
{
    /// <summary>Short stable name, e.g. "robust-z", "cusum", "bocpd".</summary>
    string Name { get; }

    /// <summary>
    /// Fits the detector on a normal period. Throws <see cref="InsufficientTrainingDataException"/> when the period is too short
    /// or carries no information for this detector; never silently produces a degenerate model.
    /// </summary>
    void Fit(ReadOnlySpan<long> timestampsMicros, ReadOnlySpan<double> values);

    /// <summary>
    /// Scores the next value (after the fitted period or after the previous update) and updates the detector's state.
    /// Returns a raw anomaly score ≥ 0: 0 is typical, larger is more anomalous. NaN input is a gap: returns 0 and keeps state.
    /// </summary>
    double Update(long timestampMicros, double value);
}

/// <summary>
/// A detector over the aligned signals of one machine (a row holds one value per column, in a fixed column order).
/// Fitted on normal rows; scores rows one at a time.
/// </summary>
public interface IMultivariateDetector
{
    /// <summary>Short stable name, e.g. "pca-t2q", "isolation-forest", "ridge-forecaster".</summary>
    string Name { get; }

    /// <summary>Fits on normal rows (each row has the same length). Throws <see cref="InsufficientTrainingDataException"/> when too few rows.</summary>
    void Fit(IReadOnlyList<double[]> rows);

    /// <summary>
    /// Scores the next row and updates state when the detector is stateful (e.g. a forecaster's lag buffer).
    /// Writes each column's share of the score to <paramref name="contributions"/> (non-negative, same length as the row)
    /// and returns the raw score ≥ 0.
    /// </summary>
    double Score(ReadOnlySpan<double> row, Span<double> contributions);
}

/// <summary>What an anomaly looks like on the signal that contributes most.</summary>
public enum AnomalyKind
{
    /// <summary>Short excursion that returns to normal.</summary>
    Spike,
    /// <summary>The level moved to a new value and stays there.</summary>
    LevelShift,
    /// <summary>Steady drift away from normal.</summary>
    Trend,
    /// <summary>The value stopped changing (frozen sensor): a sensor fault, not a machine fault.</summary>
    StuckSensor,
    /// <summary>Variance rose without a change of level.</summary>
    NoiseBurst,
}

/// <summary>Raised when a detector or model cannot be fitted because the data carries too little information.</summary>
public sealed class InsufficientTrainingDataException(string message) : Exception(message);
