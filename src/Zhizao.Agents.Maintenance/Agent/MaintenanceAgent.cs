using Microsoft.Extensions.Logging;
using Zhizao.Anomaly;
using Zhizao.Anomaly.Machine;
using Zhizao.Anomaly.Multivariate;
using Zhizao.Anomaly.Univariate;
using Zhizao.Core.Agents;
using Zhizao.Core.Assets;
using Zhizao.Core.Points;
using Zhizao.Core.Storage;

namespace Zhizao.Agents.Maintenance.Agent;

/// <summary>
/// The predictive-maintenance agent: watches every machine's numeric signals on the point stream, learns each machine's
/// normal period, flags and explains anomalies (contributing signals, kind, start, severity, in Chinese and English),
/// estimates remaining useful life from the degradation trend, raises alarms without floods (on-delay, off-delay,
/// deduplication, shelving, acknowledgement) and turns machine faults into work orders with a suggested window that the
/// scheduling agent treats as blocked.
/// </summary>
public sealed partial class MaintenanceAgent(
    CatalogService catalog, IStore store, MaintenanceOptions options, TimeProvider time, ILogger<MaintenanceAgent> logger)
    : IAgent, IPointStreamSubscriber
{
    /// <summary>The agent id.</summary>
    public const string AgentId = "cn.zhizao/maintenance";

    private const int RecentEventCapacity = 500;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, MachineMonitor> _monitors = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _activeAlarm = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _activeOrder = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (AnomalyKind Kind, AnomalySeverity Severity)> _alarmExplanation = new(StringComparer.Ordinal);
    private readonly Queue<AnomalyEvent> _recent = new();
    private readonly Queue<(long Time, bool Annunciated)> _raised = new();
    private SignalCatalog? _catalogSeen;

    /// <inheritdoc />
    public AgentDescriptor Descriptor { get; } = MaintenanceDescriptor.Create();

    /// <summary>Restores active alarms and work orders so that a restart neither repeats nor forgets them.</summary>
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        var alarms = await store.Metadata.ListAlarmsAsync(activeOnly: true, 10_000, cancellationToken);
        var orders = await store.Metadata.ListWorkOrdersAsync(new WorkOrderQuery(ActiveOnly: true, Limit: 10_000), cancellationToken);
        lock (_lock)
        {
            foreach (var alarm in alarms.Where(a => a.Source == AgentId && a.Asset is not null))
                _activeAlarm.TryAdd(alarm.Asset!, alarm.Id);
            foreach (var order in orders.Where(o => o.Source == AgentId))
                _activeOrder.TryAdd(order.Asset, order.Id);
        }
        await ResumeFromHistoryAsync(cancellationToken);
    }

    /// <summary>
    /// After a restart, each machine with stored history learns again from the same period the live stream first taught it
    /// (its first <see cref="MaintenanceOptions.NormalPeriod"/> of data), so monitoring resumes at once instead of re-learning
    /// live. A machine with less history than that keeps learning from the stream.
    /// </summary>
    private async Task ResumeFromHistoryAsync(CancellationToken cancellationToken)
    {
        var current = catalog.Current;
        var machines = current.All.Where(s => s.Definition.DataType == SignalDataType.Float).Select(s => s.Path.MachinePath).Distinct(StringComparer.Ordinal).ToList();
        foreach (var machine in machines)
        {
            long? first = null;
            foreach (var signal in current.All.Where(s => s.Path.MachinePath == machine && s.Definition.DataType == SignalDataType.Float))
            {
                var page = await store.Points.ReadRawAsync(signal.Id, 0, long.MaxValue, 1, null, cancellationToken);
                if (page.Points.Count > 0 && (first is null || page.Points[0].TimestampMicros < first))
                    first = page.Points[0].TimestampMicros;
            }
            if (first is not { } start)
                continue;
            MachineMonitor monitor;
            lock (_lock)
                monitor = MonitorFor(machine, current);
            var from = Timestamps.FromMicros(start);
            var problem = await FitFromStoreAsync(monitor, from, from + options.NormalPeriod, cancellationToken);
            if (problem is null)
                LogResumed(logger, machine, from);
            else
                LogNotResumed(logger, machine, problem);
        }
    }

    /// <summary>Streaming cost so far: scoring time per point received while monitoring, over all machines (µs).</summary>
    public (long Points, double MicrosPerPoint) StreamingCost()
    {
        lock (_lock)
        {
            var points = _monitors.Values.Sum(m => m.PointsMonitored);
            var micros = _monitors.Values.Sum(m => m.ScoringTime.TotalMicroseconds);
            return (points, points == 0 ? 0 : micros / points);
        }
    }

    /// <inheritdoc />
    public async ValueTask OnPointsAsync(IReadOnlyList<DataPoint> points, CancellationToken cancellationToken)
    {
        List<(MachineMonitor Monitor, MonitorOutcome Outcome)>? changes = null;
        lock (_lock)
        {
            var current = catalog.Current;
            if (!ReferenceEquals(current, _catalogSeen))
                ForgetChangedMachines(current);
            for (var i = 0; i < points.Count; i++)
            {
                var point = points[i];
                if (!current.TryGet(point.SignalId, out var signal) || signal.Definition.DataType != SignalDataType.Float)
                    continue;
                var monitor = MonitorFor(signal.Path.MachinePath, current);
                foreach (var outcome in monitor.Add(point))
                {
                    if (outcome.Event is { } anomaly)
                        Remember(anomaly);
                    (changes ??= []).Add((monitor, outcome));
                }
            }
        }
        if (changes is null)
            return;
        foreach (var (monitor, outcome) in changes)
            await RecordAsync(monitor, outcome, cancellationToken);
    }

    private MachineMonitor MonitorFor(string machinePath, SignalCatalog current)
    {
        if (_monitors.TryGetValue(machinePath, out var monitor))
            return monitor;
        var signals = current.All
            .Where(s => s.Path.MachinePath == machinePath && s.Definition.DataType == SignalDataType.Float)
            .OrderBy(s => s.Id)
            .ToArray();
        monitor = new MachineMonitor(machinePath, signals, options,
            names => new MachineAnomalyDetector(machinePath, names, DetectorOptions(), MultivariateDetectors, UnivariateDetectors));
        _monitors[machinePath] = monitor;
        if (_activeAlarm.ContainsKey(machinePath))
            monitor.RestoreActiveAlarm();
        return monitor;
    }

    /// <summary>A plant re-import that changes a machine's numeric signals restarts that machine's learning.</summary>
    private void ForgetChangedMachines(SignalCatalog current)
    {
        _catalogSeen = current;
        foreach (var (path, monitor) in _monitors.ToArray())
        {
            var ids = current.All.Where(s => s.Path.MachinePath == path && s.Definition.DataType == SignalDataType.Float).Select(s => s.Id).Order();
            if (!ids.SequenceEqual(monitor.Signals.Select(s => s.Id)))
                _monitors.Remove(path);
        }
    }

    /// <summary>
    /// Per-signal detectors beside the multivariate ones: a frozen value is the sensor fault that relations between signals see
    /// least; a noise burst is the other. The noise-burst detector uses a capped (robust) rolling mean of squared steps, standardised
    /// by its own spread in the normal period and silent below 7 σ, so CNC job-phase changes do not alarm (a plain rolling RMS did).
    /// </summary>
    private static readonly IReadOnlyList<Func<IMultivariateDetector>> MultivariateDetectors =
        [() => new PcaT2QDetector(), () => new IsolationForestDetector(trees: 50, subsample: 128), () => new RidgeForecastDetector()];

    private static readonly IReadOnlyList<Func<IUnivariateDetector>> UnivariateDetectors =
        [() => new StuckDetector(), () => new NoiseBurstDetector()];

    private MachineAnomalyOptions DetectorOptions() => new()
    {
        FalseAlarmRate = options.TargetFalseAlarmRate,
    };

    private void Remember(AnomalyEvent anomaly)
    {
        _recent.Enqueue(anomaly);
        while (_recent.Count > RecentEventCapacity)
            _recent.Dequeue();
    }

    private async Task RecordAsync(MachineMonitor monitor, MonitorOutcome outcome, CancellationToken cancellationToken)
    {
        var asset = monitor.MachinePath;
        var at = Timestamps.FromMicros(outcome.TimestampMicros);
        switch (outcome.Alarm)
        {
            case AlarmAction.Raise:
                await RaiseAsync(monitor, outcome, at, cancellationToken);
                break;
            case AlarmAction.Repeat when ActiveAlarm(asset) is { } repeated:
                await store.Metadata.RepeatAlarmAsync(repeated, at, outcome.Surprise, cancellationToken);
                break;
            case AlarmAction.Clear when ActiveAlarm(asset) is { } cleared:
                await store.Metadata.ClearAlarmAsync(cleared, at, cancellationToken);
                lock (_lock)
                    _activeAlarm.Remove(asset);
                LogCleared(logger, asset);
                break;
        }
        if (outcome.Alarm != AlarmAction.None || outcome.Event is not { Phase: AnomalyPhase.Updated } updated)
            return;
        // "Spike" is provisional: an excursion that has just begun cannot yet be told from a frozen value, a shift or a trend.
        // While the alarm is in force, it takes the first lasting classification, or a higher severity of the same one; a lasting
        // classification is not overwritten by later shapes (a failed machine whose signals then stand still is not a frozen sensor).
        if (ActiveAlarm(asset) is { } active && ShouldRevise(asset, updated))
            await store.Metadata.ReviseAlarmAsync(AlarmFor(monitor, updated, outcome.Rul, outcome.Surprise, at) with { Id = active }, cancellationToken);
        if (outcome.Rul is { } rul && ActiveOrder(asset) is { } order)
            await RefreshWindowAsync(asset, rul, order, at, cancellationToken);
    }

    private async Task RaiseAsync(MachineMonitor monitor, MonitorOutcome outcome, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var asset = monitor.MachinePath;
        if (outcome.Current is not { } anomaly)
            return;
        var rul = outcome.Rul;
        // Shelving belongs to the machine's alarm point: a condition that comes back while the last alarm is shelved stays shelved.
        var recent = await store.Metadata.ListAlarmsAsync(false, 200, cancellationToken);
        var shelvedUntil = recent.FirstOrDefault(a => a.Source == AgentId && a.Asset == asset)?.ShelvedUntil is { } until && until > at ? until : (DateTimeOffset?)null;
        var draftAlarm = AlarmFor(monitor, anomaly, rul, outcome.Surprise, at) with { ShelvedUntil = shelvedUntil };
        var priority = draftAlarm.Priority;
        var alarm = await store.Metadata.RaiseAlarmAsync(draftAlarm, cancellationToken);
        lock (_lock)
        {
            _activeAlarm[asset] = alarm.Id;
            _alarmExplanation[asset] = (anomaly.Kind, anomaly.Severity);
            _raised.Enqueue((Timestamps.ToMicros(at), shelvedUntil is null));
            while (_raised.Count > 0 && _raised.Peek().Time < Timestamps.ToMicros(at) - 3_600_000_000L)
                _raised.Dequeue();
        }
        LogRaised(logger, asset, anomaly.Kind.ToString(), priority);

        if (ActiveOrder(asset) is { } existing)
        {
            if (rul is not null)
                await RefreshWindowAsync(asset, rul, existing, at, cancellationToken);
            return;
        }
        var draft = MaintenancePlanner.WorkOrder(asset, anomaly, rul, alarm.Id, priority, at, options.MaintenanceDuration);
        var order = await store.Metadata.CreateWorkOrderAsync(draft with { Source = AgentId }, cancellationToken);
        lock (_lock)
            _activeOrder[asset] = order.Id;
        LogWorkOrder(logger, order.Id, asset, order.WindowStart, order.WindowEnd);
    }

    private bool ShouldRevise(string asset, AnomalyEvent updated)
    {
        lock (_lock)
        {
            if (!_alarmExplanation.TryGetValue(asset, out var current))
                return false;
            var revise = (current.Kind == AnomalyKind.Spike && updated.Kind != AnomalyKind.Spike)
                || (current.Kind == updated.Kind && updated.Severity > current.Severity);
            if (revise)
                _alarmExplanation[asset] = (updated.Kind, updated.Severity);
            return revise;
        }
    }

    /// <summary>The alarm record for an explained anomaly: the top signal, the fault class and kind as condition, bilingual messages.</summary>
    private AlarmRecord AlarmFor(MachineMonitor monitor, AnomalyEvent anomaly, RulEstimate? rul, double surprise, DateTimeOffset at)
    {
        var top = anomaly.TopSignals.Count > 0 ? anomaly.TopSignals[0].Signal : monitor.Signals[0].Path.Signal;
        var topSignal = monitor.Signals.FirstOrDefault(s => s.Path.Signal == top) ?? monitor.Signals[0];
        return new AlarmRecord(
            0, AgentId, topSignal.Id, topSignal.Path.ToString(), MaintenancePlanner.Priority(anomaly, rul),
            (anomaly.IsSensorFault ? "sensor-fault:" : "machine-fault:") + MaintenanceJson.KindName(anomaly.Kind),
            anomaly.MessageEn, surprise, -Math.Log10(options.TargetFalseAlarmRate), at, null, null)
        {
            Asset = monitor.MachinePath,
            MessageZh = anomaly.MessageZh,
            Details = MaintenanceJson.Anomaly(anomaly, rul).ToJsonString(),
        };
    }

    /// <summary>Moves an open work order's window earlier when the remaining useful life has become shorter than it allows.</summary>
    private async Task RefreshWindowAsync(string asset, RulEstimate rul, long orderId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        if (rul.Lower == TimeSpan.MaxValue || rul.Upper == TimeSpan.MaxValue)
            return;
        var latestEnd = at + rul.Lower;
        var orders = await store.Metadata.ListWorkOrdersAsync(new WorkOrderQuery(Asset: asset, ActiveOnly: true, Limit: 10), cancellationToken);
        if (orders.FirstOrDefault(o => o.Id == orderId) is not { Status: WorkOrderStatus.Open } order || order.WindowEnd <= latestEnd)
            return;
        var start = latestEnd - options.MaintenanceDuration < at ? at : latestEnd - options.MaintenanceDuration;
        await store.Metadata.UpdateWorkOrderAsync(orderId, order.Status, start, latestEnd, at, cancellationToken);
    }

    private long? ActiveAlarm(string asset)
    {
        lock (_lock)
            return _activeAlarm.TryGetValue(asset, out var id) ? id : null;
    }

    private long? ActiveOrder(string asset)
    {
        lock (_lock)
            return _activeOrder.TryGetValue(asset, out var id) ? id : null;
    }

    [LoggerMessage(EventId = 3104, Level = LogLevel.Information, Message = "Machine {Machine} resumes monitoring with the normal period learned from {From:O}")]
    private static partial void LogResumed(ILogger logger, string machine, DateTimeOffset from);

    [LoggerMessage(EventId = 3105, Level = LogLevel.Information, Message = "Machine {Machine} learns from the live stream: its stored history cannot be learned yet ({Reason})")]
    private static partial void LogNotResumed(ILogger logger, string machine, string reason);

    [LoggerMessage(EventId = 3101, Level = LogLevel.Information, Message = "Maintenance alarm raised on {Machine}: {Kind} ({Priority})")]
    private static partial void LogRaised(ILogger logger, string machine, string kind, string priority);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Information, Message = "Maintenance alarm cleared on {Machine}")]
    private static partial void LogCleared(ILogger logger, string machine);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Information, Message = "Work order {Id} for {Machine}, window {Start:O} to {End:O}")]
    private static partial void LogWorkOrder(ILogger logger, long id, string machine, DateTimeOffset start, DateTimeOffset end);
}
