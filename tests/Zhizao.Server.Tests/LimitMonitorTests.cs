using System.Net;
using System.Text.Json.Nodes;
using Zhizao.Server.Tests.Infrastructure;

namespace Zhizao.Server.Tests;

/// <summary>The signal-limit agent through the real path: mosquitto_pub → broker → pipeline → store → point stream → agent → alarms API.</summary>
public sealed class LimitMonitorTests(ServerFixture fixture) : IClassFixture<ServerFixture>, IAsyncLifetime
{
    private const string Skills = "api/v1/agents/cn.zhizao/limit-monitor/skills";

    private readonly ServerHost _server = fixture.Server;
    private readonly TestPlant _plant = TestPlant.Create("limits");
    private HttpClient _admin = null!;
    private string _deviceKey = "";

    public async Task InitializeAsync()
    {
        _admin = _server.Admin();
        await _admin.ImportPlantAsync(_plant);
        (_, _deviceKey) = await _admin.CreateKeyAsync(TestPlant.Unique("sensor"), "device");
    }

    public Task DisposeAsync()
    {
        _admin.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Out_of_range_values_raise_an_alarm_that_in_range_values_clear_and_an_operator_acknowledges()
    {
        var t = ApiCalls.MinuteAgo(30);
        await PublishTempsAsync(t, 55, 56, 57, 58, 59);

        var raised = await Poll.UntilAsync(() => AlarmsAsync(all: false), alarms => alarms.Count > 0, "an active alarm on temp", context: ServerLog);
        var alarm = Assert.Single(raised);
        Assert.Equal("high", alarm["condition"]!.GetValue<string>());
        Assert.Equal("high", alarm["priority"]!.GetValue<string>());
        Assert.Equal("cn.zhizao/limit-monitor", alarm["source"]!.GetValue<string>());
        Assert.Equal(57, alarm["value"]!.GetValue<double>()); // the third consecutive sample (on-delay 3)
        Assert.Equal(10, alarm["limit"]!.GetValue<double>());
        Assert.Equal(t.AddSeconds(2), alarm["raisedAt"]!.GetValue<DateTimeOffset>());
        Assert.Null(alarm["clearedAt"]);
        var id = alarm["id"]!.GetValue<long>();

        await PublishTempsAsync(t.AddSeconds(10), 5, 5, 5, 5, 5);

        var history = await Poll.UntilAsync(() => AlarmsAsync(all: true), alarms => alarms.Any(a => a["clearedAt"] is not null), "the alarm to clear", context: ServerLog);
        var cleared = Assert.Single(history);
        Assert.Equal(id, cleared["id"]!.GetValue<long>());
        Assert.Equal(t.AddSeconds(12), cleared["clearedAt"]!.GetValue<DateTimeOffset>()); // the third sample back in range (off-delay 3)
        Assert.Empty(await AlarmsAsync(all: false));

        var (_, operatorKey) = await _admin.CreateKeyAsync(TestPlant.Unique("operator"), "operator");
        using var operatorClient = _server.Client(operatorKey);
        using (var ack = await operatorClient.PostAsync($"api/v1/alarms/{id}/ack", null))
            Assert.Equal(HttpStatusCode.NoContent, ack.StatusCode);
        using (var again = await operatorClient.PostAsync($"api/v1/alarms/{id}/ack", null))
            await again.ProblemAsync(HttpStatusCode.NotFound, "unknown-alarm");
        Assert.NotNull(Assert.Single(await AlarmsAsync(all: true))["acknowledgedAt"]);
    }

    [Fact]
    public async Task A_raise_clear_raise_within_one_message_leaves_exactly_one_active_alarm()
    {
        var t = ApiCalls.MinuteAgo(40);

        await PublishTempsAsync(t, 55, 55, 55, 5, 5, 5, 55, 55, 55);

        var history = await Poll.UntilAsync(() => AlarmsAsync(all: true), alarms => alarms.Count >= 2, "two alarms", context: ServerLog);
        Assert.Equal(2, history.Count);
        Assert.Single(history, a => a["clearedAt"] is null);
        Assert.Single(await AlarmsAsync(all: false));
    }

    [Fact]
    public async Task The_agent_is_listed_with_its_skills()
    {
        var agents = (await _admin.GetJsonAsync("api/v1/agents")).AsArray();

        var monitor = Assert.Single(agents, a => a!["id"]!.GetValue<string>() == "cn.zhizao/limit-monitor")!;
        Assert.Equal(["alarms", "check", "acknowledge"], monitor["skills"]!.AsArray().Select(s => s!["name"]!.GetValue<string>()));
        Assert.Equal("信号限值监控", monitor["name"]!["zh"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(55, "high")]
    [InlineData(-1, "low")]
    [InlineData(5, "normal")]
    public async Task The_check_skill_compares_a_value_with_the_normal_range(double value, string condition)
    {
        using var response = await _admin.PostAsync($"{Skills}/check", Json(new JsonObject { ["signal"] = _plant.Temp, ["value"] = value }));

        var result = await response.JsonAsync(HttpStatusCode.OK);
        Assert.Equal(condition, result["condition"]!.GetValue<string>());
        Assert.Equal(0, result["min"]!.GetValue<double>());
        Assert.Equal(10, result["max"]!.GetValue<double>());
        Assert.Equal("°C", result["unit"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("check", """{"signal":"SIGNAL"}""", HttpStatusCode.BadRequest, "invalid-input")]
    [InlineData("check", """{"signal":"x/y/z/ghost","value":1}""", HttpStatusCode.NotFound, "not-found")]
    [InlineData("check", """{"signal":""", HttpStatusCode.BadRequest, "invalid-json")]
    [InlineData("dance", "{}", HttpStatusCode.NotFound, "unknown-skill")]
    [InlineData("acknowledge", """{"id":987654}""", HttpStatusCode.NotFound, "not-found")]
    public async Task Skill_failures_are_problems_with_the_skill_error_type(string skill, string body, HttpStatusCode status, string kind)
    {
        using var response = await _admin.SendAsync(ApiCalls.Request(HttpMethod.Post, $"{Skills}/{skill}", body.Replace("SIGNAL", _plant.Temp, StringComparison.Ordinal)));

        await response.ProblemAsync(status, kind);
    }

    [Fact]
    public async Task An_unknown_agent_is_a_404_and_a_viewer_may_check_but_not_acknowledge()
    {
        var (_, viewerKey) = await _admin.CreateKeyAsync(TestPlant.Unique("viewer"), "viewer");
        using var viewer = _server.Client(viewerKey);

        using var unknown = await _admin.PostAsync("api/v1/agents/acme/nothing/skills/check", Json(new JsonObject()));
        using var check = await viewer.PostAsync($"{Skills}/check", Json(new JsonObject { ["signal"] = _plant.Temp, ["value"] = 1 }));
        using var forbidden = await viewer.PostAsync($"{Skills}/acknowledge", Json(new JsonObject { ["id"] = 1 }));

        await unknown.ProblemAsync(HttpStatusCode.NotFound, "unknown-agent");
        Assert.Equal(HttpStatusCode.OK, check.StatusCode);
        await forbidden.ProblemAsync(HttpStatusCode.Forbidden, "role-denied");
    }

    private async Task PublishTempsAsync(DateTimeOffset start, params double[] values)
    {
        var payload = new JsonArray([.. values.Select((v, i) => (JsonNode)new JsonObject
        {
            ["ts"] = start.AddSeconds(i).ToUnixTimeMilliseconds(),
            ["values"] = new JsonObject { ["temp"] = v },
        })]);
        var published = await MosquittoPub.PublishAsync(_server.MqttPort, TestPlant.Unique("pub"), _deviceKey, _plant.Topic(), payload.ToJsonString());
        Assert.True(published.ExitCode == 0, published.Output);
    }

    private async Task<List<JsonObject>> AlarmsAsync(bool all) =>
        [.. (await _admin.GetJsonAsync($"api/v1/alarms?all={(all ? "true" : "false")}")).AsArray().Select(a => a!.AsObject()).Where(a => a["signal"]!.GetValue<string>() == _plant.Temp)];

    private string ServerLog() => string.Join(Environment.NewLine, _server.Log.Entries);

    private static StringContent Json(JsonObject body) => new(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json");
}
