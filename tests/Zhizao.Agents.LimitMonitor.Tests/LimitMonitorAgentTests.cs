using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Zhizao.Core.Agents;
using Zhizao.Core.Assets;
using Zhizao.Core.Points;
using Zhizao.Core.Storage;
using Zhizao.Storage.DuckDb;

namespace Zhizao.Agents.LimitMonitor.Tests;

/// <summary>The agent on the real embedded store: alarms are records in it.</summary>
public sealed class LimitMonitorAgentTests : IAsyncLifetime
{
    private const string Temp = "sh/line1/oven1/temp";
    private const string Flow = "sh/line1/oven1/flow";
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 8, 0, 0, TimeSpan.Zero);
    private static readonly CancellationToken Ct = CancellationToken.None;
    private static readonly AgentCaller Caller = new("key-ops", "operator");

    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"zhizao-limit-{Guid.NewGuid():N}");
    private readonly FakeTimeProvider _time = new(T0.AddDays(1));
    private DuckDbStore _store = null!;
    private CatalogService _catalog = null!;
    private int _tick;

    public async Task InitializeAsync()
    {
        _store = new DuckDbStore(new DuckDbStoreOptions { Path = Path.Combine(_directory, "limit.duckdb"), Threads = 2 }, NullLogger<DuckDbStore>.Instance);
        await _store.InitializeAsync(Ct);
        _catalog = new CatalogService(_store);
        await ImportAsync(new NormalRange(0, 100));
    }

    private async Task ImportAsync(NormalRange tempRange)
    {
        Signal[] signals =
        [
            new("temp", "°C", SignalDataType.Float, 1, tempRange, new LocalizedText("Oven temperature", "炉温")),
            new("flow", "m³/h", SignalDataType.Float, 1, null, new LocalizedText("Gas flow", "燃气流量")),
        ];
        var plant = new PlantModel(PlantModel.CurrentSchemaVersion, "demo", new LocalizedText("Demo", "演示"), 1,
            [new Site("sh", new LocalizedText("Shanghai", "上海"), "Asia/Shanghai", [new Line("line1", new LocalizedText("Line 1", ""), [new Machine("oven1", new LocalizedText("Oven 1", ""), "oven", signals)])])]);
        await _store.Metadata.SavePlantAsync(plant, T0, Ct);
        await _catalog.ReloadAsync(Ct);
    }

    private LimitMonitorAgent NewAgent() => new(_catalog, _store, new LimitMonitorOptions(), _time, NullLogger<LimitMonitorAgent>.Instance);

    private int IdOf(string path) => _catalog.Current.TryGet(path, out var signal) ? signal.Id : throw new InvalidOperationException(path);

    /// <summary>Points of one signal, one second apart, continuing from the previous call.</summary>
    private List<DataPoint> Samples(string path, params double[] values) =>
        [.. values.Select(v => new DataPoint(IdOf(path), Timestamps.ToMicros(T0.AddSeconds(++_tick)), v))];

    private static DateTimeOffset TimeOf(DataPoint point) => Timestamps.FromMicros(point.TimestampMicros);

    private Task<IReadOnlyList<AlarmRecord>> ActiveAsync() => _store.Metadata.ListAlarmsAsync(activeOnly: true, 100, Ct);

    private Task<IReadOnlyList<AlarmRecord>> AllAsync() => _store.Metadata.ListAlarmsAsync(activeOnly: false, 100, Ct);

    [Fact]
    public async Task Raises_an_alarm_record_after_the_on_delay()
    {
        var agent = NewAgent();
        await agent.OnPointsAsync(Samples(Temp, 105, 106), Ct);
        Assert.Empty(await AllAsync());

        var third = Samples(Temp, 130);
        await agent.OnPointsAsync(third, Ct);

        var alarm = Assert.Single(await ActiveAsync());
        Assert.Equal(LimitMonitorAgent.AgentId, alarm.Source);
        Assert.Equal((IdOf(Temp), Temp), (alarm.SignalId, alarm.Signal));
        Assert.Equal(("high", "high"), (alarm.Condition, alarm.Priority));
        Assert.Equal((130.0, 100.0), (alarm.Value, alarm.Limit));
        Assert.Equal(TimeOf(third[0]), alarm.RaisedAt);
        Assert.Contains("炉温", alarm.Message, StringComparison.Ordinal);
        Assert.Null(alarm.ClearedAt);
    }

    [Fact]
    public async Task Raises_a_low_alarm_with_medium_priority_when_the_excess_is_small()
    {
        var agent = NewAgent();

        await agent.OnPointsAsync(Samples(Temp, -1, -2, -3), Ct);

        var alarm = Assert.Single(await ActiveAsync());
        Assert.Equal(("low", "medium", 0.0), (alarm.Condition, alarm.Priority, alarm.Limit));
    }

    [Fact]
    public async Task Clears_the_alarm_once_back_past_the_deadband_for_the_off_delay()
    {
        var agent = NewAgent();
        await agent.OnPointsAsync(Samples(Temp, 120, 120, 120), Ct);

        await agent.OnPointsAsync(Samples(Temp, 99, 99.5, 98.5, 99), Ct);
        Assert.Single(await ActiveAsync());
        var back = Samples(Temp, 90, 80, 70);
        await agent.OnPointsAsync(back, Ct);

        Assert.Empty(await ActiveAsync());
        var alarm = Assert.Single(await AllAsync());
        Assert.Equal(TimeOf(back[^1]), alarm.ClearedAt);
    }

    [Fact]
    public async Task Clears_an_alarm_raised_earlier_in_the_same_batch()
    {
        var agent = NewAgent();

        await agent.OnPointsAsync(Samples(Temp, 120, 120, 120, 50, 50, 50), Ct);

        Assert.Empty(await ActiveAsync());
        Assert.NotNull(Assert.Single(await AllAsync()).ClearedAt);
    }

    [Fact]
    public async Task Moving_from_high_to_low_clears_the_high_alarm_and_raises_a_low_one()
    {
        var agent = NewAgent();

        await agent.OnPointsAsync(Samples(Temp, 120, 120, 120), Ct);
        await agent.OnPointsAsync(Samples(Temp, -50, -50, -50), Ct);

        var all = await AllAsync();
        Assert.Equal(["low", "high"], all.Select(a => a.Condition));
        Assert.Null(all[0].ClearedAt);
        Assert.NotNull(all[1].ClearedAt);
    }

    [Fact]
    public async Task An_active_alarm_clears_under_a_widened_range_after_the_plant_is_reimported()
    {
        var agent = NewAgent();
        await agent.OnPointsAsync(Samples(Temp, 150, 150, 150), Ct);

        await ImportAsync(new NormalRange(0, 200));
        await agent.OnPointsAsync(Samples(Temp, 150, 150, 150), Ct);

        Assert.Empty(await ActiveAsync());
        Assert.Single(await AllAsync());
    }

    [Fact]
    public async Task Chattering_values_raise_no_alarm()
    {
        var agent = NewAgent();

        for (var i = 0; i < 20; i++)
            await agent.OnPointsAsync(Samples(Temp, 101, 101, 99), Ct);

        Assert.Empty(await AllAsync());
    }

    [Fact]
    public async Task Signals_without_a_normal_range_and_unknown_signals_are_ignored()
    {
        var agent = NewAgent();

        await agent.OnPointsAsync([.. Samples(Flow, 1e9, 1e9, 1e9, 1e9), new DataPoint(9_999, 0, 1e9), new DataPoint(9_999, 1, 1e9), new DataPoint(9_999, 2, 1e9)], Ct);

        Assert.Empty(await AllAsync());
    }

    [Fact]
    public async Task A_restarted_agent_restores_the_active_alarm_instead_of_raising_another()
    {
        var before = NewAgent();
        await before.OnPointsAsync(Samples(Temp, 120, 120, 120), Ct);
        var raised = Assert.Single(await ActiveAsync());

        var after = NewAgent();
        await after.InitializeAsync(Ct);
        await after.OnPointsAsync(Samples(Temp, 125, 125, 125, 125, 125), Ct);

        Assert.Equal(raised.Id, Assert.Single(await AllAsync()).Id);
        await after.OnPointsAsync(Samples(Temp, 50, 50, 50), Ct);
        var cleared = Assert.Single(await AllAsync());
        Assert.Equal(raised.Id, cleared.Id);
        Assert.NotNull(cleared.ClearedAt);
    }

    [Fact]
    public async Task Alarms_skill_lists_active_alarms_by_default_and_all_on_request()
    {
        var agent = NewAgent();
        await agent.OnPointsAsync(Samples(Temp, 120, 120, 120, 50, 50, 50, -9, -9, -9), Ct);

        var active = await agent.InvokeAsync("alarms", null, Caller, Ct);
        var all = await agent.InvokeAsync("alarms", JsonNode.Parse("""{"activeOnly":false,"limit":10}"""), Caller, Ct);
        var one = await agent.InvokeAsync("alarms", new JsonObject { ["activeOnly"] = false, ["limit"] = 1 }, Caller, Ct);

        Assert.True(active.IsSuccess);
        var listed = Assert.Single(active.Output!["alarms"]!.AsArray())!;
        Assert.Equal(("low", Temp), (listed["condition"]!.GetValue<string>(), listed["signal"]!.GetValue<string>()));
        Assert.Equal(2, all.Output!["alarms"]!.AsArray().Count);
        Assert.Single(one.Output!["alarms"]!.AsArray());
    }

    [Theory]
    [InlineData(150, "high")]
    [InlineData(-1, "low")]
    [InlineData(100, "normal")]
    [InlineData(42, "normal")]
    public async Task Check_skill_compares_a_value_with_the_normal_range(double value, string expected)
    {
        var result = await NewAgent().InvokeAsync("check", new JsonObject { ["signal"] = Temp, ["value"] = value }, Caller, Ct);

        Assert.True(result.IsSuccess);
        Assert.Equal(expected, result.Output!["condition"]!.GetValue<string>());
        Assert.Equal(100, result.Output["max"]!.GetValue<double>());
        Assert.Equal("°C", result.Output["unit"]!.GetValue<string>());
    }

    [Fact]
    public async Task Check_skill_reads_input_parsed_from_json_text()
    {
        var result = await NewAgent().InvokeAsync("check", JsonNode.Parse($$"""{"signal":"{{Temp}}","value":101}"""), Caller, Ct);

        Assert.Equal("high", result.Output!["condition"]!.GetValue<string>());
    }

    [Fact]
    public async Task Check_skill_reports_a_signal_without_range_unknown_signals_and_missing_input()
    {
        var agent = NewAgent();

        var noRange = await agent.InvokeAsync("check", new JsonObject { ["signal"] = Flow, ["value"] = 1.0 }, Caller, Ct);
        var unknown = await agent.InvokeAsync("check", new JsonObject { ["signal"] = "sh/line1/oven1/nope", ["value"] = 1.0 }, Caller, Ct);
        var missing = await agent.InvokeAsync("check", new JsonObject { ["signal"] = Temp }, Caller, Ct);

        Assert.Equal("no-range", noRange.Output!["condition"]!.GetValue<string>());
        Assert.Equal("not-found", unknown.Error!.Type);
        Assert.Equal("invalid-input", missing.Error!.Type);
    }

    [Fact]
    public async Task Acknowledge_skill_acknowledges_an_alarm_once()
    {
        var agent = NewAgent();
        await agent.OnPointsAsync(Samples(Temp, 120, 120, 120), Ct);
        var id = Assert.Single(await ActiveAsync()).Id;

        var first = await agent.InvokeAsync("acknowledge", new JsonObject { ["id"] = id }, Caller, Ct);
        var second = await agent.InvokeAsync("acknowledge", new JsonObject { ["id"] = id }, Caller, Ct);
        var missing = await agent.InvokeAsync("acknowledge", new JsonObject(), Caller, Ct);

        Assert.True(first.IsSuccess);
        Assert.Equal("key-ops", first.Output!["by"]!.GetValue<string>());
        Assert.Equal("not-found", second.Error!.Type);
        Assert.Equal("invalid-input", missing.Error!.Type);
        var alarm = Assert.Single(await ActiveAsync());
        Assert.Equal(_time.GetUtcNow(), alarm.AcknowledgedAt);
    }

    public static TheoryData<string, string> MistypedInputs => new()
    {
        { "check", """{"signal":"sh/line1/oven1/temp","value":"hot"}""" },
        { "check", """{"signal":42,"value":1}""" },
        { "alarms", """{"activeOnly":"no"}""" },
        { "alarms", """{"limit":2.5}""" },
        { "acknowledge", """{"id":"7"}""" },
        { "acknowledge", """[7]""" },
        { "alarms", "\"all\"" },
    };

    [Theory]
    [MemberData(nameof(MistypedInputs))]
    public async Task Skills_answer_mistyped_input_with_invalid_input(string skill, string json)
    {
        var result = await NewAgent().InvokeAsync(skill, JsonNode.Parse(json), Caller, Ct);

        Assert.Equal("invalid-input", result.Error?.Type);
    }

    [Fact]
    public async Task Unknown_skill_fails_with_its_error_type()
    {
        var result = await NewAgent().InvokeAsync("shutdown", null, Caller, Ct);

        Assert.False(result.IsSuccess);
        Assert.Equal("unknown-skill", result.Error!.Type);
    }

    [Fact]
    public void Descriptor_lists_the_three_skills()
    {
        var descriptor = NewAgent().Descriptor;

        Assert.Equal(LimitMonitorAgent.AgentId, descriptor.Id);
        Assert.Equal(AutonomyGrade.L1Informs, descriptor.Grade);
        Assert.Equal(["alarms", "check", "acknowledge"], descriptor.Skills.Select(s => s.Name));
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary directory is harmless.
        }
    }
}
