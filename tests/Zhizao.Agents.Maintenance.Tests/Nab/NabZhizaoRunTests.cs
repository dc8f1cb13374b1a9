using System.Globalization;
using Xunit.Abstractions;
using Zhizao.Agents.Maintenance.Benchmarks.Nab;

namespace Zhizao.Agents.Maintenance.Tests.Nab;

/// <summary>Zhizao's detector on two NAB series: NAB's results layout and columns, scores in [0, 1], nothing before probation ends.</summary>
public sealed class NabZhizaoRunTests(ITestOutputHelper output) : IDisposable
{
    private static readonly string[] Picked = ["realKnownCause/machine_temperature_system_failure.csv", "artificialWithAnomaly/art_daily_jumpsup.csv"];
    private readonly string _outputDirectory = Path.Combine(Path.GetTempPath(), $"zhizao-nab-{Guid.NewGuid():N}");

    [Fact]
    public async Task Results_follow_NABs_layout_and_columns_with_scores_in_the_unit_interval()
    {
        string root;
        try
        {
            root = SharedData.Resolve("nab");
        }
        catch (IOException e)
        {
            output.WriteLine($"skipped: {e.Message}");
            return;
        }
        var all = await NabCorpus.LoadAsync(root, CancellationToken.None);
        var corpus = new NabCorpus([.. all.Series.Where(s => Picked.Contains(s.Name))]);
        Assert.Equal(2, corpus.Series.Count);

        var results = NabZhizaoRun.Detect(corpus, new NabZhizaoOptions(), CancellationToken.None);
        await NabZhizaoRun.WriteAsync(corpus, results, _outputDirectory, CancellationToken.None);

        foreach (var series in corpus.Series)
        {
            var path = Path.Combine(_outputDirectory, "zhizao", series.Category, $"zhizao_{series.FileName}");
            var lines = await File.ReadAllLinesAsync(path);
            Assert.Equal("timestamp,value,anomaly_score,label", lines[0]);
            Assert.Equal(series.Timestamps.Count + 1, lines.Length);
            var scores = lines.Skip(1).Select(l => double.Parse(l.Split(',')[2], CultureInfo.InvariantCulture)).ToArray();
            Assert.All(scores, s => Assert.InRange(s, 0.0, 1.0));
            var probation = Math.Min((int)Math.Floor(0.15 * scores.Length), 750);
            Assert.All(scores[..probation], s => Assert.Equal(0.0, s));
            Assert.Contains(scores[probation..], s => s > 0);
            Assert.Contains(lines.Skip(1), l => l.EndsWith(",1", StringComparison.Ordinal));
        }
        var reread = await NabDetectorResults.LoadAsync(_outputDirectory, "zhizao", corpus, CancellationToken.None);
        var profiles = await NabProfile.LoadAllAsync(Path.Combine(root, "config", "profiles.json"), CancellationToken.None);
        var score = NabScorer.Optimize(corpus, reread, profiles["standard"]);
        output.WriteLine($"two-series standard score {score.NormalizedScore:F2}: TP {score.DetectedWindows} FN {score.MissedWindows} FP {score.FalsePositives}");
        Assert.True(score.DetectedWindows > 0);
    }

    public void Dispose()
    {
        if (Directory.Exists(_outputDirectory))
            Directory.Delete(_outputDirectory, recursive: true);
    }
}
