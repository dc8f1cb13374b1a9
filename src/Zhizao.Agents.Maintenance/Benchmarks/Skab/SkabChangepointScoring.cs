using Zhizao.Agents.Maintenance.Benchmarks.Nab;

namespace Zhizao.Agents.Maintenance.Benchmarks.Skab;

/// <summary>The test part of one run for changepoint scoring: its timestamps, true changepoints and predicted ones.</summary>
/// <param name="Name">Run name, e.g. <c>valve1/3.csv</c>.</param>
/// <param name="Timestamps">Test-row timestamps.</param>
/// <param name="TrueChangepoints">True <c>changepoint</c> label per test row.</param>
/// <param name="PredictedChangepoints">Predicted <c>changepoint</c> label per test row.</param>
public sealed record SkabChangepointRun(string Name, IReadOnlyList<DateTime> Timestamps, IReadOnlyList<bool> TrueChangepoints, IReadOnlyList<bool> PredictedChangepoints);

/// <summary>
/// SKAB's changepoint problem scored with Zhizao's NAB scorer (<see cref="NabScorer"/>): each true changepoint opens a
/// window of <see cref="Window"/> to its right (clipped before the next changepoint, since NAB windows may not overlap);
/// predicted changepoints are detections. NAB ignores a probationary first 15 % of each series; SKAB scores every test
/// row, so each series is prefixed with as many undetected, unscored rows as the probation needs (they can neither hit
/// nor cost), which leaves every test row scored.
/// </summary>
public static class SkabChangepointScoring
{
    /// <summary>SKAB's window: 60 seconds starting at the changepoint.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(60);

    /// <summary>NAB's three published profiles (cost matrices of NAB's <c>config/profiles.json</c>).</summary>
    public static readonly IReadOnlyList<NabProfile> Profiles =
    [
        new("standard", 1.0, 0.11, 1.0, 1.0),
        new("reward_low_FP_rate", 1.0, 0.22, 1.0, 1.0),
        new("reward_low_FN_rate", 1.0, 0.11, 2.0, 1.0),
    ];

    /// <summary>Scores the runs under one profile.</summary>
    public static NabScore Score(IReadOnlyList<SkabChangepointRun> runs, NabProfile profile)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var series = new List<NabSeries>(runs.Count);
        var scores = new Dictionary<string, IReadOnlyList<double>>(StringComparer.Ordinal);
        foreach (var run in runs)
        {
            if (run.TrueChangepoints.Count != run.Timestamps.Count || run.PredictedChangepoints.Count != run.Timestamps.Count)
                throw new ArgumentException($"{run.Name}: labels and timestamps differ in length", nameof(runs));
            var (timestamps, detections) = WithProbationPrefix(run);
            series.Add(new NabSeries(SeriesName(run.Name), timestamps, new double[timestamps.Count], Windows(run)));
            scores[SeriesName(run.Name)] = detections;
        }
        return NabScorer.Score(new NabCorpus(series), new NabDetectorResults("zhizao", scores), profile, 0.5);
    }

    /// <summary>The windows of a run: [changepoint, changepoint + 60 s), ending before the next changepoint.</summary>
    public static IReadOnlyList<NabWindow> Windows(SkabChangepointRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var starts = run.Timestamps.Where((_, i) => run.TrueChangepoints[i]).ToArray();
        var windows = new List<NabWindow>(starts.Length);
        for (var w = 0; w < starts.Length; w++)
        {
            var end = starts[w] + Window - TimeSpan.FromTicks(1);
            if (w + 1 < starts.Length && end >= starts[w + 1])
                end = starts[w + 1] - TimeSpan.FromTicks(1);
            windows.Add(new NabWindow(starts[w], end));
        }
        return windows;
    }

    // NAB series names are category/file; a run name already has that form.
    private static string SeriesName(string name) => name.Contains('/', StringComparison.Ordinal) ? name : $"skab/{name}";

    /// <summary>
    /// Prefixes ⌈0.15·n / 0.85⌉ + 1 rows one second apart before the first test row, so that NAB's probation
    /// (⌊0.15 · total⌋ rows, at most 750) ends inside the prefix.
    /// </summary>
    private static (IReadOnlyList<DateTime> Timestamps, IReadOnlyList<double> Detections) WithProbationPrefix(SkabChangepointRun run)
    {
        var n = run.Timestamps.Count;
        var prefix = Math.Min(750, (int)Math.Ceiling(0.15 * n / 0.85) + 1);
        var first = n > 0 ? run.Timestamps[0] : DateTime.UnixEpoch;
        var timestamps = new DateTime[prefix + n];
        var detections = new double[prefix + n];
        for (var i = 0; i < prefix; i++)
            timestamps[i] = first - TimeSpan.FromSeconds(prefix - i);
        for (var i = 0; i < n; i++)
        {
            timestamps[prefix + i] = run.Timestamps[i];
            detections[prefix + i] = run.PredictedChangepoints[i] ? 1 : 0;
        }
        return (timestamps, detections);
    }
}
