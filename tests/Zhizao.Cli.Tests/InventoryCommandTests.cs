using Zhizao.Cli.Tests.Infrastructure;
using static Zhizao.Cli.Tests.ForecastCommandTests;

namespace Zhizao.Cli.Tests;

public sealed class InventoryCommandTests
{
    [Fact]
    public async Task Inventory_of_the_sample_lists_each_item_most_urgent_first_as_csv()
    {
        var result = await ZhizaoCli.RunAsync("inventory", Sample("demand.example.csv"), "--stock", Sample("inventory.example.csv"),
            "--method", "snaive", "--service-level", "95", "--format", "csv");

        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.StartsWith("item,severity,stock_out,order_qty,order_by", lines[0], StringComparison.Ordinal);
        Assert.Equal(4, lines.Length);
        string[] order = ["critical", "high", "medium", "info", "ok"];
        var ranks = lines.Skip(1).Select(l => Array.IndexOf(order, l.Split(',')[1])).ToList();
        Assert.DoesNotContain(-1, ranks);
        Assert.Equal(ranks.Order(), ranks);
    }

    [Fact]
    public async Task Inventory_table_ends_with_the_summary_and_the_reasons_of_the_orders()
    {
        var result = await ZhizaoCli.RunAsync("inventory", "--demo", "--method", "snaive", "--quiet");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("order(s) suggested", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("pack(s) of", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Inventory_of_a_demand_file_without_stock_exits_2()
    {
        var result = await ZhizaoCli.RunAsync("inventory", Sample("demand.example.csv"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--stock", result.Stderr, StringComparison.Ordinal);
    }
}
