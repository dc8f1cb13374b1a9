using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Zhizao.Server.Tests.Infrastructure;

namespace Zhizao.Server.Tests;

/// <summary>
/// The maintenance agent on the demo plant through the real path (simulator → MQTT → store → agent → API): 75 minutes of history
/// in which the machines are learned for 20 minutes, then the injected faults unfold.
/// </summary>
public sealed class MaintenanceApiTests(DemoServerFixture fixture) : IClassFixture<DemoServerFixture>
{
    private readonly ServerHost _server = fixture.Server;

    private Task<JsonNode> FaultsWhenDetectedAsync(HttpClient admin) => Poll.UntilAsync(
        () => GetWithServerLogAsync(admin, "api/v1/demo/faults"),
        f => f["faults"]!.AsArray().Where(x => x!["fault"]!.GetValue<string>() is "BearingWear" or "StuckSensor").All(x => x!["detectedAt"] is not null),
        "the bearing wear and the stuck sensor to be detected", seconds: 120, context: ServerLog);

    [Fact]
    public async Task Bearing_wear_is_flagged_before_the_failure_and_the_stuck_sensor_is_a_sensor_fault()
    {
        using var admin = _server.Admin();

        var faults = (await FaultsWhenDetectedAsync(admin))["faults"]!.AsArray();

        var wear = faults.Single(f => f!["fault"]!.GetValue<string>() == "BearingWear")!;
        Assert.Equal("demo-site/machining/cnc-03", wear["machine"]!.GetValue<string>());
        Assert.True(wear["leadTimeSeconds"]!.GetValue<double>() > 600, $"lead time {wear["leadTimeSeconds"]} s");
        Assert.StartsWith("machine-fault:", wear["condition"]!.GetValue<string>(), StringComparison.Ordinal);
        var stuck = faults.Single(f => f!["fault"]!.GetValue<string>() == "StuckSensor")!;
        Assert.Equal("sensor-fault:stuck-sensor", stuck["condition"]!.GetValue<string>());
        Assert.True(stuck["classifiedCorrectly"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Status_explains_the_worn_machine_and_work_orders_block_it_for_scheduling()
    {
        using var admin = _server.Admin();
        await FaultsWhenDetectedAsync(admin);

        // The backfill arrives machine by machine: every one of the eight is learned, then monitored.
        var status = await Poll.UntilAsync(() => admin.GetJsonAsync("api/v1/maintenance/status"),
            s => s["machines"]!.AsArray().Count(m => m!["state"]!.GetValue<string>() == "monitoring") == 8, "8 machines monitored", seconds: 120, context: ServerLog);
        Assert.NotNull(status["alarmRate"]!["raisedLastHour"]);

        var anomalies = (await admin.GetJsonAsync("api/v1/maintenance/anomalies?machine=demo-site/machining/cnc-03"))["anomalies"]!.AsArray();
        Assert.NotEmpty(anomalies);
        Assert.All(anomalies, a => Assert.False(string.IsNullOrEmpty(a!["message"]!["zh"]!.GetValue<string>())));

        var orders = (await admin.GetJsonAsync("api/v1/maintenance/work-orders?machine=demo-site/machining/cnc-03"))["workOrders"]!.AsArray();
        var order = Assert.Single(orders)!;
        var windows = (await admin.GetJsonAsync("api/v1/maintenance/windows"))["windows"]!.AsArray();
        Assert.Contains(windows, w => w!["machine"]!.GetValue<string>() == "demo-site/machining/cnc-03" && w["workOrderId"]!.GetValue<long>() == order["id"]!.GetValue<long>());

        // The scheduler blocks the worn machine for that work order's window when it plans the demo orders.
        using var scheduled = await admin.PostAsJsonAsync("api/v1/agents/cn.zhizao/scheduler/skills/schedule", new { demo = true, count = 20, timeLimitSeconds = 2 });
        Assert.True(scheduled.IsSuccessStatusCode, await scheduled.Content.ReadAsStringAsync());
        var plan = (await scheduled.Content.ReadFromJsonAsync<JsonObject>())!;
        var blocked = plan["maintenanceWindows"]!.AsArray().Where(w => w!["machine"]!.GetValue<string>() == "cnc-03").ToList();
        Assert.Contains(blocked, w => w!["reason"]!.GetValue<string>().Contains($"#{order["id"]}", StringComparison.Ordinal));
        foreach (var w in blocked)
        {
            var (from, to) = (DateTimeOffset.Parse(w!["from"]!.GetValue<string>(), CultureInfo.InvariantCulture), DateTimeOffset.Parse(w["to"]!.GetValue<string>(), CultureInfo.InvariantCulture));
            Assert.DoesNotContain(plan["gantt"]!.AsArray(), r => r!["machine"]!.GetValue<string>() == "cnc-03"
                && DateTimeOffset.Parse(r["start"]!.GetValue<string>(), CultureInfo.InvariantCulture) < to && DateTimeOffset.Parse(r["end"]!.GetValue<string>(), CultureInfo.InvariantCulture) > from);
        }

        using var badStatus = await admin.PatchAsJsonAsync($"api/v1/maintenance/work-orders/{order["id"]}", new { status = "finished" });
        await badStatus.ProblemAsync(HttpStatusCode.BadRequest, "invalid-input");
        using var missing = await admin.GetAsync("api/v1/maintenance/rul?machine=demo-site/machining/none");
        await missing.ProblemAsync(HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task Alarms_are_shelved_only_for_a_bounded_time()
    {
        using var admin = _server.Admin();
        await FaultsWhenDetectedAsync(admin);
        var alarm = (await admin.GetJsonAsync("api/v1/alarms?all=true")).AsArray().First(a => a!["source"]!.GetValue<string>() == "cn.zhizao/maintenance")!;
        var id = alarm["id"]!.GetValue<long>();

        using var tooLong = await admin.PostAsJsonAsync($"api/v1/alarms/{id}/shelve", new { minutes = 100_000 });
        await tooLong.ProblemAsync(HttpStatusCode.BadRequest, "invalid-shelve");
        using var shelved = await admin.PostAsJsonAsync($"api/v1/alarms/{id}/shelve", new { minutes = 30 });
        Assert.Equal(HttpStatusCode.OK, shelved.StatusCode);
        var listed = (await admin.GetJsonAsync("api/v1/alarms?all=true")).AsArray().Single(a => a!["id"]!.GetValue<long>() == id)!;
        Assert.NotNull(listed["shelvedUntil"]);
        using var unshelved = await admin.DeleteAsync($"api/v1/alarms/{id}/shelve");
        Assert.Equal(HttpStatusCode.NoContent, unshelved.StatusCode);
        using var unknown = await admin.PostAsJsonAsync("api/v1/alarms/999999/shelve", new { minutes = 5 });
        await unknown.ProblemAsync(HttpStatusCode.NotFound, "unknown-alarm");
    }

    [Theory]
    [InlineData("api/v1/maintenance/status")]
    [InlineData("api/v1/maintenance/windows")]
    [InlineData("api/v1/demo/faults")]
    public async Task Maintenance_resources_need_a_key(string path)
    {
        using var anonymous = _server.Client(null);

        using var refused = await anonymous.GetAsync(path);

        await refused.ProblemAsync(HttpStatusCode.Unauthorized, "unauthenticated");
    }

    private string ServerLog() => string.Join(Environment.NewLine, _server.Log.Entries);

    // A 500 was seen once in CI under load (not reproduced since): if it recurs, the failure carries what the server logged.
    private async Task<JsonNode> GetWithServerLogAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode} {text}{Environment.NewLine}server log:{Environment.NewLine}{ServerLog()}");
        return JsonNode.Parse(text)!;
    }
}
