using Zhizao.Agents.Maintenance.Benchmarks.Skab;

namespace Zhizao.Agents.Maintenance.Tests.Skab;

public sealed class SkabScoringTests
{
    [Fact]
    public void Outlier_metrics_match_a_hand_computed_case()
    {
        bool[] truth = [false, false, true, true, true, false, false, true];
        bool[] predicted = [false, true, true, true, false, false, true, false];

        var m = SkabOutlierMetrics.Compute(truth, predicted);

        // TP 2, FP 2, FN 2, TN 2.
        Assert.Equal((2, 2, 2, 2), (m.TruePositives, m.FalsePositives, m.FalseNegatives, m.TrueNegatives));
        Assert.Equal(0.5, m.F1, 12);
        Assert.Equal(0.5, m.FalseAlarmRate, 12);
        Assert.Equal(0.5, m.MissedAlarmRate, 12);
        var sum = m + SkabOutlierMetrics.Compute([true], [true]);
        Assert.Equal(2.0 * 3 / ((2 * 3) + 2 + 2), sum.F1, 12);
    }

    [Fact]
    public void Windows_open_60_seconds_at_each_changepoint_and_stop_before_the_next()
    {
        var run = Run(300, [10, 40], []);

        var windows = SkabChangepointScoring.Windows(run);

        Assert.Equal(2, windows.Count);
        Assert.Equal(run.Timestamps[10], windows[0].Start);
        Assert.True(windows[0].End < run.Timestamps[40]);
        Assert.Equal(run.Timestamps[40], windows[1].Start);
        Assert.True(windows[1].End > run.Timestamps[99] && windows[1].End < run.Timestamps[100]);
    }

    [Fact]
    public void Changepoint_score_matches_a_hand_computed_case()
    {
        // One changepoint at row 100 (window rows 100–159). A detection at its first row earns A_TP = 1; a detection far
        // after the window (row 290, y = (290 − 159)/59 > 2.2) costs A_FP · σ(y) ≈ −0.11 · 0.99997; nothing is missed.
        var standard = SkabChangepointScoring.Profiles[0];
        var perfect = SkabChangepointScoring.Score([Run(300, [100], [100])], standard);
        var withFalsePositive = SkabChangepointScoring.Score([Run(300, [100], [100, 290])], standard);
        var missed = SkabChangepointScoring.Score([Run(300, [100], [])], standard);

        Assert.Equal(100, perfect.NormalizedScore, 9);
        var y = (290.0 - 159) / (159 - 100);
        var penalty = 0.11 * ((2.0 / (1 + Math.Exp(5 * y))) - 1);
        Assert.Equal(100 * (1 + penalty + 1) / 2, withFalsePositive.NormalizedScore, 9);
        Assert.Equal(1, withFalsePositive.FalsePositives);
        Assert.Equal(0, missed.NormalizedScore, 9);
        Assert.Equal(1, missed.MissedWindows);
    }

    [Fact]
    public void Every_test_row_is_scored_despite_NAB_probation()
    {
        // A detection in the very first test row, before any changepoint, is a full false positive (−A_FP).
        var standard = SkabChangepointScoring.Profiles[0];

        var score = SkabChangepointScoring.Score([Run(300, [100], [0, 100])], standard);

        Assert.Equal(100 * (1 - 0.11 + 1) / 2, score.NormalizedScore, 9);
    }

    private static SkabChangepointRun Run(int rows, int[] changepoints, int[] predicted)
    {
        var start = new DateTime(2020, 3, 9, 10, 0, 0, DateTimeKind.Unspecified);
        return new SkabChangepointRun("valve1/1.csv", [.. Enumerable.Range(0, rows).Select(i => start.AddSeconds(i))],
            [.. Enumerable.Range(0, rows).Select(changepoints.Contains)], [.. Enumerable.Range(0, rows).Select(predicted.Contains)]);
    }
}
