using System.Text.Json.Nodes;
using Zhizao.Core.Agents;
using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Zhizao.Agents.Maintenance.Agent;
using Zhizao.Core.Assets;
using Zhizao.Core.Points;
using Zhizao.Core.Storage;
using Zhizao.Simulation;

namespace Zhizao.Agents.Maintenance.Benchmarks;

/// <summary>How the agent did on one injected fault of the demo plant.</summary>
/// <param name="Machine">The machine path.</param>
/// <param name="Fault">The injected fault kind.</param>
/// <param name="Start">When the fault started.</param>
/// <param name="FailureAt">When the machine fails, for faults that end in a failure.</param>
/// <param name="AlarmAt">First maintenance alarm on the machine at or after the fault start (null: missed).</param>
/// <param name="Condition">That alarm's condition, e.g. <c>machine-fault:trend</c> or <c>sensor-fault:stuck-sensor</c>.</param>
/// <param name="ExpectedSensorFault">Whether the injected fault is a sensor fault.</param>
public sealed record DemoFaultOutcome(string Machine, string Fault, DateTimeOffset Start, DateTimeOffset? FailureAt, DateTimeOffset? AlarmAt, string? Condition,
    bool ExpectedSensorFault)
{
    /// <summary>Failure time minus alarm time, for faults that end in a failure and were flagged before it.</summary>
    public TimeSpan? LeadTime => FailureAt is { } f && AlarmAt is { } a && a < f ? f - a : null;

    /// <summary>
    /// Matches an injected fault with the maintenance agent's alarms (any order): the first alarm on the fault's machine raised while
    /// the fault acts, or within a minute after it ends.
    /// </summary>
    public static DemoFaultOutcome Match(FaultTruth fault, IEnumerable<AlarmRecord> alarms)
    {
        ArgumentNullException.ThrowIfNull(fault);
        var alarm = alarms.Where(a => a.Source == MaintenanceAgent.AgentId && Covers(fault, a)).MinBy(a => a.RaisedAt);
        return new DemoFaultOutcome(fault.MachinePath, fault.Scenario.Kind.ToString(), fault.Start, fault.FailureAt, alarm?.RaisedAt, alarm?.Condition,
            fault.Scenario.IsSensorFault);
    }

    /// <summary>Whether an alarm falls on the fault's machine while it acts (or within a minute after it ends).</summary>
    public static bool Covers(FaultTruth fault, AlarmRecord alarm)
    {
        ArgumentNullException.ThrowIfNull(fault);
        ArgumentNullException.ThrowIfNull(alarm);
        return alarm.Asset == fault.MachinePath && alarm.RaisedAt >= fault.Start && (fault.End is null || alarm.RaisedAt < fault.End.Value.AddMinutes(1));
    }

    /// <summary>Whether the alarm classified the fault correctly as a sensor or a machine fault.</summary>
    public bool ClassifiedCorrectly => Condition is not null && Condition.StartsWith(ExpectedSensorFault ? "sensor-fault:" : "machine-fault:", StringComparison.Ordinal);
}

/// <summary>The agent's record on a simulated run of the demo plant.</summary>
public sealed record DemoPlantResult(
    TimeSpan Simulated, IReadOnlyList<DemoFaultOutcome> Faults, int Alarms, int FalseAlarms, double AlarmsPerHour, int WorkOrders,
    long Points, double MicrosPerPoint, long MonitoredPoints, double ScoringMicrosPerPoint, IReadOnlyList<AlarmRecord> AlarmLog, DemoRulCheck? Rul);

/// <summary>
/// The agent's remaining-life estimate for the worn machine at <paramref name="At"/> (the <c>rul</c> skill's JSON, null when it
/// had none), when the estimated signal actually first passed its limit, and when the machine failed.
/// </summary>
public sealed record DemoRulCheck(DateTimeOffset At, JsonObject? Estimate, string? LimitSignal, DateTimeOffset? LimitReachedAt, DateTimeOffset FailureAt)
{
    /// <summary>Seconds from the probe until the limit was actually passed (negative: already passed).</summary>
    public double? ActualSeconds => LimitReachedAt is { } reached ? (reached - At).TotalSeconds : null;

    /// <summary>The estimate in seconds, and its 80 % band.</summary>
    public (double? Rul, double? Lower, double? Upper) Predicted =>
        (Estimate?["rulSeconds"]?.GetValue<double>(), Estimate?["lowerSeconds"]?.GetValue<double>(), Estimate?["upperSeconds"]?.GetValue<double>());
}

/// <summary>
/// Runs the demo plant's simulator (default faults, fixed seed) for a period through the maintenance agent on a real store,
/// then compares the alarms with the injected faults' ground truth: lead time before the bearing failure, sensor-versus-machine
/// classification, false alarms (alarms on machines without an active fault) and the alarm rate per hour (EEMUA 191).
/// </summary>
public static class DemoPlantRun
{
    /// <summary>How long before the bearing failure the agent is asked for the worn machine's remaining life.</summary>
    public static readonly TimeSpan RulProbeBeforeFailure = TimeSpan.FromMinutes(15);

