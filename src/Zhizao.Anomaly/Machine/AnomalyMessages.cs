using System.Globalization;

namespace Zhizao.Anomaly.Machine;

/// <summary>The bilingual one-line explanation of an anomaly event.</summary>
internal static class AnomalyMessages
{
    public static (string En, string Zh) Describe(string machineId, AnomalyPhase phase, AnomalyKind kind, AnomalySeverity severity,
        IReadOnlyList<SignalContribution> top, long startMicros, long? endMicros)
    {
        var signalsEn = string.Join(", ", top.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Signal} ({s.Share:P0})")));
        var signalsZh = string.Join("、", top.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Signal}（{s.Share:P0}）")));
        var start = Format(startMicros);
        var en = string.Create(CultureInfo.InvariantCulture,
            $"{machineId}: {KindEn(kind)} on {top[0].Signal}; severity {SeverityEn(severity)}; top signals {signalsEn}; started {start}");
        var zh = string.Create(CultureInfo.InvariantCulture,
            $"{machineId}：{top[0].Signal} {KindZh(kind)}；严重程度 {SeverityZh(severity)}；主要信号 {signalsZh}；开始于 {start}");
        if (AnomalyEvent.IsSensorKind(kind))
        {
            en += " (sensor fault, not a machine fault)";
            zh += "（传感器故障，非设备故障）";
        }
        if (phase == AnomalyPhase.Ended && endMicros is { } end)
        {
            en += $"; cleared {Format(end)}";
            zh += $"；于 {Format(end)} 恢复";
        }
        return (en, zh);
    }

    private static string Format(long micros) =>
        DateTimeOffset.UnixEpoch.AddTicks(micros * 10).ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string KindEn(AnomalyKind kind) => kind switch
    {
        AnomalyKind.Spike => "spike",
        AnomalyKind.LevelShift => "level shift",
        AnomalyKind.Trend => "trend",
        AnomalyKind.StuckSensor => "stuck sensor",
        _ => "noise burst",
    };

    private static string KindZh(AnomalyKind kind) => kind switch
    {
        AnomalyKind.Spike => "尖峰",
        AnomalyKind.LevelShift => "水平突变",
        AnomalyKind.Trend => "趋势漂移",
        AnomalyKind.StuckSensor => "传感器卡死",
        _ => "噪声突增",
    };

    private static string SeverityEn(AnomalySeverity severity) => severity switch
    {
        AnomalySeverity.Low => "low",
        AnomalySeverity.Medium => "medium",
        AnomalySeverity.High => "high",
        _ => "critical",
    };

    private static string SeverityZh(AnomalySeverity severity) => severity switch
    {
        AnomalySeverity.Low => "低",
        AnomalySeverity.Medium => "中",
        AnomalySeverity.High => "高",
        _ => "危急",
    };
}
