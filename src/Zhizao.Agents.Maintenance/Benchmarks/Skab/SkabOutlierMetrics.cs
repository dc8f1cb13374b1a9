namespace Zhizao.Agents.Maintenance.Benchmarks.Skab;

/// <summary>SKAB's outlier problem: the confusion counts of predicted against true <c>anomaly</c> labels over all test rows.</summary>
public sealed record SkabOutlierMetrics(int TruePositives, int FalsePositives, int FalseNegatives, int TrueNegatives)
{
    /// <summary>2·TP / (2·TP + FP + FN); 0 when there is nothing to find and nothing found.</summary>
    public double F1 => TruePositives == 0 ? 0 : 2.0 * TruePositives / ((2.0 * TruePositives) + FalsePositives + FalseNegatives);

    /// <summary>False-alarm rate FP / (FP + TN).</summary>
    public double FalseAlarmRate => FalsePositives + TrueNegatives == 0 ? 0 : (double)FalsePositives / (FalsePositives + TrueNegatives);

    /// <summary>Missed-alarm rate FN / (FN + TP).</summary>
    public double MissedAlarmRate => FalseNegatives + TruePositives == 0 ? 0 : (double)FalseNegatives / (FalseNegatives + TruePositives);

    /// <summary>Counts the outcomes of paired true and predicted labels (same length).</summary>
    public static SkabOutlierMetrics Compute(IReadOnlyList<bool> truth, IReadOnlyList<bool> predicted)
    {
        ArgumentNullException.ThrowIfNull(truth);
        ArgumentNullException.ThrowIfNull(predicted);
        if (truth.Count != predicted.Count)
            throw new ArgumentException($"{predicted.Count} predictions for {truth.Count} labels", nameof(predicted));
        int tp = 0, fp = 0, fn = 0, tn = 0;
        for (var i = 0; i < truth.Count; i++)
        {
            switch ((truth[i], predicted[i]))
            {
                case (true, true): tp++; break;
                case (false, true): fp++; break;
                case (true, false): fn++; break;
                default: tn++; break;
            }
        }
        return new SkabOutlierMetrics(tp, fp, fn, tn);
    }

    /// <summary>Adds the counts of two sets of rows.</summary>
    public static SkabOutlierMetrics operator +(SkabOutlierMetrics a, SkabOutlierMetrics b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return new SkabOutlierMetrics(a.TruePositives + b.TruePositives, a.FalsePositives + b.FalsePositives,
            a.FalseNegatives + b.FalseNegatives, a.TrueNegatives + b.TrueNegatives);
    }

    /// <summary>Same as <c>+</c>.</summary>
    public static SkabOutlierMetrics Add(SkabOutlierMetrics left, SkabOutlierMetrics right) => left + right;
}
