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
    /// Fuzzy ART novelty (default: vigilance 0.8 over pairs of samples, new categories remembered for 500 samples); null
    /// turns it off. Its range is NAB's input range of the series when <see cref="UseSeriesRange"/> is set, and its
    /// downsampling is set from the probationary length by <see cref="FuzzyArtSamplesPerProbation"/>.
    /// </summary>
    public FuzzyArtOptions? FuzzyArt { get; init; } = new() { Vigilance = 0.8, Window = 2, CommitMemory = 500 };

    /// <summary>Samples the probationary period is downsampled to for fuzzy ART (default 400; at least one row per sample).</summary>
    public int FuzzyArtSamplesPerProbation { get; init; } = 400;

    /// <summary>
    /// Weight of the fuzzy ART novelty; the row's score is the largest of it, the context novelty and the weighted
    /// likelihood (default 1.3, capped at 1: a new category after a settled spell always reaches <see cref="DetectionLevel"/>).
    /// </summary>
    public double FuzzyArtWeight { get; init; } = 1.3;

    /// <summary>
    /// Quantise on the series' minimum and maximum, the inputMin/inputMax NAB's harness hands every detector (default true);
    /// false quantises on the probationary period's range, which is strictly online.
    /// </summary>
    public bool UseSeriesRange { get; init; } = true;

    /// <summary>Detectors whose raw scores go through an anomaly likelihood, each created fresh per series (default: robust z, CUSUM, BOCPD, stuck, variance).</summary>
    public IReadOnlyList<Func<IUnivariateDetector>> Detectors { get; init; } =
    [
        () => new RobustZDetector(),
        () => new CusumDetector(),
        () => new BocpdDetector(),
        () => new StuckDetector(),
        () => new VarianceDetector(),
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
