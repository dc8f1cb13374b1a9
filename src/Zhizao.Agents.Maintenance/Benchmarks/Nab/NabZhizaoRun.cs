using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Zhizao.Agents.Maintenance.Benchmarks.Nab;

/// <summary>Zhizao's NAB result: the normalised score of each published profile and the detector's cost.</summary>
/// <param name="Scores">One score per profile of <see cref="NabProfile.PublishedNames"/>, at the threshold NAB's optimiser picks.</param>
/// <param name="Points">Rows scored over the corpus.</param>
/// <param name="NanosecondsPerPoint">Detector time per row (fitting included, file I/O and scoring excluded).</param>
/// <param name="ResultsDirectory">Where the per-series results were written (<c>&lt;dir&gt;/zhizao/&lt;category&gt;/zhizao_&lt;file&gt;.csv</c>).</param>
public sealed record NabZhizaoResult(IReadOnlyList<NabScore> Scores, long Points, double NanosecondsPerPoint, string ResultsDirectory)
{
    /// <summary>Standard-profile normalised score.</summary>
    public double Standard => ScoreOf("standard");

    /// <summary>Reward-low-FP profile normalised score.</summary>
    public double RewardLowFalsePositives => ScoreOf("reward_low_FP_rate");

    /// <summary>Reward-low-FN profile normalised score.</summary>
    public double RewardLowFalseNegatives => ScoreOf("reward_low_FN_rate");

    private double ScoreOf(string profile) => Scores.Single(s => s.Profile.Name == profile).NormalizedScore;
}

/// <summary>
/// Runs <see cref="NabZhizaoDetector"/> over every NAB series, writes the results in NAB's own layout and columns, and
/// scores them with <see cref="NabScorer"/> (threshold optimised per profile, as NAB does).
/// </summary>
public static class NabZhizaoRun
{
    /// <summary>The detector name in NAB's results layout.</summary>
    public const string DetectorName = "zhizao";

    /// <summary>Runs with the default <see cref="NabZhizaoOptions"/>.</summary>
    public static Task<NabZhizaoResult> RunAsync(string nabRoot, string outputDirectory, CancellationToken cancellationToken) =>
        RunAsync(nabRoot, outputDirectory, new NabZhizaoOptions(), cancellationToken);

    /// <summary>Runs on the NAB checkout at <paramref name="nabRoot"/>, writing results under <paramref name="outputDirectory"/>.</summary>
    public static async Task<NabZhizaoResult> RunAsync(string nabRoot, string outputDirectory, NabZhizaoOptions options, CancellationToken cancellationToken)
    {
        var corpus = await NabCorpus.LoadAsync(nabRoot, cancellationToken).ConfigureAwait(false);
        var profiles = await NabProfile.LoadAllAsync(Path.Combine(nabRoot, "config", "profiles.json"), cancellationToken).ConfigureAwait(false);
        var started = Stopwatch.GetTimestamp();
        var results = Detect(corpus, options, cancellationToken);
        var elapsed = Stopwatch.GetElapsedTime(started);
        var points = corpus.Series.Sum(s => (long)s.Timestamps.Count);
        await WriteAsync(corpus, results, outputDirectory, cancellationToken).ConfigureAwait(false);
        var scores = NabProfile.PublishedNames.Select(name => NabScorer.Optimize(corpus, results, profiles[name])).ToList();
        return new NabZhizaoResult(scores, points, elapsed.TotalNanoseconds / points, Path.Combine(outputDirectory, DetectorName));
    }

    /// <summary>Scores every series of <paramref name="corpus"/>, each with a fresh detector; uses no labels.</summary>
    public static NabDetectorResults Detect(NabCorpus corpus, NabZhizaoOptions options, CancellationToken cancellationToken)
    {
        var scores = new Dictionary<string, IReadOnlyList<double>>(StringComparer.Ordinal);
        foreach (var series in corpus.Series)
        {
            cancellationToken.ThrowIfCancellationRequested();
            scores[series.Name] = Detect(series, options);
        }
        return new NabDetectorResults(DetectorName, scores);
    }

    /// <summary>
    /// Scores one series row by row; the probationary length is NAB's, from the series length alone, and the input range
    /// is the series' minimum and maximum, which NAB's harness gives every detector (inputMin/inputMax).
    /// </summary>
    public static double[] Detect(NabSeries series, NabZhizaoOptions options)
    {
        var n = series.Timestamps.Count;
        var detector = new NabZhizaoDetector(options, Math.Max(1, NabRowWeights.ProbationaryLengthOf(n)), InputRange(series.Values));
        var scores = new double[n];
        for (var i = 0; i < n; i++)
            scores[i] = detector.Update(ToMicros(series.Timestamps[i]), series.Values[i]);
        return scores;
    }

    /// <summary>Writes <c>&lt;dir&gt;/zhizao/&lt;category&gt;/zhizao_&lt;file&gt;.csv</c> with <c>timestamp,value,anomaly_score,label</c>.</summary>
    public static async Task WriteAsync(NabCorpus corpus, NabDetectorResults results, string outputDirectory, CancellationToken cancellationToken)
    {
        foreach (var series in corpus.Series)
        {
            var folder = Path.Combine(outputDirectory, results.DetectorName, series.Category);
            Directory.CreateDirectory(folder);
            var scores = results.For(series);
            var text = new StringBuilder("timestamp,value,anomaly_score,label\n", 64 * series.Timestamps.Count);
            var window = 0;
            for (var i = 0; i < series.Timestamps.Count; i++)
            {
                var time = series.Timestamps[i];
                while (window < series.Windows.Count && series.Windows[window].End < time)
                    window++;
                var label = window < series.Windows.Count && series.Windows[window].Start <= time ? 1 : 0;
                text.Append(CultureInfo.InvariantCulture, $"{time:yyyy-MM-dd HH:mm:ss},{series.Values[i]:R},{scores[i]:R},{label}\n");
            }
            var path = Path.Combine(folder, $"{results.DetectorName}_{series.FileName}");
            await File.WriteAllTextAsync(path, text.ToString(), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>NAB's inputMin/inputMax: the smallest and largest finite value of the series (null when it has none).</summary>
    public static (double Minimum, double Maximum)? InputRange(IReadOnlyList<double> values)
    {
        var (min, max) = (double.PositiveInfinity, double.NegativeInfinity);
        foreach (var v in values)
        {
            if (double.IsFinite(v))
                (min, max) = (Math.Min(min, v), Math.Max(max, v));
        }
        return min <= max ? (min, max) : null;
    }

    private static long ToMicros(DateTime time) => (time.Ticks - DateTime.UnixEpoch.Ticks) / TimeSpan.TicksPerMicrosecond;
}
