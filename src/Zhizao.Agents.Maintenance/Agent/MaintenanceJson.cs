using System.Text.Json.Nodes;
using Zhizao.Anomaly;
using Zhizao.Anomaly.Machine;
using Zhizao.Core.Points;
using Zhizao.Core.Storage;

namespace Zhizao.Agents.Maintenance.Agent;

/// <summary>The JSON shapes of the maintenance agent's skills (camelCase, times as ISO 8601 UTC).</summary>
public static class MaintenanceJson
{
    /// <summary>Kebab-case kind name: spike, level-shift, trend, stuck-sensor, noise-burst.</summary>
    public static string KindName(AnomalyKind kind) => kind switch
    {
        AnomalyKind.Spike => "spike",
        AnomalyKind.LevelShift => "level-shift",
        AnomalyKind.Trend => "trend",
        AnomalyKind.StuckSensor => "stuck-sensor",
        _ => "noise-burst",
    };

    /// <summary>An explained anomaly, with the remaining-useful-life estimate when there is one.</summary>
    public static JsonObject Anomaly(AnomalyEvent anomaly, RulEstimate? rul = null)
    {
        ArgumentNullException.ThrowIfNull(anomaly);
        var json = new JsonObject
        {
            ["machine"] = anomaly.MachineId,
            ["phase"] = anomaly.Phase.ToString().ToLowerInvariant(),
            ["kind"] = KindName(anomaly.Kind),
            ["fault"] = anomaly.IsSensorFault ? "sensor" : "machine",
            ["severity"] = anomaly.Severity.ToString().ToLowerInvariant(),
            ["peakSurprise"] = Math.Round(anomaly.PeakSurprise, 3),
            ["start"] = Timestamps.FromMicros(anomaly.StartMicros),
            ["end"] = anomaly.EndMicros is { } end ? Timestamps.FromMicros(end) : null,
            ["signals"] = new JsonArray([.. anomaly.TopSignals.Select(s => (JsonNode)new JsonObject { ["signal"] = s.Signal, ["share"] = Math.Round(s.Share, 4) })]),
            ["message"] = new JsonObject { ["en"] = anomaly.MessageEn, ["zh"] = anomaly.MessageZh },
        };
        if (rul is not null)
            json["rul"] = Rul(rul);
        return json;
    }

    /// <summary>A remaining-useful-life estimate; durations in seconds (null when unbounded).</summary>
    public static JsonObject Rul(RulEstimate rul)
    {
        ArgumentNullException.ThrowIfNull(rul);
        static JsonNode? Seconds(TimeSpan span) => span == TimeSpan.MaxValue ? null : Math.Round(span.TotalSeconds, 1);
        return new JsonObject
        {
            ["signal"] = rul.Signal,
            ["limit"] = rul.Limit,
            ["current"] = Math.Round(rul.Current, 4),
            ["rulSeconds"] = Seconds(rul.Rul),
            ["lowerSeconds"] = Seconds(rul.Lower),
            ["upperSeconds"] = Seconds(rul.Upper),
            ["band"] = "80%",
            ["model"] = rul.Model,
            ["text"] = new JsonObject
            {
                ["en"] = $"{MaintenancePlanner.Format(rul.Rul)} until {rul.Signal} reaches {rul.Limit} (80 % band {MaintenancePlanner.Format(rul.Lower)}–{MaintenancePlanner.Format(rul.Upper)})",
                ["zh"] = $"{rul.Signal} 预计 {MaintenancePlanner.Format(rul.Rul)} 后达到限值 {rul.Limit}（80% 区间 {MaintenancePlanner.Format(rul.Lower)}–{MaintenancePlanner.Format(rul.Upper)}）",
            },
        };
    }

    /// <summary>A maintenance alarm.</summary>
    public static JsonObject Alarm(AlarmRecord alarm, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(alarm);
        return new JsonObject
        {
            ["id"] = alarm.Id,
            ["machine"] = alarm.Asset,
            ["signal"] = alarm.Signal,
            ["priority"] = alarm.Priority,
            ["condition"] = alarm.Condition,
            ["state"] = AlarmState(alarm, now),
            ["message"] = new JsonObject { ["en"] = alarm.Message, ["zh"] = alarm.MessageZh },
            ["occurrences"] = alarm.Occurrences,
            ["raisedAt"] = alarm.RaisedAt,
            ["lastRaisedAt"] = alarm.LastRaisedAt,
            ["clearedAt"] = alarm.ClearedAt,
            ["acknowledgedAt"] = alarm.AcknowledgedAt,
            ["shelvedUntil"] = alarm.ShelvedUntil,
            ["details"] = alarm.Details is null ? null : JsonNode.Parse(alarm.Details),
        };
    }

    /// <summary>
    /// ISA-18.2 alarm state: shelved, unacknowledged (active, not acknowledged), acknowledged (active, acknowledged),
    /// returned-unacknowledged (cleared before acknowledgement) or normal.
    /// </summary>
    public static string AlarmState(AlarmRecord alarm, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(alarm);
        if (alarm.ShelvedUntil is { } until && until > now && alarm.ClearedAt is null)
            return "shelved";
        return (alarm.ClearedAt, alarm.AcknowledgedAt) switch
        {
            (null, null) => "unacknowledged",
            (null, _) => "acknowledged",
            (_, null) => "returned-unacknowledged",
            _ => "normal",
        };
    }

    /// <summary>A work order.</summary>
    public static JsonObject WorkOrder(WorkOrderRecord order)
    {
        ArgumentNullException.ThrowIfNull(order);
        return new JsonObject
        {
            ["id"] = order.Id,
            ["machine"] = order.Asset,
            ["priority"] = order.Priority,
            ["status"] = order.Status,
            ["title"] = new JsonObject { ["en"] = order.Title, ["zh"] = order.TitleZh },
            ["description"] = new JsonObject { ["en"] = order.Description, ["zh"] = order.DescriptionZh },
            ["window"] = new JsonObject { ["start"] = order.WindowStart, ["end"] = order.WindowEnd },
            ["alarmId"] = order.AlarmId,
            ["createdAt"] = order.CreatedAt,
            ["updatedAt"] = order.UpdatedAt,
        };
    }
}
