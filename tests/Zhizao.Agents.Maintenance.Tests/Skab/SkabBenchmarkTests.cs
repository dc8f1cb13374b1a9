using Xunit.Abstractions;
using Zhizao.Agents.Maintenance.Benchmarks.Skab;

namespace Zhizao.Agents.Maintenance.Tests.Skab;

public sealed class SkabBenchmarkTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _output = Path.Combine(Path.GetTempPath(), $"zhizao-skab-{Guid.NewGuid():N}");

    [Fact]
    public async Task Two_runs_write_one_labelled_csv_per_run_with_every_test_row()
    {
        string dataRoot;
        try
        {
            dataRoot = SkabReader.DataRoot(SharedData.Resolve("skab"));
        }
        catch (IOException e)
        {
            // xunit 2 has no dynamic skip: say why nothing was checked.
            output.WriteLine($"skipped: SKAB data not found ({e.Message})");
            return;
        }
        var files = new[]
        {
            await SkabReader.ReadAsync(dataRoot, Path.Combine(dataRoot, "valve1", "1.csv"), CancellationToken.None),
            await SkabReader.ReadAsync(dataRoot, Path.Combine(dataRoot, "other", "9.csv"), CancellationToken.None),
        };

        var result = await SkabBenchmark.RunAsync(files, _output, SkabMethod.Default, TimeProvider.System, CancellationToken.None);

        Assert.Equal(2, result.Files);
        Assert.Equal(files.Sum(f => f.Rows.Count - SkabBenchmark.TrainingRows), result.TestRows);
        Assert.Equal(3, result.Changepoint.Count);
        Assert.InRange(result.Outlier.F1, 0.3, 1.0);
        foreach (var file in files)
        {
            var lines = await File.ReadAllLinesAsync(Path.Combine(_output, "skab", file.Folder, Path.GetFileName(file.Name)));
            Assert.Equal("datetime;anomaly;changepoint", lines[0]);
            Assert.Equal(file.Rows.Count - SkabBenchmark.TrainingRows, lines.Length - 1);
            Assert.StartsWith(file.DateTimes[SkabBenchmark.TrainingRows] + ";", lines[1], StringComparison.Ordinal);
            Assert.All(lines.Skip(1), l => Assert.Matches(@"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d;[01]\.0;[01]\.0$", l));
        }
        output.WriteLine($"F1 {result.Outlier.F1:F3} FAR {result.Outlier.FalseAlarmRate:P1} MAR {result.Outlier.MissedAlarmRate:P1} NAB {result.Changepoint[0].NormalizedScore:F2}");
    }

    public void Dispose()
    {
        if (Directory.Exists(_output))
            Directory.Delete(_output, recursive: true);
    }
}
