using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit.Abstractions;
using Zhizao.Agents.Maintenance.Agent;
using Zhizao.Agents.Maintenance.Benchmarks;
using Zhizao.Storage.DuckDb;

namespace Zhizao.Agents.Maintenance.Tests.Agent;

/// <summary>The agent on a simulated 75 minutes of the demo plant, through the real embedded store, against the fault ground truth.</summary>
public sealed class DemoPlantScenarioTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"zhizao-maint-{Guid.NewGuid():N}");
    private DuckDbStore _store = null!;

    public async Task InitializeAsync()
    {
        _store = new DuckDbStore(new DuckDbStoreOptions { Path = Path.Combine(_directory, "m.duckdb"), Threads = 2 }, NullLogger<DuckDbStore>.Instance);
        await _store.InitializeAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Bearing_wear_is_flagged_before_failure_and_the_stuck_sensor_is_a_sensor_fault()
    {
        var options = new MaintenanceOptions();
        var result = await DemoPlantRun.RunAsync(_store, options, TimeSpan.FromMinutes(75), CancellationToken.None);

        foreach (var f in result.Faults)
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{f.Machine} {f.Fault}: start {f.Start:HH:mm:ss} alarm {f.AlarmAt:HH:mm:ss} {f.Condition} lead {f.LeadTime}"));
        foreach (var a in result.AlarmLog)
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  alarm {a.RaisedAt:HH:mm:ss}-{a.ClearedAt:HH:mm:ss} {a.Asset} {a.Priority} {a.Condition} x{a.Occurrences}: {a.Message}"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"alarms {result.Alarms} false {result.FalseAlarms} rate {result.AlarmsPerHour:F1}/h work orders {result.WorkOrders} agent {result.MicrosPerPoint:F2} µs/point, scoring {result.ScoringMicrosPerPoint:F2} µs/point"));

        output.WriteLine($"RUL at {result.Rul?.At:HH:mm}: {result.Rul?.Estimate?.ToJsonString()}; {result.Rul?.LimitSignal} passed its limit at {result.Rul?.LimitReachedAt:HH:mm:ss}");
        // Before the failure the worn machine has a remaining-life estimate with a band, on one of its degrading signals.
        var (rul, lower, upper) = Assert.IsType<DemoRulCheck>(result.Rul).Predicted;
        Assert.True(lower <= rul && rul <= upper, $"{lower} ≤ {rul} ≤ {upper}");
        Assert.StartsWith("demo-site/machining/cnc-03/", result.Rul.LimitSignal, StringComparison.Ordinal);
        var wear = Assert.Single(result.Faults, f => f.Fault == "BearingWear");
        Assert.NotNull(wear.LeadTime);
        Assert.True(wear.LeadTime > TimeSpan.FromMinutes(10), $"lead time {wear.LeadTime}");
        Assert.True(wear.ClassifiedCorrectly, wear.Condition);
        var stuck = Assert.Single(result.Faults, f => f.Fault == "StuckSensor");
        Assert.Equal("sensor-fault:stuck-sensor", stuck.Condition);
        // Both noise bursts on the filler's fill weight are flagged while they act, as sensor noise bursts.
        var bursts = result.Faults.Where(f => f.Fault == "NoiseBurst").ToList();
        Assert.Equal(2, bursts.Count);
        Assert.All(bursts, b => Assert.Equal("sensor-fault:noise-burst", b.Condition));
        // EEMUA 191: up to 12 alarms per hour is manageable for one operator; the whole plant here stays within it.
        Assert.InRange(result.AlarmsPerHour, 0, 12);
        Assert.InRange(result.FalseAlarms, 0, 2);
        Assert.InRange(result.WorkOrders, 1, result.Alarms);
    }
}
