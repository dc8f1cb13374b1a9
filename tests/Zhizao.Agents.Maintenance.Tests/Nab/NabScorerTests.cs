using Zhizao.Agents.Maintenance.Benchmarks.Nab;

namespace Zhizao.Agents.Maintenance.Tests.Nab;

/// <summary>
/// Hand-computed cases on one 20-row series (probationary period ⌊0.15·20⌋ = 3 rows) with one window on rows 10–14.
/// σ(y) = 2/(1+e^{5y}) − 1 = −tanh(2.5·y); a TP reward is A_TP·σ(y)/σ(−1).
/// </summary>
public sealed class NabScorerTests
{
    private const int Rows = 20;
    private const int WindowFirst = 10;
    private const int WindowLast = 14;
    private static readonly NabProfile Standard = new("standard", 1.0, 0.11, 1.0, 1.0);
    private static readonly NabProfile LowFalseNegative = new("reward_low_FN_rate", 1.0, 0.11, 2.0, 1.0);
    private static readonly DateTime Origin = new(2014, 4, 10, 0, 0, 0, DateTimeKind.Unspecified);

    [Fact]
    public void Detection_at_window_start_earns_the_full_true_positive_weight()
    {
        var score = ScoreDetections(Standard, WindowFirst);

        Assert.Equal(1.0, score.RawScore, 9);
        Assert.Equal(100.0, score.NormalizedScore, 9);
        Assert.Equal((1, 0, 0), (score.DetectedWindows, score.MissedWindows, score.FalsePositives));
    }

    [Fact]
    public void Detection_at_window_end_earns_the_sigmoid_of_its_position()
    {
        // Position −1/5 = −0.2: tanh(0.5)/tanh(2.5) = 0.462117/0.986614.
        var score = ScoreDetections(Standard, WindowLast);

        Assert.Equal(0.468388, score.RawScore, 5);
    }

    [Fact]
    public void Only_the_first_detection_in_a_window_counts()
    {
        // Row 12 sits at −3/5 = −0.6: tanh(1.5)/tanh(2.5) = 0.905148/0.986614; rows 13 and 14 add nothing.
        var score = ScoreDetections(Standard, 12, 13, 14);

        Assert.Equal(0.917430, score.RawScore, 5);
        Assert.Equal((1, 0, 0), (score.DetectedWindows, score.MissedWindows, score.FalsePositives));
    }

    [Fact]
    public void Missed_window_costs_the_false_negative_weight()
    {
        Assert.Equal(-1.0, ScoreDetections(Standard).RawScore, 9);
        Assert.Equal(-2.0, ScoreDetections(LowFalseNegative).RawScore, 9);
        Assert.Equal(0.0, ScoreDetections(LowFalseNegative).NormalizedScore, 9);
    }

    [Fact]
    public void False_positive_after_a_window_is_weighted_by_its_distance_from_the_window()
    {
        // Row 15 is 1/4 of the window's width − 1 past its end: 0.11·(−tanh(0.625)) = −0.061006.
        var near = ScoreDetections(Standard, 15);
        // Row 18 is 4/4 past: 0.11·(−tanh(2.5)) = −0.108528.
        var far = ScoreDetections(Standard, 18);

        Assert.Equal(-1.061006, near.RawScore, 5);
        Assert.Equal(-1.108528, far.RawScore, 5);
        Assert.Equal((0, 1, 1), (far.DetectedWindows, far.MissedWindows, far.FalsePositives));
    }

    [Fact]
    public void False_positive_before_any_window_costs_the_full_false_positive_weight()
    {
        var score = ScoreDetections(Standard, 5);

        Assert.Equal(-1.11, score.RawScore, 9);
        Assert.Equal(1, score.FalsePositives);
    }

    [Fact]
    public void Detections_in_the_probationary_period_are_ignored()
    {
        var score = ScoreDetections(Standard, 0, 1, 2);

        Assert.Equal(-1.0, score.RawScore, 9);
        Assert.Equal(0, score.FalsePositives);
    }

    [Fact]
    public void Probationary_period_is_capped_at_750_rows()
    {
        var series = new NabSeries("artificialNoAnomaly/long.csv", Times(6000), new double[6000], []);
        var scores = new double[6000];
        scores[749] = 1.0;
        scores[750] = 1.0;

        var score = NabScorer.Score(new NabCorpus([series]), Results(series, scores), Standard, 0.5);

        Assert.Equal(1, score.FalsePositives);
        Assert.Equal(-0.11, score.RawScore, 9);
    }

    [Fact]
    public void A_score_equal_to_the_threshold_is_a_detection()
    {
        var series = OneWindowSeries();
        var scores = new double[Rows];
        scores[WindowFirst] = 0.5;

        Assert.Equal(1, NabScorer.Score(new NabCorpus([series]), Results(series, scores), Standard, 0.5).DetectedWindows);
        Assert.Equal(0, NabScorer.Score(new NabCorpus([series]), Results(series, scores), Standard, 0.5000001).DetectedWindows);
    }

    [Fact]
    public void Threshold_optimisation_finds_the_threshold_with_the_best_raw_score()
    {
        // 0.9 alone: FP before the window and a miss (−1.11); down to 0.5: that FP and a window hit at its start (0.89);
        // down to 0.2: also four FPs after the window; at 0: every row detected.
        var series = OneWindowSeries();
        var scores = new double[Rows];
        scores[5] = 0.9;
        scores[WindowFirst] = 0.5;
        scores[16] = scores[17] = scores[18] = scores[19] = 0.2;

        var best = NabScorer.Optimize(new NabCorpus([series]), Results(series, scores), Standard);

        Assert.Equal(0.5, best.Threshold);
        Assert.Equal(0.89, best.RawScore, 9);
    }

    [Fact]
    public void Scores_of_the_wrong_length_are_rejected_naming_the_series()
    {
        var series = OneWindowSeries();

        var error = Assert.Throws<ArgumentException>(() => NabScorer.Score(new NabCorpus([series]), Results(series, new double[Rows - 1]), Standard, 0.5));
        Assert.Contains(series.Name, error.Message, StringComparison.Ordinal);
    }

    private static NabScore ScoreDetections(NabProfile profile, params int[] detectedRows)
    {
        var series = OneWindowSeries();
        var scores = new double[Rows];
        foreach (var row in detectedRows)
            scores[row] = 1.0;
        return NabScorer.Score(new NabCorpus([series]), Results(series, scores), profile, 0.5);
    }

    private static NabSeries OneWindowSeries() =>
        new("artificialWithAnomaly/hand.csv", Times(Rows), new double[Rows], [new NabWindow(Origin.AddMinutes(WindowFirst), Origin.AddMinutes(WindowLast))]);

    private static DateTime[] Times(int count) => [.. Enumerable.Range(0, count).Select(i => Origin.AddMinutes(i))];

    private static NabDetectorResults Results(NabSeries series, double[] scores) =>
        new("hand", new Dictionary<string, IReadOnlyList<double>> { [series.Name] = scores });
}
