using Zhizao.Server.Tests.Infrastructure;

namespace Zhizao.Server.Tests;

/// <summary>
/// The demo plant end to end: 75 minutes of simulated history go through the real MQTT path at start, and the bearing wear
/// injected on cnc-03 drives its vibration past the normal range, which the limit monitor must report.
/// </summary>
public sealed class DemoPlantTests(DemoServerFixture fixture) : IClassFixture<DemoServerFixture>
{
    private const string Machine = "demo-site/machining/cnc-03";
    private const string Vibration = Machine + "/vibration_rms";

    private readonly ServerHost _server = fixture.Server;

    [Fact]
    public async Task The_backfilled_history_arrives_and_the_limit_monitor_raises_an_alarm_on_the_worn_machine()
    {
        using var admin = _server.Admin();

        var points = await Poll.UntilAsync(
            () => admin.RawAsync(Vibration, DateTimeOffset.UtcNow.AddHours(-2), DateTimeOffset.UtcNow.AddMinutes(1), limit: 100_000),
            p => p.Count > 0 && p[^1].Ts - p[0].Ts > TimeSpan.FromMinutes(74), "75 minutes of vibration history", seconds: 60, context: ServerLog);
        var alarms = await Poll.UntilAsync(
            async () => (await admin.GetJsonAsync("api/v1/alarms?all=true")).AsArray(),
            a => a.Any(x => x!["signal"]!.GetValue<string>() == Vibration),
            "a vibration alarm on cnc-03", seconds: 60, context: ServerLog);

        var signals = (await admin.GetJsonAsync("api/v1/signals")).AsArray();
        var range = signals.Single(s => s!["path"]!.GetValue<string>() == Vibration)!["normal"]!;
        var max = range["max"]!.GetValue<double>();
        Assert.Contains(points, p => p.Value > max);
        var vibrationAlarms = alarms.Where(a => a!["signal"]!.GetValue<string>() == Vibration).ToList();
        Assert.NotEmpty(vibrationAlarms);
        Assert.All(vibrationAlarms, a => Assert.Equal("high", a!["condition"]!.GetValue<string>()));
        // One signal never has two alarms in force at once.
        var active = (await admin.GetJsonAsync("api/v1/alarms")).AsArray();
        Assert.Equal(active.Count, active.Select(a => a!["signal"]!.GetValue<string>()).Distinct().Count());
        // Every signal of the demo plant gets data, not only the machine under test.
        var demoSignals = signals.Count(s => s!["path"]!.GetValue<string>().StartsWith("demo-site/", StringComparison.Ordinal));
        await Poll.UntilAsync(
            async () => (await admin.GetJsonAsync("api/v1/points/latest?prefix=demo-site/")).AsArray().Count,
            count => count == demoSignals, $"all {demoSignals} demo signals to have a latest value", seconds: 60, context: ServerLog);
        Assert.Empty(_server.Log.Errors);
    }

    [Theory]
    [InlineData("api/v1/demo/production-orders")]
    [InlineData("api/v1/demo/supply-items")]
    public async Task The_demo_business_data_needs_a_key(string path)
    {
        using var anonymous = _server.Client(null);
        using var admin = _server.Admin();

        using var refused = await anonymous.GetAsync(path);
        var data = await admin.GetJsonAsync(path);

        await refused.ProblemAsync(System.Net.HttpStatusCode.Unauthorized, "unauthenticated");
        Assert.NotEmpty(data.AsArray());
    }

    private string ServerLog() => string.Join(Environment.NewLine, _server.Log.Entries);
}
