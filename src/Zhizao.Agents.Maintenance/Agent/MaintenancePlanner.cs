using System.Globalization;
using Zhizao.Anomaly.Machine;
using Zhizao.Core.Storage;

namespace Zhizao.Agents.Maintenance.Agent;

/// <summary>Turns an explained anomaly and a remaining-useful-life estimate into an alarm priority and a work order.</summary>
public static class MaintenancePlanner
{
    /// <summary>Lead time before a work order's window starts when nothing forces it earlier (time to plan and prepare).</summary>
    public static readonly TimeSpan PlanningLead = TimeSpan.FromMinutes(30);

    /// <summary>
    /// ISA-18.2 style priority (low, medium, high, critical): a sensor fault is an instrument problem (low, medium when
    /// severe); a machine fault follows its severity and, when its degradation trend is significantly rising, is raised to at
    /// least high when the machine may reach its limit within eight hours, critical within one hour (early end of the band).
    /// </summary>
    public static string Priority(AnomalyEvent anomaly, RulEstimate? rul)
    {
        ArgumentNullException.ThrowIfNull(anomaly);
        if (anomaly.IsSensorFault)
            return anomaly.Severity >= AnomalySeverity.High ? "medium" : "low";
        var rank = (int)anomaly.Severity;
        // Only a trend that is significantly rising (finite late end of the band) escalates; a flat or noisy one does not.
        if (rul is null || rul.Upper == TimeSpan.MaxValue)
            return anomaly.Severity.ToString().ToLowerInvariant();
        if (rul.Lower < TimeSpan.FromHours(8))
            rank = Math.Max(rank, (int)AnomalySeverity.High);
        if (rul.Lower < TimeSpan.FromHours(1))
            rank = (int)AnomalySeverity.Critical;
        return ((AnomalySeverity)rank).ToString().ToLowerInvariant();
    }

    /// <summary>
    /// A work order for the anomaly. The suggested window ends before the early end of the remaining-useful-life band (so the
    /// machine is serviced before it is likely to reach its limit) and otherwise starts after the planning lead time; a
    /// sensor fault asks for the instrument to be checked, a machine fault for the machine to be inspected.
    /// </summary>
    public static WorkOrderRecord WorkOrder(string asset, AnomalyEvent anomaly, RulEstimate? rul, long alarmId, string priority,
        DateTimeOffset now, TimeSpan duration)
    {
        ArgumentNullException.ThrowIfNull(anomaly);
        var start = now + PlanningLead;
        if (rul is not null && rul.Lower != TimeSpan.MaxValue && now + rul.Lower < start + duration)
            start = now + rul.Lower - duration < now ? now : now + rul.Lower - duration;
        var signals = string.Join(", ", anomaly.TopSignals.Select(s => s.Signal));
        var inv = CultureInfo.InvariantCulture;
        var rulEn = rul is null || rul.Rul == TimeSpan.MaxValue ? "" : string.Create(inv, $" Estimated time to limit on {rul.Signal}: {Format(rul.Rul)} (80 % band {Format(rul.Lower)}–{Format(rul.Upper)}).");
        var rulZh = rul is null || rul.Rul == TimeSpan.MaxValue ? "" : string.Create(inv, $"预计 {rul.Signal} 达到限值剩余时间：{Format(rul.Rul)}（80% 区间 {Format(rul.Lower)}–{Format(rul.Upper)}）。");
        var (title, titleZh) = anomaly.IsSensorFault
            ? ($"Check sensor {signals} on {asset}", $"检查 {asset} 的传感器 {signals}")
            : ($"Inspect {asset}: {MaintenanceJson.KindName(anomaly.Kind)} on {signals}", $"检修 {asset}：{signals} 出现{KindZh(anomaly.Kind)}");
        return new WorkOrderRecord(0, "", asset, priority, WorkOrderStatus.Open, title, titleZh,
            anomaly.MessageEn + rulEn, anomaly.MessageZh + rulZh, start, start + duration, alarmId, now, now);
    }

    /// <summary>A duration for people: "2 h 05 min", "12 min", "45 s".</summary>
    public static string Format(TimeSpan span) => span == TimeSpan.MaxValue ? "∞"
        : span.TotalHours >= 1 ? string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalHours} h {span.Minutes:00} min")
        : span.TotalMinutes >= 1 ? string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalMinutes} min")
        : string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalSeconds} s");

    private static string KindZh(Zhizao.Anomaly.AnomalyKind kind) => kind switch
    {
        Zhizao.Anomaly.AnomalyKind.Spike => "尖峰",
        Zhizao.Anomaly.AnomalyKind.LevelShift => "水平突变",
        Zhizao.Anomaly.AnomalyKind.Trend => "趋势漂移",
        Zhizao.Anomaly.AnomalyKind.StuckSensor => "传感器卡死",
        _ => "噪声突增",
    };
}