    /// <summary>Runs the scenario. The store must be empty and initialised.</summary>
    public static async Task<DemoPlantResult> RunAsync(IStore store, MaintenanceOptions options, TimeSpan duration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var start = new DateTimeOffset(2026, 11, 2, 8, 0, 0, TimeSpan.Zero);
        var simulator = new PlantSimulator(new SimulationOptions(), start);
        await store.Metadata.SavePlantAsync(simulator.Plant, start, cancellationToken);
        var catalog = new CatalogService(store);
        await catalog.ReloadAsync(cancellationToken);
        var agent = new MaintenanceAgent(catalog, store, options, new FixedTime(start + duration), NullLogger<MaintenanceAgent>.Instance);
        await agent.InitializeAsync(cancellationToken);

        var ids = catalog.Current.All.ToDictionary(s => s.Path, s => s.Id);
        var batch = new List<DataPoint>(4096);
        long points = 0;
        var agentTime = new Stopwatch();
        // Remaining-life check on the worn machine: the agent's estimate some time before the failure, against the time at
        // which the degrading signal first actually passes its limit.
        var wear = simulator.Faults.FirstOrDefault(f => f.FailureAt is not null);
        var probeAt = wear?.FailureAt - RulProbeBeforeFailure;
        var limits = wear?.AffectedSignals.Select(p => (Path: p, Limit: catalog.Current.TryGet(p.ToString(), out var r) ? r.Definition.Normal?.Max : null))
            .Where(x => x.Limit is not null).ToDictionary(x => x.Path, x => x.Limit!.Value) ?? [];
        JsonNode? probed = null;
        var limitReached = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        foreach (var sample in simulator.Generate(start, start + duration))
        {
            if (limits.TryGetValue(sample.Path, out var limit) && sample.Value > limit && sample.Timestamp >= wear!.Start)
                limitReached.TryAdd(sample.Path.ToString(), sample.Timestamp);
            if (probed is null && probeAt is { } at && sample.Timestamp >= at)
            {
                await agent.OnPointsAsync(batch, cancellationToken);
                points += batch.Count;
                batch.Clear();
                var answer = await agent.InvokeAsync("rul", new JsonObject { ["machine"] = wear!.MachinePath }, new AgentCaller("benchmark", "engineer"), cancellationToken);
                probed = answer.Output?["rul"] ?? JsonValue.Create(answer.Error?.Message ?? "no estimate");
            }
            batch.Add(new DataPoint(ids[sample.Path], Timestamps.ToMicros(sample.Timestamp), sample.Value));
            if (batch.Count < batch.Capacity)
                continue;
            points += batch.Count;
            agentTime.Start();
            await agent.OnPointsAsync(batch, cancellationToken);
            agentTime.Stop();
            batch.Clear();
        }
        points += batch.Count;
        agentTime.Start();
        await agent.OnPointsAsync(batch, cancellationToken);
        agentTime.Stop();

        var alarms = (await store.Metadata.ListAlarmsAsync(false, 10_000, cancellationToken)).Where(a => a.Source == MaintenanceAgent.AgentId).OrderBy(a => a.RaisedAt).ToList();
        var orders = await store.Metadata.ListWorkOrdersAsync(new WorkOrderQuery(Limit: 10_000), cancellationToken);
        var outcomes = simulator.Faults.Select(f => DemoFaultOutcome.Match(f, alarms)).ToList();
        // An alarm is false when no injected fault was acting on its machine (allowing one minute after a fault ends).
        var falseAlarms = alarms.Count(a => !simulator.Faults.Any(f => DemoFaultOutcome.Covers(f, a)));
        // The rate counts the monitored period only: the normal period is learned first.
        var monitored = duration - options.NormalPeriod;
        var (monitoredPoints, microsPerPoint) = agent.StreamingCost();
        DemoRulCheck? rulCheck = null;
        if (probeAt is { } probeTime)
        {
            var estimate = probed as JsonObject;
            var signal = estimate?["signal"]?.GetValue<string>();
            rulCheck = new DemoRulCheck(probeTime, estimate, signal, signal is not null && limitReached.TryGetValue(signal, out var reached) ? reached : null,
                wear!.FailureAt!.Value);
        }
        return new DemoPlantResult(duration, outcomes, alarms.Count, falseAlarms, alarms.Count / Math.Max(monitored.TotalHours, 1e-9), orders.Count,
            points, agentTime.Elapsed.TotalMicroseconds / Math.Max(1, points), monitoredPoints, microsPerPoint, alarms, rulCheck);
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
