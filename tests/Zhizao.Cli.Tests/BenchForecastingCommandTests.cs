using System.Globalization;
using System.Text;
using Zhizao.Cli.Tests.Infrastructure;
using Zhizao.Core.Benchmarks;

namespace Zhizao.Cli.Tests;

/// <summary><c>zhizao bench forecasting</c> on a tiny M4-format pair written here, and on a missing file.</summary>
public sealed class BenchForecastingCommandTests : IDisposable
{
    private const int Horizon = 6;
    private const int Season = 4;

    private readonly TempDirectory _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task Three_series_are_scored_against_naive2_and_written_in_the_submission_layout()
    {
        var (train, test) = await WritePairAsync();
        var outDir = _files.File("out");

        var result = await ZhizaoCli.RunAsync("bench", "forecasting", "--train", train, "--test", test, "--horizon", $"{Horizon}", "--season", $"{Season}",
            "--methods", "snaive,ses,theta", "--out", outDir, "--name", "forecasting-smoke");

        Assert.True(result.ExitCode == 0, result.ToString());
        var report = await BenchmarkReport.ReadAsync(Path.Combine(outDir, "forecasting-smoke.json"), CancellationToken.None);
        Assert.Equal(1.0, report.Metrics.Single(m => m.Name == "naive2: OWA").Value);
        Assert.Contains(report.Metrics, m => m.Name == "theta: OWA" && double.IsFinite(m.Value) && m.Value > 0);
        Assert.Contains(report.Metrics, m => m.Name == "ses: 95 % interval coverage" && m.Value is >= 0 and <= 100);
        foreach (var file in new[] { "naive2.csv", "theta.csv", "theta-lower-95.csv", "theta-upper-95.csv", "snaive-upper-95.csv" })
        {
            var lines = await File.ReadAllLinesAsync(Path.Combine(outDir, "forecasting-smoke", file));
            Assert.Equal("id,F1,F2,F3,F4,F5,F6", lines[0]);
            Assert.Equal(["S1", "S2", "S3"], lines.Skip(1).Select(l => l.Split(',')[0]));
            Assert.All(lines.Skip(1), l => Assert.Equal(Horizon + 1, l.Split(',').Length));
        }
    }

    [Fact]
    public async Task A_missing_test_file_exits_2_naming_the_path()
    {
        var (train, _) = await WritePairAsync();
        var missing = _files.File("absent-test.csv");

        var result = await ZhizaoCli.RunAsync("bench", "forecasting", "--train", train, "--test", missing, "--out", _files.File("out"));

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains(missing, result.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_files.File("out")), "nothing is written when the data is missing");
    }

    /// <summary>Three seasonal series of different lengths in the M4 layout (quoted cells, rows padded with empty cells).</summary>
    private async Task<(string Train, string Test)> WritePairAsync()
    {
        int[] lengths = [40, 28, 33];
        var width = lengths.Max();
        var train = new StringBuilder(Header(width + 1));
        var test = new StringBuilder(Header(Horizon + 1));
        for (var s = 0; s < lengths.Length; s++)
        {
            var values = Enumerable.Range(0, lengths[s] + Horizon).Select(t => Value(s, t)).ToList();
            train.AppendLine(Row($"S{s + 1}", values.Take(lengths[s]), width));
            test.AppendLine(Row($"S{s + 1}", values.Skip(lengths[s]), Horizon));
        }
        var (trainPath, testPath) = (_files.File("Tiny-train.csv"), _files.File("Tiny-test.csv"));
        await File.WriteAllTextAsync(trainPath, train.ToString());
        await File.WriteAllTextAsync(testPath, test.ToString());
        return (trainPath, testPath);
    }

    /// <summary>Level, trend and a season of <see cref="Season"/>, with a deterministic wobble.</summary>
    private static double Value(int series, int t) =>
        Math.Round(100 + (10 * series) + (0.5 * t) + (8 * Math.Sin(2 * Math.PI * t / Season)) + (3 * Math.Sin(1.7 * t * (series + 1))), 3);

    private static string Header(int columns) => string.Join(',', Enumerable.Range(1, columns).Select(i => $"\"V{i}\"")) + Environment.NewLine;

    private static string Row(string id, IEnumerable<double> values, int width)
    {
        var cells = values.Select(v => $"\"{v.ToString(CultureInfo.InvariantCulture)}\"").ToList();
        return string.Join(',', [$"\"{id}\"", .. cells, .. Enumerable.Repeat("", width - cells.Count)]);
    }
}
