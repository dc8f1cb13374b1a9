using Zhizao.Anomaly;
using Zhizao.Anomaly.Univariate;

namespace Zhizao.Agents.Maintenance.Benchmarks.Nab;

/// <summary>How <see cref="NabZhizaoDetector"/> turns one series into NAB anomaly scores. Defaults are the committed NAB run.</summary>
public sealed record NabZhizaoOptions
{
    /// <summary>
    /// Context novelty, the main score (default: <see cref="ContextNoveltyOptions"/> defaults); null leaves only the
    /// likelihood detectors. Its range is NAB's input range of the series when <see cref="UseSeriesRange"/> is set.
    /// </summary>
    public ContextNoveltyOptions? ContextNovelty { get; init; } = new();

    /// <summary>
    /// Fuzzy ART detectors whose largest novelty joins the row's score (default: vigilances 0.75, 0.8 and 0.85 over pairs
    /// of rows, new categories remembered for 500 rows); empty turns fuzzy ART off. Their range is NAB's input range of
    /// the series when <see cref="UseSeriesRange"/> is set. (Downsampling to fewer samples hurt on NAB: 66.69 standard
    /// with two rows per sample against 71.30 with none.)
    /// </summary>
    public IReadOnlyList<FuzzyArtOptions> FuzzyArt { get; init; } =
    [
        new() { Vigilance = 0.75, Window = 2, CommitMemory = 500 },
        new() { Vigilance = 0.8, Window = 2, CommitMemory = 500 },
        new() { Vigilance = 0.85, Window = 2, CommitMemory = 500 },
    ];

    /// <summary>
    /// Weight of the largest fuzzy ART novelty; the row's score is the largest of it, the context novelty and the weighted
    /// likelihood (default 1.3, capped at 1: a new category after a settled spell always reaches <see cref="DetectionLevel"/>).
    /// </summary>
    public double FuzzyArtWeight { get; init; } = 1.3;

    /// <summary>
    /// Quantise on the series' minimum and maximum, the inputMin/inputMax NAB's harness hands every detector (default true);
    /// false quantises on the probationary period's range, which is strictly online.
    /// </summary>
    public bool UseSeriesRange { get; init; } = true;

    /// <summary>
    /// Detectors whose raw scores go through an anomaly likelihood, each created fresh per series (default: robust z and
    /// noise burst). With fuzzy ART in the score, CUSUM and BOCPD added nothing on NAB and stuck and variance only false
    /// positives (robust z, CUSUM, BOCPD, stuck, variance and noise burst together: standard 72.55 at 4.4 µs/point).
    /// </summary>
    public IReadOnlyList<Func<IUnivariateDetector>> Detectors { get; init; } =
    [
        () => new RobustZDetector(),
        () => new NoiseBurstDetector(),
    ];

    /// <summary>Weight of the largest log-scaled likelihood against the context novelty; the row's score is the larger of the two (default 0.75).</summary>
    public double LikelihoodWeight { get; init; } = 0.75;

    /// <summary>Raw scores averaged by the anomaly likelihood (default 10, as NAB's HTM detector).</summary>
    public int ShortWindow { get; init; } = 10;

    /// <summary>Averages the likelihood's distribution is estimated from (default 2,000).</summary>
    public int LongWindow { get; init; } = 2000;

    /// <summary>Floor on each likelihood's raw-score deviation (default 0.05).</summary>
    public double MinimumDeviation { get; init; } = 0.05;

    /// <summary>Decades of tail probability mapped onto [0, 1] (default 50: a tail of 10⁻⁵⁰ scores 1).</summary>
    public double Decades { get; init; } = 50;

    /// <summary>Combined score from which a row is a detection (default 0.6); lower rows report 0.</summary>
    public double DetectionLevel { get; init; } = 0.6;

    /// <summary>
    /// A detection reports its score only when no row reached <see cref="DetectionLevel"/> in this many previous rows, as a
    /// fraction of the probationary length (default 0.2): a persisting anomaly reports once, at its onset, which is what
    /// NAB rewards.
    /// </summary>
    public double SuppressionFraction { get; init; } = 0.2;
}
