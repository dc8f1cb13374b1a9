using System.Text.Json.Nodes;
using Zhizao.Anomaly;
using Zhizao.Core.Agents;
using Zhizao.Core.Points;
using Zhizao.Core.Storage;

namespace Zhizao.Agents.Maintenance.Agent;

/// <summary>The maintenance agent's skills.</summary>
public sealed partial class MaintenanceAgent
{
    private const int MaxFitRows = 200_000;

    /// <inheritdoc />
    public async Task<SkillResult> InvokeAsync(string skill, JsonNode? input, AgentCaller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (input is not (null or JsonObject))
            return SkillResult.Fail("invalid-input", "the skill input must be a JSON object");
        return skill switch
        {
            "status" => Status(input),
            "anomalies" => Anomalies(input),
            "rul" => Rul(input),
            "fit" => await FitAsync(input, cancellationToken),
            "alarms" => await AlarmsAsync(input, cancellationToken),
            "acknowledge" => await AcknowledgeAsync(input, caller, cancellationToken),
            "shelve" => await ShelveAsync(input, shelve: true, cancellationToken),
            "unshelve" => await ShelveAsync(input, shelve: false, cancellationToken),
            "work-orders" => await WorkOrdersAsync(input, cancellationToken),
            "update-work-order" => await UpdateWorkOrderAsync(input, cancellationToken),
            "maintenance-windows" => await WindowsAsync(cancellationToken),
            _ => SkillResult.Fail("unknown-skill",
                $"the maintenance agent has no skill '{skill}' (skills: {string.Join(", ", Descriptor.Skills.Select(s => s.Name))})"),
        };
    }

    private SkillResult Status(JsonNode? input)
    {
        if (!SkillInput.TryReadText(input, "machine", out var machine))
            return SkillResult.Fail("invalid-input", "'machine' must be text (site/line/machine)");
        var machines = new JsonArray();
        double ratePerHour;
        int annunciated;
        lock (_lock)
        {
            if (machine is not null && !_monitors.ContainsKey(machine))
                return SkillResult.Fail("not-found", $"no data seen yet for machine '{machine}'");
            foreach (var monitor in _monitors.Values.Where(m => machine is null || m.MachinePath == machine).OrderBy(m => m.MachinePath, StringComparer.Ordinal))
                machines.Add(MachineStatus(monitor));
            ratePerHour = _raised.Count;
            annunciated = _raised.Count(r => r.Annunciated);
        }
        return SkillResult.Ok(new JsonObject
        {
            ["machines"] = machines,
            ["alarmRate"] = new JsonObject
            {
                ["raisedLastHour"] = ratePerHour,
                ["annunciatedLastHour"] = annunciated,
                ["guidance"] = "EEMUA 191: ≤ 6 per operator per hour very likely acceptable, ≤ 12 manageable",
            },
        });
    }

    private static JsonObject MachineStatus(MachineMonitor monitor)
    {
        var rul = monitor.EstimateRul();
        return new JsonObject
        {
            ["machine"] = monitor.MachinePath,
            ["state"] = monitor.State switch { MonitorState.Learning => "learning", MonitorState.Monitoring => "monitoring", _ => "not-fitted" },
            ["learning"] = monitor.State == MonitorState.Learning ? new JsonObject { ["rows"] = monitor.LearningProgress, ["needed"] = monitor.LearningTarget } : null,
            ["reason"] = monitor.NotFittedReason,
            ["signals"] = new JsonArray([.. monitor.Signals.Select(s => (JsonNode)s.Path.Signal)]),
            ["fittedOn"] = monitor.FittedPeriod is { } period
                ? new JsonObject { ["from"] = Timestamps.FromMicros(period.From), ["to"] = Timestamps.FromMicros(period.To) } : null,
            ["lastRow"] = monitor.LastRowMicros == 0 ? null : Timestamps.FromMicros(monitor.LastRowMicros),
            ["surprise"] = Math.Round(monitor.LastSurprise, 3),
            ["anomalous"] = monitor.IsAnomalous,
            ["alarmActive"] = monitor.AlarmActive,
            ["anomaly"] = monitor.CurrentAnomaly is { } anomaly ? MaintenanceJson.Anomaly(anomaly) : null,
            ["rul"] = rul is null ? null : MaintenanceJson.Rul(rul),
        };
    }

    private SkillResult Anomalies(JsonNode? input)
    {
        if (!SkillInput.TryReadText(input, "machine", out var machine) || !SkillInput.TryRead(input, "limit", out int? limitInput))
            return SkillResult.Fail("invalid-input", "'machine' must be text and 'limit' an integer");
        var limit = Math.Clamp(limitInput ?? 100, 1, RecentEventCapacity);
        lock (_lock)
        {
            var events = _recent.Reverse().Where(e => machine is null || e.MachineId == machine).Take(limit).Select(e => (JsonNode)MaintenanceJson.Anomaly(e));
            return SkillResult.Ok(new JsonObject { ["anomalies"] = new JsonArray([.. events]) });
        }
    }

