namespace Zhizao.Agents.Maintenance.Benchmarks.Nab;

/// <summary>One series' NAB outcome at a threshold.</summary>
/// <param name="Series">Series name (<c>category/file.csv</c>).</param>
/// <param name="RawScore">Sum of TP rewards, weighted FP penalties and FN costs.</param>
/// <param name="DetectedWindows">Windows with at least one detection (true positives).</param>
/// <param name="MissedWindows">Windows without detection (false negatives).</param>
/// <param name="FalsePositives">Detections outside every window after the probationary period.</param>
public sealed record NabFileScore(string Series, double RawScore, int DetectedWindows, int MissedWindows, int FalsePositives);

/// <summary>A detector's NAB score over a corpus for one profile and threshold.</summary>
/// <param name="Profile">The profile scored.</param>
/// <param name="Threshold">Rows with an anomaly score at or above it are detections.</param>
/// <param name="Files">Per-series outcomes, in corpus order.</param>
/// <param name="NullRawScore">Raw score of the detector that never detects: every window missed.</param>
/// <param name="PerfectRawScore">Raw score of a detector that detects every window at its first row.</param>
public sealed record NabScore(NabProfile Profile, double Threshold, IReadOnlyList<NabFileScore> Files, double NullRawScore, double PerfectRawScore)
{
    /// <summary>Raw score summed over the series.</summary>
    public double RawScore => Files.Sum(f => f.RawScore);

    /// <summary>100 · (raw − null) / (perfect − null): 0 for the null detector, 100 for the perfect one.</summary>
    public double NormalizedScore => 100 * (RawScore - NullRawScore) / (PerfectRawScore - NullRawScore);

    /// <summary>Windows detected over all series.</summary>
    public int DetectedWindows => Files.Sum(f => f.DetectedWindows);

    /// <summary>Windows missed over all series.</summary>
    public int MissedWindows => Files.Sum(f => f.MissedWindows);

    /// <summary>False-positive detections over all series.</summary>
    public int FalsePositives => Files.Sum(f => f.FalsePositives);
}
