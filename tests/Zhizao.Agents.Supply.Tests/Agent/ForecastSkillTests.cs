using System.Text.Json.Nodes;
using Zhizao.Agents.Supply.Agent;
using Zhizao.Core.Agents;
using static Zhizao.Agents.Supply.Tests.Agent.SupplyAgents;

namespace Zhizao.Agents.Supply.Tests.Agent;

public sealed class ForecastSkillTests
{
    private readonly SupplyAgent _agent = Create();

    [Fact]
    public void Descriptor_recommends_and_has_the_three_skills()
    {
        Assert.Equal("cn.zhizao/supply", _agent.Descriptor.Id);
        Assert.Equal(AutonomyGrade.L2Recommends, _agent.Descriptor.Grade);
        Assert.Equal(["forecast", "backtest", "inventory-check"], _agent.Descriptor.Skills.Select(s => s.Name));
        Assert.All(_agent.Descriptor.Skills, s =>
        {
            Assert.Equal(ImpactClass.Information, s.Impact);
            Assert.False(string.IsNullOrEmpty(s.Description.Zh));
            Assert.Equal("object", s.InputSchema["type"]!.GetValue<string>());
        });
    }

    [Fact]
    public async Task Demo_items_are_forecast_from_today_with_dated_points_and_bounds_per_level()
    {
        var output = await _agent.InvokeAsync("forecast", Input("""{"source":"demo","items":["bearing-6204","coolant"],"horizon":14,"method":"snaive","levels":[50,90]}"""),
            Caller, CancellationToken.None).OkAsync();

        Assert.Equal("demo", output["source"]!.GetValue<string>());
        Assert.Equal("snaive", output["method"]!.GetValue<string>());
        var items = output["items"]!.AsArray();
        Assert.Equal(["bearing-6204", "coolant"], items.Select(i => i!["item"]!.GetValue<string>()));
        foreach (var item in items)
        {
            Assert.Equal("2026-05-10", item!["forecastStart"]!.GetValue<string>());
            Assert.Equal(730, item["historyPeriods"]!.GetValue<int>());
            var points = item["points"]!.AsArray();
            Assert.Equal(14, points.Count);
            Assert.Equal("2026-05-10", points[0]!["date"]!.GetValue<string>());
            Assert.Equal("2026-05-23", points[13]!["date"]!.GetValue<string>());
            Assert.All(points, p =>
            {
                var point = p!["point"]!.GetValue<double>();
                Assert.InRange(point, p["lower90"]!.GetValue<double>(), p["upper90"]!.GetValue<double>());
                Assert.InRange(p["lower50"]!.GetValue<double>(), p["lower90"]!.GetValue<double>(), point);
            });
        }
        Assert.Equal(2, output["summary"]!["methods"]!["snaive"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_csv_with_an_intermittent_item_reports_the_filled_days_and_forecasts_every_item()
    {
        var data = await SampleAsync(withInventory: false);

        var output = await _agent.InvokeAsync("forecast", Input("""{"method":"ets-fast","horizon":7}"""), data, null, CancellationToken.None).OkAsync();

        Assert.Equal(3, output["itemCount"]!.GetValue<int>());
        Assert.All(output["items"]!.AsArray(), i => Assert.Equal(7, i!["points"]!.AsArray().Count));
        Assert.StartsWith("ets", output["items"]![0]!["method"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains(output["findings"]!.AsArray(), f => f!["kind"]!.GetValue<string>() == "GapFilled" && f["itemId"]!.GetValue<string>() == "bearing-7014");
        Assert.True(output["findingCounts"]!["GapFilled"]!.GetValue<long>() > 0);
        Assert.Equal("GapsFilled", output["items"]!.AsArray().Single(i => i!["item"]!.GetValue<string>() == "bearing-7014")!["flags"]!.GetValue<string>());
    }

    [Fact]
    public async Task Auto_on_a_small_data_set_reports_the_ensemble_weights_per_item()
    {
        var data = await SampleAsync(withInventory: false);
        var stages = new List<SupplyProgress>();

        var output = await _agent.InvokeAsync("forecast", Input("""{"items":["bearing-6204","coolant"],"horizon":14}"""), data,
            new SynchronousProgress<SupplyProgress>(stages.Add), CancellationToken.None).OkAsync();

        Assert.Equal("auto", output["method"]!.GetValue<string>());
        foreach (var item in output["items"]!.AsArray())
        {
            Assert.StartsWith("auto(", item!["method"]!.GetValue<string>(), StringComparison.Ordinal);
            var weights = item["weights"]!.AsObject();
            Assert.Equal(1.0, weights.Sum(w => w.Value!.GetValue<double>()), 3);
            // Daily items: lgbm, dotm, snaive and tsb-opt (the hourly-only candidates are not tried).
            Assert.Equal(["dotm", "lgbm", "snaive", "tsb-opt"], item["backtestMase"]!.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal));
        }
        Assert.NotEmpty(stages);
        Assert.Equal(stages[^1].Total, stages[^1].Done);
    }

    [Fact]
    public async Task A_series_too_short_for_a_model_falls_back_and_says_so()
    {
        var data = await CsvAsync("item,date,quantity\nnew-part,2026-01-01,4\nnew-part,2026-01-02,6\nnew-part,2026-01-03,5\n");

        var output = await _agent.InvokeAsync("forecast", Input("""{"method":"ets-fast","horizon":5}"""), data, null, CancellationToken.None).OkAsync();

        var item = output["items"]![0]!;
        Assert.False(string.IsNullOrEmpty(item["note"]?.GetValue<string>()));
        Assert.Equal(1, output["summary"]!["withNotes"]!.GetValue<int>());
        Assert.Contains(output["findings"]!.AsArray(), f => f!["kind"]!.GetValue<string>() == "FewObservations");
    }

    [Theory]
    [InlineData("""{"horizon":0}""", "'horizon' must be a whole number from 1 to 366")]
    [InlineData("""{"horizon":367}""", "'horizon' must be a whole number from 1 to 366")]
    [InlineData("""{"horizon":2.5}""", "'horizon' must be a whole number")]
    [InlineData("""{"levels":[80,100]}""", "'levels' must be an array of 1 to 5 distinct whole numbers from 1 to 99")]
    [InlineData("""{"levels":[]}""", "'levels' must be an array")]
    [InlineData("""{"method":"magic"}""", "'method': unknown method 'magic' (methods: naive, snaive")]
    [InlineData("""{"items":["bearing-6204","no-such-part"]}""", "unknown item(s) 'no-such-part'")]
    [InlineData("""{"items":"bearing-6204"}""", "'items' must be an array of 1 to 10,000 distinct texts")]
    [InlineData("""{"items":["coolant","coolant"]}""", "'coolant' is repeated")]
    [InlineData("""{"horizn":7}""", "unknown field(s) 'horizn'")]
    [InlineData("""{"source":"erp"}""", "'source' must be 'demo' or 'dataset', not 'erp'")]
    [InlineData("""{"source":"demo","dataset":"plant-a"}""", "'dataset' is given with source 'demo'")]
    [InlineData("""{"source":"dataset"}""", "'dataset' is required with source 'dataset'")]
    [InlineData("""{"dataset":"plant-a"}""", "data sets are not available here")]
    public async Task Bad_input_is_refused_with_a_precise_message(string input, string message)
    {
        var error = await _agent.InvokeAsync("forecast", Input(input), Caller, CancellationToken.None).FailsAsync();

        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_skill_and_a_non_object_input_are_refused()
    {
        Assert.Contains("forecast, backtest, inventory-check", await _agent.InvokeAsync("order", null, Caller, CancellationToken.None).FailsAsync("unknown-skill"), StringComparison.Ordinal);
        await _agent.InvokeAsync("forecast", JsonValue.Create(3), Caller, CancellationToken.None).FailsAsync();
    }

    /// <summary>Reports on the calling thread (Progress&lt;T&gt; posts to the thread pool, so a test could read before it arrives).</summary>
    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        private readonly Lock _gate = new();

        public void Report(T value)
        {
            lock (_gate)
                report(value);
        }
    }
}