    private SkillResult Rul(JsonNode? input)
    {
        if (!SkillInput.TryReadText(input, "machine", out var machine) || machine is null)
            return SkillResult.Fail("invalid-input", "'machine' (site/line/machine) is required");
        lock (_lock)
        {
            if (!_monitors.TryGetValue(machine, out var monitor))
                return SkillResult.Fail("not-found", $"no data seen yet for machine '{machine}'");
            if (monitor.State != MonitorState.Monitoring)
                return SkillResult.Fail("failed", $"machine '{machine}' is not fitted yet ({MachineStatus(monitor)["state"]})");
            var rul = monitor.EstimateRul();
            return SkillResult.Ok(new JsonObject
            {
                ["machine"] = machine,
                ["rul"] = rul is null ? null : MaintenanceJson.Rul(rul),
                ["note"] = rul is null ? "no rising trend towards a limit: no end of life in sight" : null,
            });
        }
    }

    private async Task<SkillResult> FitAsync(JsonNode? input, CancellationToken cancellationToken)
    {
        if (!SkillInput.TryReadText(input, "machine", out var machine) || machine is null
            || !SkillInput.TryReadTime(input, "from", out var from) || from is null || !SkillInput.TryReadTime(input, "to", out var to) || to is null)
            return SkillResult.Fail("invalid-input", "'machine' (site/line/machine), 'from' and 'to' (ISO 8601 times with an offset) are required");
        if (to <= from)
            return SkillResult.Fail("invalid-input", "'to' must be after 'from'");
        MachineMonitor monitor;
        lock (_lock)
            monitor = MonitorFor(machine, catalog.Current);
        if (monitor.Signals.Count == 0)
            return SkillResult.Fail("not-found", $"machine '{machine}' has no numeric signals in the plant model");
        if ((to.Value - from.Value) / options.RowInterval > MaxFitRows)
            return SkillResult.Fail("invalid-input", $"the period holds more than {MaxFitRows} rows at {options.RowInterval.TotalSeconds} s; choose a shorter one");

        if (await FitFromStoreAsync(monitor, from.Value, to.Value, cancellationToken) is { } problem)
            return SkillResult.Fail("invalid-input", $"cannot learn {machine} from {from:O} to {to:O}: {problem}");
        lock (_lock)
            return SkillResult.Ok(MachineStatus(monitor));
    }

    /// <summary>Learns a machine's normal behaviour from the stored points of a period; returns why not, or null when it did.</summary>
    private async Task<string?> FitFromStoreAsync(MachineMonitor monitor, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var points = new List<DataPoint>();
        foreach (var signal in monitor.Signals)
        {
            long? after = null;
            do
            {
                var page = await store.Points.ReadRawAsync(signal.Id, Timestamps.ToMicros(from), Timestamps.ToMicros(to), 10_000, after, cancellationToken);
                points.AddRange(page.Points);
                after = page.NextAfterMicros;
            }
            while (after is not null);
        }
        points.Sort((a, b) => a.TimestampMicros.CompareTo(b.TimestampMicros));
        var rows = new List<(long, double[])>();
        var assembler = new MachineFrameAssembler(monitor.Signals.Count, options.RowInterval);
        var column = monitor.Signals.Select((s, i) => (s.Id, i)).ToDictionary(x => x.Id, x => x.i);
        foreach (var point in points)
            assembler.Add(column[point.SignalId], point.TimestampMicros, point.Value, rows, static (list, t, row) => list.Add((t, (double[])row.Clone())));
        try
        {
            lock (_lock)
                monitor.Fit(rows);
            return null;
        }
        catch (Exception e) when (e is InsufficientTrainingDataException or ArgumentException)
        {
            return e.Message;
        }
    }

    private async Task<SkillResult> AlarmsAsync(JsonNode? input, CancellationToken cancellationToken)
    {
        if (!SkillInput.TryRead(input, "activeOnly", out bool? activeOnly) || !SkillInput.TryRead(input, "limit", out int? limit))
            return SkillResult.Fail("invalid-input", "'activeOnly' must be a boolean and 'limit' an integer");
        var alarms = await store.Metadata.ListAlarmsAsync(activeOnly ?? true, 10_000, cancellationToken);
        var now = time.GetUtcNow();
        var mine = alarms.Where(a => a.Source == AgentId).Take(Math.Clamp(limit ?? 100, 1, 1000)).Select(a => (JsonNode)MaintenanceJson.Alarm(a, now));
        return SkillResult.Ok(new JsonObject { ["alarms"] = new JsonArray([.. mine]) });
    }

