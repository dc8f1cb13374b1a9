using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Zhizao.Agents.Maintenance.Agent;
using Zhizao.Core.Agents;
using Zhizao.Core.Assets;
using Zhizao.Core.Points;
using Zhizao.Core.Storage;
using Zhizao.Storage.DuckDb;

namespace Zhizao.Agents.Maintenance.Tests.Agent;

/// <summary>The agent on the real embedded store with a constructed three-signal pump: learning, a frozen sensor, skills and bad input.</summary>
public sealed class MaintenanceAgentTests : IAsyncLifetime
{
    private const string Machine = "sh/line1/pump1";
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 8, 0, 0, TimeSpan.Zero);
    private static readonly CancellationToken Ct = CancellationToken.None;
    private static readonly AgentCaller Caller = new("key-ops", "operator");

    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"zhizao-maint-agent-{Guid.NewGuid():N}");
    private readonly FakeTimeProvider _time = new(T0.AddHours(2));
    private readonly MaintenanceOptions _options = new() { NormalPeriod = TimeSpan.FromMinutes(5), OnDelay = TimeSpan.FromSeconds(5), OffDelay = TimeSpan.FromSeconds(30) };
    private readonly Random _random = new(7);
    private DuckDbStore _store = null!;
    private CatalogService _catalog = null!;
    private int _second;

    public async Task InitializeAsync()
    {
        _store = new DuckDbStore(new DuckDbStoreOptions { Path = Path.Combine(_directory, "m.duckdb"), Threads = 2 }, NullLogger<DuckDbStore>.Instance);
        await _store.InitializeAsync(Ct);
        _catalog = new CatalogService(_store);
        Signal Float(string id, double max) => new(id, "u", SignalDataType.Float, 1, new NormalRange(0, max), new LocalizedText(id, id));
        var plant = new PlantModel(PlantModel.CurrentSchemaVersion, "p", new LocalizedText("P", "P"), 1,
            [new Site("sh", new LocalizedText("Shanghai", "上海"), "Asia/Shanghai", [new Line("line1", new LocalizedText("Line 1", ""),
                [new Machine("pump1", new LocalizedText("Pump 1", ""), "pump", [Float("flow", 100), Float("current", 50), Float("pressure", 10),
                    new Signal("running", "1", SignalDataType.Bool, 1, null, new LocalizedText("running", "运行"))])])])]);
        await _store.Metadata.SavePlantAsync(plant, T0, Ct);
        await _catalog.ReloadAsync(Ct);
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    private MaintenanceAgent NewAgent() => new(_catalog, _store, _options, _time, NullLogger<MaintenanceAgent>.Instance);

    private int IdOf(string signal) => _catalog.Current.TryGet($"{Machine}/{signal}", out var s) ? s.Id : throw new InvalidOperationException(signal);

    /// <summary>Seconds of pump data: flow varies, current and pressure follow it; <paramref name="frozenFlow"/> freezes the flow sensor.</summary>
    private List<DataPoint> Seconds(int count, double? frozenFlow = null)
    {
        var points = new List<DataPoint>();
        for (var i = 0; i < count; i++, _second++)
        {
            var ts = Timestamps.ToMicros(T0.AddSeconds(_second));
            var flow = 50 + (20 * Math.Sin(_second / 10.0)) + _random.NextDouble();
            points.Add(new DataPoint(IdOf("flow"), ts, frozenFlow ?? flow));
            points.Add(new DataPoint(IdOf("current"), ts, (0.4 * flow) + (0.2 * _random.NextDouble())));
            points.Add(new DataPoint(IdOf("pressure"), ts, (0.08 * flow) + (0.05 * _random.NextDouble())));
            points.Add(new DataPoint(IdOf("running"), ts, 1));
        }
        return points;
    }

    private static async Task<JsonNode> OkAsync(MaintenanceAgent agent, string skill, JsonNode? input = null)
    {
        var result = await agent.InvokeAsync(skill, input, Caller, Ct);
        Assert.True(result.IsSuccess, result.Error?.Message);
        return result.Output!;
    }

    private async Task<MaintenanceAgent> LearnedAgentAsync()
    {
        var agent = NewAgent();
        await agent.InitializeAsync(Ct);
        await agent.OnPointsAsync(Seconds(5 * 60 + 5), Ct);
        return agent;
    }

    [Fact]
    public async Task A_machine_learns_its_normal_period_then_stays_quiet_on_normal_data()
    {
        var agent = NewAgent();
        await agent.OnPointsAsync(Seconds(60), Ct);
        var learning = (await OkAsync(agent, "status", new JsonObject { ["machine"] = Machine }))["machines"]![0]!;
        Assert.Equal("learning", learning["state"]!.GetValue<string>());
        Assert.Equal(["flow", "current", "pressure"], learning["signals"]!.AsArray().Select(s => s!.GetValue<string>()));

        await agent.OnPointsAsync(Seconds(5 * 60), Ct);
        await agent.OnPointsAsync(Seconds(10 * 60), Ct);

        var status = (await OkAsync(agent, "status"))["machines"]![0]!;
        Assert.Equal("monitoring", status["state"]!.GetValue<string>());
        Assert.Empty(await _store.Metadata.ListAlarmsAsync(false, 10, Ct));
    }

    [Fact]
    public async Task A_frozen_sensor_raises_one_sensor_fault_alarm_with_a_work_order_and_an_explanation()
    {
        var agent = await LearnedAgentAsync();

        await agent.OnPointsAsync(Seconds(120, frozenFlow: 55.5), Ct);

        var alarm = Assert.Single(await _store.Metadata.ListAlarmsAsync(true, 10, Ct));
        Assert.Equal((Machine, "sensor-fault:stuck-sensor"), (alarm.Asset, alarm.Condition));
        Assert.Equal($"{Machine}/flow", alarm.Signal);
        Assert.Contains("传感器", alarm.MessageZh, StringComparison.Ordinal);
        var anomalies = (await OkAsync(agent, "anomalies", new JsonObject { ["machine"] = Machine }))["anomalies"]!.AsArray();
        Assert.Contains(anomalies, a => a!["kind"]!.GetValue<string>() == "stuck-sensor" && a["fault"]!.GetValue<string>() == "sensor"
            && a["signals"]![0]!["signal"]!.GetValue<string>() == "flow" && a["message"]!["zh"] is not null);
        var order = Assert.Single((await OkAsync(agent, "work-orders"))["workOrders"]!.AsArray());
        Assert.Equal(alarm.Id, order!["alarmId"]!.GetValue<long>());
        var window = Assert.Single((await OkAsync(agent, "maintenance-windows"))["windows"]!.AsArray());
        Assert.Equal(Machine, window!["machine"]!.GetValue<string>());

        // Back to normal: the alarm clears after the off-delay; the work order stays open until people close it.
        await agent.OnPointsAsync(Seconds(120), Ct);
        Assert.Empty(await _store.Metadata.ListAlarmsAsync(true, 10, Ct));
        Assert.Single(await _store.Metadata.ListWorkOrdersAsync(new WorkOrderQuery(ActiveOnly: true), Ct));
    }

    [Fact]
    public async Task Alarms_are_shelved_for_a_bounded_time_acknowledged_and_restored_after_a_restart()
    {
        var agent = await LearnedAgentAsync();
        await agent.OnPointsAsync(Seconds(60, frozenFlow: 55.5), Ct);
        var id = Assert.Single(await _store.Metadata.ListAlarmsAsync(true, 10, Ct)).Id;

        var tooLong = await agent.InvokeAsync("shelve", new JsonObject { ["id"] = id, ["minutes"] = 24 * 60 }, Caller, Ct);
        Assert.Equal("invalid-input", tooLong.Error!.Type);
        await OkAsync(agent, "shelve", new JsonObject { ["id"] = id, ["minutes"] = 30 });
        var shelved = Assert.Single((await OkAsync(agent, "alarms"))["alarms"]!.AsArray());
        Assert.Equal("shelved", shelved!["state"]!.GetValue<string>());
        await OkAsync(agent, "unshelve", new JsonObject { ["id"] = id });
        await OkAsync(agent, "acknowledge", new JsonObject { ["id"] = id });
        Assert.Equal("acknowledged", (await OkAsync(agent, "alarms"))["alarms"]![0]!["state"]!.GetValue<string>());

        // A new agent (restart) restores the active alarm: the same condition does not raise a second one.
        var restarted = NewAgent();
        await restarted.InitializeAsync(Ct);
        await restarted.OnPointsAsync(Seconds(5 * 60 + 5), Ct);
        await restarted.OnPointsAsync(Seconds(60, frozenFlow: 55.5), Ct);
        Assert.Single(await _store.Metadata.ListAlarmsAsync(true, 10, Ct));
    }

    [Fact]
    public async Task Work_orders_change_status_and_leave_the_blocked_windows_when_done()
    {
        var agent = await LearnedAgentAsync();
        await agent.OnPointsAsync(Seconds(60, frozenFlow: 55.5), Ct);
        var id = (await OkAsync(agent, "work-orders"))["workOrders"]![0]!["id"]!.GetValue<long>();

        var moved = await OkAsync(agent, "update-work-order", new JsonObject
        {
            ["id"] = id, ["status"] = "scheduled", ["windowStart"] = "2026-11-26T01:00:00Z", ["windowEnd"] = "2026-11-26T02:00:00+00:00",
        });
        Assert.Equal("scheduled", moved["status"]!.GetValue<string>());
        await OkAsync(agent, "update-work-order", new JsonObject { ["id"] = id, ["status"] = "done" });

        Assert.Empty((await OkAsync(agent, "maintenance-windows"))["windows"]!.AsArray());
    }

    [Fact]
    public async Task Fit_relearns_from_a_stored_period_and_refuses_one_too_short()
    {
        var agent = NewAgent();
        var history = Seconds(10 * 60);
        await _store.Points.WriteAsync(history, Ct);

        var fitted = await OkAsync(agent, "fit", new JsonObject { ["machine"] = Machine, ["from"] = "2026-11-25T08:00:00Z", ["to"] = "2026-11-25T08:10:00Z" });
        Assert.Equal("monitoring", fitted["state"]!.GetValue<string>());

        var tooShort = await agent.InvokeAsync("fit", new JsonObject { ["machine"] = Machine, ["from"] = "2026-11-25T08:00:00Z", ["to"] = "2026-11-25T08:00:20Z" }, Caller, Ct);
        Assert.Equal("invalid-input", tooShort.Error!.Type);
        Assert.Contains("cannot learn", tooShort.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task After_a_restart_a_machine_with_history_resumes_monitoring_at_once()
    {
        await _store.Points.WriteAsync(Seconds(10 * 60), Ct);

        var restarted = NewAgent();
        await restarted.InitializeAsync(Ct);

        var status = (await OkAsync(restarted, "status"))["machines"]![0]!;
        Assert.Equal("monitoring", status["state"]!.GetValue<string>());
        // The period the live stream first taught it: the start of the stored history.
        Assert.InRange(status["fittedOn"]!["from"]!.GetValue<DateTimeOffset>(), T0, T0.AddSeconds(5));
    }

    [Fact]
    public async Task After_a_restart_a_machine_with_too_little_history_keeps_learning()
    {
        await _store.Points.WriteAsync(Seconds(20), Ct);

        var restarted = NewAgent();
        await restarted.InitializeAsync(Ct);

        Assert.Equal("learning", (await OkAsync(restarted, "status"))["machines"]![0]!["state"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("status", """{"machine":7}""", "invalid-input")]
    [InlineData("status", """{"machine":"sh/line1/none"}""", "not-found")]
    [InlineData("rul", """{}""", "invalid-input")]
    [InlineData("fit", """{"machine":"sh/line1/pump1","from":"yesterday","to":"2026-11-25T08:10:00Z"}""", "invalid-input")]
    [InlineData("fit", """{"machine":"sh/line1/pump1","from":"2026-11-25T08:10:00","to":"2026-11-25T08:20:00Z"}""", "invalid-input")]
    [InlineData("fit", """{"machine":"sh/line1/pump1","from":"2026-11-25T09:00:00Z","to":"2026-11-25T08:00:00Z"}""", "invalid-input")]
    [InlineData("shelve", """{"id":1}""", "invalid-input")]
    [InlineData("shelve", """{"id":99,"minutes":5}""", "not-found")]
    [InlineData("acknowledge", """{"id":"x"}""", "invalid-input")]
    [InlineData("work-orders", """{"status":"finished"}""", "invalid-input")]
    [InlineData("update-work-order", """{"id":1,"status":"done","windowStart":"2026-11-26T02:00:00Z","windowEnd":"2026-11-26T01:00:00Z"}""", "invalid-input")]
    [InlineData("update-work-order", """{"id":99,"status":"done"}""", "not-found")]
    [InlineData("self-destruct", """{}""", "unknown-skill")]
    [InlineData("status", """[1,2]""", "invalid-input")]
    public async Task Bad_input_gets_a_typed_error(string skill, string input, string type)
    {
        var result = await NewAgent().InvokeAsync(skill, JsonNode.Parse(input), Caller, Ct);

        Assert.False(result.IsSuccess);
        Assert.Equal(type, result.Error!.Type);
        Assert.False(string.IsNullOrWhiteSpace(result.Error.Message));
    }

    [Fact]
    public async Task Points_of_unknown_signals_and_non_numeric_signals_are_ignored()
    {
        var agent = NewAgent();

        await agent.OnPointsAsync([new DataPoint(9999, Timestamps.ToMicros(T0), 1), new DataPoint(IdOf("running"), Timestamps.ToMicros(T0), 1)], Ct);

        Assert.Empty((await OkAsync(agent, "status"))["machines"]!.AsArray());
    }
}
