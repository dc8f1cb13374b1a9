namespace Zhizao.Anomaly.Machine;

/// <summary>A signal's normal behaviour: mean, standard deviation, and the median and mean absolute step between consecutive rows.</summary>
internal readonly record struct SignalBaseline(double Mean, double StandardDeviation, double MedianStep, double MeanStep)
{
    /// <summary>True when the signal never moved in the normal period.</summary>
    public bool IsConstant => StandardDeviation <= 1e-9 * Math.Max(1.0, Math.Abs(Mean));

    /// <summary>Baseline of one column of the rows (NaN values skipped).</summary>
    public static SignalBaseline Of(IReadOnlyList<double[]> rows, int column)
    {
        double sum = 0, previous = double.NaN;
        var count = 0;
        var steps = new List<double>(rows.Count);
        foreach (var row in rows)
        {
            var v = row[column];
            if (!double.IsFinite(v))
                continue;
            sum += v;
            count++;
            if (double.IsFinite(previous))
            {
                steps.Add(Math.Abs(v - previous));
            }
            previous = v;
        }
        var mean = count > 0 ? sum / count : 0;
        var squares = 0.0;
        foreach (var row in rows)
        {
            if (double.IsFinite(row[column]))
                squares += (row[column] - mean) * (row[column] - mean);
        }
        var sd = count > 1 ? Math.Sqrt(squares / (count - 1)) : 0;
        return new SignalBaseline(mean, sd, steps.Count > 0 ? AnomalyKindClassifier.Median([.. steps]) : 0, steps.Count > 0 ? steps.Average() : 0);
    }
}