    private async Task<SkillResult> AcknowledgeAsync(JsonNode? input, AgentCaller caller, CancellationToken cancellationToken)
    {
        if (!SkillInput.TryRead(input, "id", out long? id) || id is null)
            return SkillResult.Fail("invalid-input", "'id' (alarm id) is required");
        return await store.Metadata.AcknowledgeAlarmAsync(id.Value, time.GetUtcNow(), cancellationToken)
            ? SkillResult.Ok(new JsonObject { ["id"] = id.Value, ["acknowledged"] = true, ["by"] = caller.PrincipalId })
            : SkillResult.Fail("not-found", $"no unacknowledged alarm {id.Value}");
    }

    private async Task<SkillResult> ShelveAsync(JsonNode? input, bool shelve, CancellationToken cancellationToken)
    {
        if (!SkillInput.TryRead(input, "id", out long? id) || id is null || !SkillInput.TryRead(input, "minutes", out int? minutes) || (shelve && minutes is null))
            return SkillResult.Fail("invalid-input", shelve ? "'id' (alarm id) and 'minutes' (integer) are required" : "'id' (alarm id) is required");
        if (shelve && (minutes < 1 || TimeSpan.FromMinutes(minutes!.Value) > options.MaxShelveDuration))
            return SkillResult.Fail("invalid-input", $"'minutes' must be between 1 and {options.MaxShelveDuration.TotalMinutes} (shelving is always time-limited)");
        var alarm = (await store.Metadata.ListAlarmsAsync(false, 10_000, cancellationToken)).FirstOrDefault(a => a.Id == id && a.Source == AgentId);
        if (alarm is null)
            return SkillResult.Fail("not-found", $"no maintenance alarm {id}");
        DateTimeOffset? until = shelve ? time.GetUtcNow() + TimeSpan.FromMinutes(minutes!.Value) : null;
        await store.Metadata.ShelveAlarmAsync(id.Value, until, cancellationToken);
        return SkillResult.Ok(new JsonObject { ["id"] = id.Value, ["shelvedUntil"] = until });
    }

    private async Task<SkillResult> WorkOrdersAsync(JsonNode? input, CancellationToken cancellationToken)
    {
        if (!SkillInput.TryReadText(input, "machine", out var machine) || !SkillInput.TryReadText(input, "status", out var status)
            || !SkillInput.TryRead(input, "activeOnly", out bool? activeOnly))
            return SkillResult.Fail("invalid-input", "'machine' and 'status' must be text, 'activeOnly' a boolean");
        if (status is not null && !WorkOrderStatus.All.Contains(status))
            return SkillResult.Fail("invalid-input", $"unknown status '{status}' (one of {string.Join(", ", WorkOrderStatus.All)})");
        var orders = await store.Metadata.ListWorkOrdersAsync(new WorkOrderQuery(status, machine, activeOnly ?? false, 1000), cancellationToken);
        return SkillResult.Ok(new JsonObject { ["workOrders"] = new JsonArray([.. orders.Select(o => (JsonNode)MaintenanceJson.WorkOrder(o))]) });
    }

    private async Task<SkillResult> UpdateWorkOrderAsync(JsonNode? input, CancellationToken cancellationToken)
    {
        if (!SkillInput.TryRead(input, "id", out long? id) || id is null || !SkillInput.TryReadText(input, "status", out var status) || status is null
            || !SkillInput.TryReadTime(input, "windowStart", out var start) || !SkillInput.TryReadTime(input, "windowEnd", out var end))
            return SkillResult.Fail("invalid-input", "'id' and 'status' are required; 'windowStart' and 'windowEnd' are ISO 8601 times with an offset");
        if (!WorkOrderStatus.All.Contains(status))
            return SkillResult.Fail("invalid-input", $"unknown status '{status}' (one of {string.Join(", ", WorkOrderStatus.All)})");
        if (start is not null && end is not null && end <= start)
            return SkillResult.Fail("invalid-input", "'windowEnd' must be after 'windowStart'");
        var order = await store.Metadata.UpdateWorkOrderAsync(id.Value, status, start, end, time.GetUtcNow(), cancellationToken);
        if (order is null)
            return SkillResult.Fail("not-found", $"no work order {id.Value}");
        if (!WorkOrderStatus.IsActive(order.Status))
        {
            lock (_lock)
            {
                if (_activeOrder.TryGetValue(order.Asset, out var active) && active == order.Id)
                    _activeOrder.Remove(order.Asset);
            }
        }
        return SkillResult.Ok(MaintenanceJson.WorkOrder(order));
    }

    private async Task<SkillResult> WindowsAsync(CancellationToken cancellationToken)
    {
        var orders = await store.Metadata.ListWorkOrdersAsync(new WorkOrderQuery(ActiveOnly: true, Limit: 10_000), cancellationToken);
        var windows = orders.OrderBy(o => o.WindowStart).Select(o => (JsonNode)new JsonObject
        {
            ["machine"] = o.Asset,
            ["start"] = o.WindowStart,
            ["end"] = o.WindowEnd,
            ["workOrderId"] = o.Id,
            ["priority"] = o.Priority,
        });
        return SkillResult.Ok(new JsonObject { ["windows"] = new JsonArray([.. windows]) });
    }
}
