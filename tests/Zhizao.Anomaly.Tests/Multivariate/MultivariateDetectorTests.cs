using Zhizao.Anomaly.Calibration;
using Zhizao.Anomaly.Multivariate;

namespace Zhizao.Anomaly.Tests.Multivariate;

public sealed class MultivariateDetectorTests
{
    public static TheoryData<string> Detectors => ["pca-t2q", "isolation-forest", "ridge-forecaster"];

    private static IMultivariateDetector Create(string name) => name switch
    {
        "pca-t2q" => new PcaT2QDetector(),
        "isolation-forest" => new IsolationForestDetector(seed: 7),
        _ => new RidgeForecastDetector(),
    };

    [Theory]
    [MemberData(nameof(Detectors))]
    public void Broken_relation_scores_high_and_names_the_broken_signal(string name)
    {
        var signals = new PlantSignals(1);
        var detector = Create(name);
        detector.Fit(signals.Take(1500));
        var contributions = new double[4];
        var normal = signals.Take(300).Select(r => detector.Score(r, contributions)).Order().ToArray();

        // Pressure leaves its relation with flow: its sign flips (PCA, forecaster); the forest, which splits one axis at
        // a time, gets a pressure far outside its normal range.
        var broken = signals.Next();
        broken[1] = name == "isolation-forest" ? broken[1] + 8 : -broken[1] + 1.5;
        var score = detector.Score(broken, contributions);

        // The forest's score is bounded by 1 and a single-axis outlier ranks like the extreme training value, so it must
        // only clear the normal median by a margin; the others must exceed three times the normal maximum.
        var bar = name == "isolation-forest" ? normal[150] + 0.03 : 3 * normal[^1];
        Assert.True(score > bar, $"{name}: broken {score}, bar {bar}");
        Assert.Equal(1, Array.IndexOf(contributions, contributions.Max()));
        Assert.All(contributions, c => Assert.True(c >= 0));
    }

    [Theory]
    [MemberData(nameof(Detectors))]
    public void Normal_rows_cross_the_calibrated_threshold_at_about_the_target_rate(string name)
    {
        var signals = new PlantSignals(2);
        var detector = Create(name);
        detector.Fit(signals.Take(1500));
        var contributions = new double[4];
        var calibrator = ScoreCalibrator.Fit(signals.Take(1500).Select(r => detector.Score(r, contributions)).ToArray());
        var threshold = calibrator.ThresholdFor(0.05);

        var rate = signals.Take(3000).Count(r => detector.Score(r, contributions) >= threshold) / 3000.0;

        Assert.InRange(rate, 0.02, 0.09);
    }

    [Theory]
    [MemberData(nameof(Detectors))]
    public void Too_few_rows_are_refused_with_the_minimum(string name)
    {
        var error = Assert.Throws<InsufficientTrainingDataException>(() => Create(name).Fit(new PlantSignals(3).Take(12)));
        Assert.Contains("at least", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Detectors))]
    public void A_constant_column_is_left_out_without_NaN(string name)
    {
        var signals = new PlantSignals(4);
        var rows = signals.Take(600).Select(r => (double[])[r[0], r[1], 7.0, r[3]]).ToList();
        var detector = Create(name);
        detector.Fit(rows);
        var contributions = new double[4];
        var row = signals.Next();
        row[2] = 9.0;

        var score = detector.Score(row, contributions);

        Assert.True(double.IsFinite(score));
        Assert.Equal(0, contributions[2]);
        Assert.All(contributions, c => Assert.True(double.IsFinite(c)));
    }

    [Theory]
    [MemberData(nameof(Detectors))]
    public void Every_column_constant_is_refused(string name) =>
        Assert.Throws<InsufficientTrainingDataException>(() => Create(name).Fit([.. Enumerable.Range(0, 600).Select(_ => (double[])[1.0, 2.0])]));

    [Theory]
    [MemberData(nameof(Detectors))]
    public void A_gap_is_filled_with_the_last_value(string name)
    {
        var signals = new PlantSignals(5);
        var training = signals.Take(800);
        var withGap = Create(name);
        var filled = Create(name);
        withGap.Fit(training);
        filled.Fit(training);
        var contributions = new double[4];
        var previous = signals.Next();
        withGap.Score(previous, contributions);
        filled.Score(previous, contributions);
        var next = signals.Next();

        var gapScore = withGap.Score([next[0], double.NaN, next[2], next[3]], contributions);
        var filledScore = filled.Score([next[0], previous[1], next[2], next[3]], contributions);

        Assert.Equal(filledScore, gapScore, 12);
    }
}
