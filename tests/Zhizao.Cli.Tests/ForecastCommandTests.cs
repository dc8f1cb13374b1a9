using System.Text.Json.Nodes;
using Zhizao.Cli.Tests.Infrastructure;

namespace Zhizao.Cli.Tests;

public sealed class ForecastCommandTests
{
    internal static string Sample(string name) => Path.Combine(AppContext.BaseDirectory, "samples", name);

    [Fact]
    public async Task Forecast_of_the_sample_writes_one_csv_row_per_item_and_day_with_findings_and_progress_on_stderr()
    {
        var result = await ZhizaoCli.RunAsync("forecast", Sample("demand.example.csv"), "--method", "snaive", "--horizon", "7", "--level", "80,95", "--format", "csv");

        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal("item,date,method,point,lower80,upper80,lower95,upper95", lines[0]);
        Assert.Equal(1 + (3 * 7), lines.Length);
        Assert.Contains(lines, l => l.StartsWith("bearing-7014,2026-05-01,snaive,", StringComparison.Ordinal));
        Assert.Contains("warning: demand.example.csv", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("filled", result.Stderr, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("progress: done", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Forecast_with_json_and_out_writes_the_agents_output_to_the_file()
    {
        using var directory = new TempDirectory();
        var file = directory.File("forecast.json");

        var result = await ZhizaoCli.RunAsync("forecast", Sample("demand.example.csv"), "--method", "ets-fast", "--horizon", "14", "--items", "coolant,bearing-6204",
            "--format", "json", "--out", file, "--quiet");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("", result.Stdout);
        Assert.DoesNotContain("progress:", result.Stderr, StringComparison.Ordinal);
        var json = JsonNode.Parse(await File.ReadAllTextAsync(file))!;
        Assert.Equal(2, json["items"]!.AsArray().Count);
        Assert.All(json["items"]!.AsArray(), i => Assert.Equal(14, i!["points"]!.AsArray().Count));
    }

    [Fact]
    public async Task Forecast_of_a_refused_file_exits_2_with_the_line_and_value_at_fault()
    {
        using var directory = new TempDirectory();
        var file = directory.File("broken.csv");
        await File.WriteAllTextAsync(file, "item,date,quantity\nvalve,2026-01-01,lots\n");

        var result = await ZhizaoCli.RunAsync("forecast", file, "--method", "snaive");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("broken.csv: line 2, column quantity:", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("'lots'", result.Stderr, StringComparison.Ordinal);
        Assert.Equal("", result.Stdout);
    }

    [Fact]
    public async Task Forecast_of_the_demo_needs_no_file_and_a_bad_method_exits_2()
    {
        var demo = await ZhizaoCli.RunAsync("forecast", "--demo", "--items", "pallet", "--method", "ets-fast", "--horizon", "5", "--format", "json");

        Assert.True(demo.ExitCode == 0, demo.ToString());
        Assert.Equal(5, JsonNode.Parse(demo.Stdout)!["items"]![0]!["points"]!.AsArray().Count);

        var bad = await ZhizaoCli.RunAsync("forecast", "--demo", "--method", "crystal-ball");
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("unknown method 'crystal-ball'", bad.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Backtest_of_the_sample_scores_each_item_and_method_and_the_overall_means()
    {
        var result = await ZhizaoCli.RunAsync("backtest", Sample("demand.example.csv"), "--methods", "snaive,ets-fast", "--folds", "2", "--horizon", "14", "--format", "csv");

        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal("item,method,folds,smape,mase,coverage,best", lines[0]);
        Assert.Equal(1 + (3 * 2) + 2, lines.Length);
        Assert.Equal(3, lines.Count(l => l.EndsWith(",*", StringComparison.Ordinal)));
        Assert.Contains(lines, l => l.StartsWith("(overall),snaive,3,", StringComparison.Ordinal));
    }
}
