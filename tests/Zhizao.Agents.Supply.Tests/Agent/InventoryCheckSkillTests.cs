using System.Text.Json.Nodes;
using Zhizao.Agents.Supply.Agent;
using static Zhizao.Agents.Supply.Tests.Agent.SupplyAgents;

namespace Zhizao.Agents.Supply.Tests.Agent;

public sealed class InventoryCheckSkillTests
{
    private static readonly string[] Severities = ["critical", "high", "medium", "info"];

    private readonly SupplyAgent _agent = Create();

    [Fact]
    public async Task The_demo_items_are_checked_most_urgent_first_with_bilingual_warnings_and_whole_pack_orders()
    {
        var output = await _agent.InvokeAsync("inventory-check", Input("""{"source":"demo","method":"snaive"}"""), Caller, CancellationToken.None).OkAsync();

        var items = output["items"]!.AsArray();
        Assert.Equal(20, items.Count);
        var ranks = items.Select(i => i!["severity"] is { } s ? Array.IndexOf(Severities, s.GetValue<string>()) : Severities.Length).ToList();
        Assert.Equal(ranks.Order(), ranks);
        var summary = output["summary"]!;
        Assert.Equal(20, Severities.Sum(s => summary[s]!.GetValue<int>()) + summary["none"]!.GetValue<int>());
        Assert.True(summary["critical"]!.GetValue<int>() + summary["high"]!.GetValue<int>() + summary["medium"]!.GetValue<int>() > 0, summary.ToJsonString());
        Assert.All(items.SelectMany(i => i!["warnings"]!.AsArray()), w =>
        {
            Assert.False(string.IsNullOrEmpty(w!["message"]!["en"]!.GetValue<string>()));
            Assert.False(string.IsNullOrEmpty(w["message"]!["zh"]!.GetValue<string>()));
        });
        var orders = items.Where(i => i!["suggestion"] is not null).ToList();
        Assert.NotEmpty(orders);
        Assert.All(orders, i =>
        {
            var s = i!["suggestion"]!;
            Assert.Equal(0, s["quantity"]!.GetValue<long>() % s["packSize"]!.GetValue<long>());
            Assert.True(s["quantity"]!.GetValue<long>() >= s["minimumOrderQuantity"]!.GetValue<long>());
        });
        // snaive is back-tested (3 origins by default) to measure lead-time demand's spread for the smooth items.
        Assert.Contains(items, i => i!["leadTimeDemand"]!["spreadSource"]!.GetValue<string>() == "Backtest");
        Assert.Equal("2026-05-10", items[0]!["asOf"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_sample_files_are_checked_with_the_intermittent_spare_on_its_empirical_quantile()
    {
        var data = await SampleAsync();

        var output = await _agent.InvokeAsync("inventory-check", Input("""{"method":"ets-fast","serviceLevel":95,"sigmaFolds":0}"""), data, null, CancellationToken.None).OkAsync();

        var items = output["items"]!.AsArray();
        Assert.Equal(3, items.Count);
        Assert.Equal(0.95, output["serviceLevel"]!.GetValue<double>());
        var spare = items.Single(i => i!["item"]!.GetValue<string>() == "bearing-7014")!;
        Assert.Contains(spare["leadTimeDemand"]!["spreadSource"]!.GetValue<string>(), (string[])["HistoryWindows", "Bootstrap"]);
        Assert.Equal(0.98, spare["serviceLevel"]!.GetValue<double>());
        var bearing = items.Single(i => i!["item"]!.GetValue<string>() == "bearing-6204")!;
        Assert.Equal("ForecastIntervals", bearing["leadTimeDemand"]!["spreadSource"]!.GetValue<string>());
        Assert.Equal(bearing["projection"]!["stock"]!.AsArray().Count, output["horizon"]!.GetValue<int>());
        Assert.True(output["horizon"]!.GetValue<int>() >= 35, "the horizon covers the spare's 21 + 14 days");
    }

    [Fact]
    public async Task Auto_takes_the_spread_of_lead_time_demand_from_its_own_back_test()
    {
        var data = await SampleAsync();

        var output = await _agent.InvokeAsync("inventory-check", Input("""{"items":["bearing-6204"]}"""), data, null, CancellationToken.None).OkAsync();

        var item = Assert.Single(output["items"]!.AsArray())!;
        Assert.StartsWith("auto(", item["forecastMethod"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(0, output["sigmaFolds"]!.GetValue<int>());
        // No extra back-test was asked for: the ensemble's three origins give the spread.
        Assert.Equal("Backtest", item["leadTimeDemand"]!["spreadSource"]!.GetValue<string>());
        Assert.InRange(item["leadTimeDemand"]!["sigma"]!.GetValue<double>(), 1e-6, 1e6);
    }

    [Fact]
    public async Task An_item_without_an_inventory_row_is_skipped_and_reported()
    {
        var demand = await SampleAsync();
        var extra = await CsvAsync(string.Concat(Enumerable.Range(0, 30).Select(d => $"gasket,2026-04-{1 + d:00},3\n")).Insert(0, "item,date,quantity\n"));
        var data = demand with { Demand = demand.Demand with { Series = [.. demand.Demand.Series, .. extra.Demand.Series] } };

        var output = await _agent.InvokeAsync("inventory-check", Input("""{"method":"snaive"}"""), data, null, CancellationToken.None).OkAsync();

        Assert.Equal(3, output["items"]!.AsArray().Count);
        Assert.Equal("gasket", Assert.Single(output["skipped"]!.AsArray())!["item"]!.GetValue<string>());
        Assert.Contains(output["findings"]!.AsArray(), f => f!["kind"]!.GetValue<string>() == "UnmatchedItem");
    }

    [Theory]
    [InlineData("""{"serviceLevel":0.3}""", "'serviceLevel' must be a fraction in (0.5, 1) or a percentage in (50, 100)")]
    [InlineData("""{"serviceLevel":100}""", "'serviceLevel' must be a fraction")]
    [InlineData("""{"serviceLevel":"high"}""", "'serviceLevel' must be a fraction")]
    [InlineData("""{"reviewPeriodDays":-1}""", "'reviewPeriodDays' must be a whole number from 0 to 365")]
    [InlineData("""{"sigmaFolds":11}""", "'sigmaFolds' must be a whole number from 0 to 10")]
    public async Task Bad_inventory_input_is_refused(string input, string message)
    {
        var error = await _agent.InvokeAsync("inventory-check", Input(input), Caller, CancellationToken.None).FailsAsync();

        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Demand_without_inventory_cannot_be_checked()
    {
        var data = await SampleAsync(withInventory: false);

        var error = await _agent.InvokeAsync("inventory-check", new JsonObject(), data, null, CancellationToken.None).FailsAsync();

        Assert.Contains("needs an inventory file", error, StringComparison.Ordinal);
    }
}
