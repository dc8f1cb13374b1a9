namespace Zhizao.Agents.Maintenance.Rul;

/// <summary>
/// The fitted feature pipeline: operating conditions, the sensors kept, per-condition normalisation statistics
/// and the rolling-window settings. Everything needed to turn an engine's history into feature rows; persisted as JSON.
/// </summary>
/// <param name="Window">Trailing window length in cycles.</param>
/// <param name="Smoothing">Exponential smoothing factor in (0, 1].</param>
/// <param name="Conditions">The operating conditions found in the training settings.</param>
/// <param name="KeptSensors">0-based indices of the sensors kept (not constant within every condition).</param>
/// <param name="Means">Per condition, per kept sensor: training mean.</param>
/// <param name="StandardDeviations">Per condition, per kept sensor: training standard deviation (1 where constant).</param>
/// <param name="HealthWeights">Weights of the <see cref="HealthIndex"/> over the normalised kept sensors (intercept first).</param>
public sealed record RulFeaturePipeline(
    int Window,
    double Smoothing,
    OperatingConditions Conditions,
    int[] KeptSensors,
    double[][] Means,
    double[][] StandardDeviations,
    double[] HealthWeights)
{
    /// <summary>The health index also gets rolling features over this multiple of <see cref="Window"/>.</summary>
    public const int LongWindowFactor = 3;

    /// <summary>Relative standard deviation below which a sensor counts as constant within a condition.</summary>
    public const double ConstantTolerance = 1e-9;

    /// <summary>
    /// Number of features per row: the cycle number, rolling features of every kept sensor, then of the health index
    /// over the window and over the long window.
    /// </summary>
    public int FeatureCount => 1 + (KeptSensors.Length + 2) * RollingFeatures.PerSeries;

    /// <summary>Feature names in column order, e.g. <c>cycle</c>, <c>s2.mean</c>, <c>health.slope</c>, <c>health.long.slope</c>.</summary>
    public IReadOnlyList<string> FeatureNames() =>
    [
        "cycle",
        .. KeptSensors.Select(s => $"s{s + 1}").Append("health").Append("health.long")
            .SelectMany(series => RollingFeatures.Names.Select(n => $"{series}.{n}")),
    ];

    /// <summary>
    /// Fits the pipeline on training runs: clusters the settings into operating conditions, computes per-condition
    /// sensor statistics, drops sensors that are constant within every condition and fits the health index to the
    /// remaining life (capped at <paramref name="cap"/> when given) of the run-to-failure <paramref name="runs"/>.
    /// </summary>
    public static RulFeaturePipeline Fit(IReadOnlyList<EngineRun> runs, int window, double smoothing, int maxConditions, int seed, double? cap)
    {
        ArgumentNullException.ThrowIfNull(runs);
        foreach (var run in runs)
        {
            foreach (var cycle in run.Cycles)
                EnsureFinite(cycle, run.Unit);
        }
        var rows = runs.SelectMany(r => r.Cycles).ToList();
        var conditions = OperatingConditionClustering.Fit([.. rows.Select(r => r.Settings)], maxConditions, seed);
        var k = conditions.Centroids.Length;
        var sensorCount = rows[0].Sensors.Length;
        var conditionOf = rows.Select(r => conditions.Assign(r.Settings)).ToArray();
        var count = new int[k];
        var mean = new double[k][];
        var std = new double[k][];
        for (var c = 0; c < k; c++)
        {
            mean[c] = new double[sensorCount];
            std[c] = new double[sensorCount];
        }
        // Two passes: E[x²] − E[x]² would turn round-off into spread and hide constant sensors.
        for (var i = 0; i < rows.Count; i++)
        {
            count[conditionOf[i]]++;
            for (var s = 0; s < sensorCount; s++)
                mean[conditionOf[i]][s] += rows[i].Sensors[s];
        }
        for (var c = 0; c < k; c++)
        {
            for (var s = 0; s < sensorCount; s++)
                mean[c][s] /= Math.Max(1, count[c]);
        }
        for (var i = 0; i < rows.Count; i++)
        {
            for (var s = 0; s < sensorCount; s++)
            {
                var d = rows[i].Sensors[s] - mean[conditionOf[i]][s];
                std[conditionOf[i]][s] += d * d;
            }
        }
        for (var c = 0; c < k; c++)
        {
            for (var s = 0; s < sensorCount; s++)
                std[c][s] = Math.Sqrt(std[c][s] / Math.Max(1, count[c]));
        }
        var kept = Enumerable.Range(0, sensorCount)
            .Where(s => Enumerable.Range(0, k).Any(c => count[c] > 1 && std[c][s] > ConstantTolerance * Math.Max(1.0, Math.Abs(mean[c][s]))))
            .ToArray();
        if (kept.Length == 0)
            throw new InvalidOperationException("every sensor is constant within every operating condition: nothing to learn from");
        var unfitted = new RulFeaturePipeline(
            window,
            smoothing,
            conditions,
            kept,
            [.. mean.Select(m => kept.Select(s => m[s]).ToArray())],
            [.. std.Select(d => kept.Select(s => d[s] > ConstantTolerance * 10 ? d[s] : 1.0).ToArray())],
            []);
        var normalised = new List<double[]>(rows.Count);
        var targets = new List<double>(rows.Count);
        foreach (var run in runs)
        {
            var failure = run.Cycles[^1].Cycle;
            foreach (var cycle in run.Cycles)
            {
                normalised.Add(unfitted.Normalise(cycle));
                targets.Add(Math.Min(failure - cycle.Cycle, cap ?? double.MaxValue));
            }
        }
        return unfitted with { HealthWeights = HealthIndex.Fit(normalised, targets) };
    }

    private double[] Normalise(EngineCycle cycle)
    {
        var condition = Conditions.Assign(cycle.Settings);
        var row = new double[KeptSensors.Length];
        for (var k = 0; k < KeptSensors.Length; k++)
            row[k] = (cycle.Sensors[KeptSensors[k]] - Means[condition][k]) / StandardDeviations[condition][k];
        return row;
    }

    /// <summary>Feature rows for every cycle of <paramref name="run"/> (row i describes the history up to cycle i).</summary>
    public float[][] Transform(EngineRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var n = run.Cycles.Count;
        var output = new float[n][];
        for (var i = 0; i < n; i++)
        {
            EnsureFinite(run.Cycles[i], run.Unit);
            output[i] = new float[FeatureCount];
            output[i][0] = run.Cycles[i].Cycle;
        }
        var normalised = run.Cycles.Select(Normalise).ToArray();
        var series = new double[n];
        for (var k = 0; k < KeptSensors.Length; k++)
        {
            for (var i = 0; i < n; i++)
                series[i] = normalised[i][k];
            RollingFeatures.Compute(series, Window, Smoothing, output, 1 + k * RollingFeatures.PerSeries);
        }
        for (var i = 0; i < n; i++)
            series[i] = HealthIndex.Evaluate(HealthWeights, normalised[i]);
        var health = 1 + KeptSensors.Length * RollingFeatures.PerSeries;
        RollingFeatures.Compute(series, Window, Smoothing, output, health);
        RollingFeatures.Compute(series, Window * LongWindowFactor, Smoothing / LongWindowFactor, output, health + RollingFeatures.PerSeries);
        return output;
    }

    private static void EnsureFinite(EngineCycle cycle, int unit)
    {
        if (cycle.Settings.Any(v => !double.IsFinite(v)) || cycle.Sensors.Any(v => !double.IsFinite(v)))
            throw new ArgumentException($"unit {unit}, cycle {cycle.Cycle}: NaN or infinite value in settings or sensors");
    }
}
