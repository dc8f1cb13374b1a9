using Zhizao.Cli.Tests.Infrastructure;

namespace Zhizao.Cli.Tests;

/// <summary><c>zhizao bench maintenance</c> on bad inputs: a clear message and a named exit code, never a stack trace.</summary>
public sealed class BenchMaintenanceCommandTests : IDisposable
{
    private readonly TempDirectory _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task A_training_file_of_the_wrong_format_exits_2_naming_the_file_and_line()
    {
        var path = _files.File("train.txt");
        await File.WriteAllTextAsync(path, "1 1 0.1 0.2\n");

        var result = await ZhizaoCli.RunAsync("bench", "maintenance", "--suites", "rul", "--train", path, "--out", _files.File("out"));

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains($"{path}:1", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_data_folder_exits_5_and_an_unknown_suite_exits_2()
    {
        var missing = await ZhizaoCli.RunAsync("bench", "maintenance", "--suites", "skab", "--skab", _files.File("absent"), "--out", _files.File("out"));
        var unknown = await ZhizaoCli.RunAsync("bench", "maintenance", "--suites", "nab,telepathy", "--out", _files.File("out"));

        Assert.True(missing.ExitCode == 5, missing.ToString());
        Assert.Contains("absent", missing.Stderr, StringComparison.Ordinal);
        Assert.True(unknown.ExitCode == 2, unknown.ToString());
        Assert.Contains("nab, skab, rul, demo", unknown.Stderr, StringComparison.Ordinal);
    }
}
