using System.Text.Json.Nodes;
using Zhizao.Core.Agents;
using Zhizao.Core.Assets;

namespace Zhizao.Agents.Maintenance.Agent;

/// <summary>The maintenance agent's descriptor: identity, grade and skills with their JSON schemas.</summary>
internal static class MaintenanceDescriptor
{
    private const string MachineInput = """{"type":"object","properties":{"machine":{"type":"string","description":"site/line/machine; all machines when absent"}}}""";
    private const string IdInput = """{"type":"object","required":["id"],"properties":{"id":{"type":"integer"}}}""";
    private const string AnyObject = """{"type":"object"}""";

    public static AgentDescriptor Create() => new(
        MaintenanceAgent.AgentId,
        "1.0.0",
        new LocalizedText("Predictive maintenance", "预测性维护"),
        new LocalizedText(
            "Learns each machine's normal behaviour, detects and explains anomalies (contributing signals, kind, severity), estimates remaining useful life, " +
            "raises alarms without floods and proposes work orders with a maintenance window.",
            "学习每台设备的正常工况，检测并解释异常（贡献信号、类型、严重程度），估计剩余寿命，按报警管理规范报警并生成带建议维护窗口的工单。"),
        AutonomyGrade.L2Recommends,
        [
            Skill("status", "Monitoring state, anomaly score, current anomaly and remaining useful life per machine", "各设备的监测状态、异常分数、当前异常与剩余寿命", MachineInput),
            Skill("anomalies", "Recent explained anomalies, newest first", "最近的异常及解释",
                """{"type":"object","properties":{"machine":{"type":"string"},"limit":{"type":"integer","minimum":1,"maximum":500}}}"""),
            Skill("rul", "Remaining useful life of a machine with an 80 % band", "设备剩余寿命及 80% 区间",
                """{"type":"object","required":["machine"],"properties":{"machine":{"type":"string"}}}"""),
            Skill("fit", "Re-learn a machine's normal behaviour from a stored period", "用历史时段重新学习设备正常工况",
                """{"type":"object","required":["machine","from","to"],"properties":{"machine":{"type":"string"},"from":{"type":"string","format":"date-time"},"to":{"type":"string","format":"date-time"}}}""") with { Impact = ImpactClass.Quality },
            Skill("alarms", "Maintenance alarms with their ISA-18.2 state", "维护报警及其状态",
                """{"type":"object","properties":{"activeOnly":{"type":"boolean","default":true},"limit":{"type":"integer","minimum":1,"maximum":1000}}}"""),
            Skill("acknowledge", "Acknowledge an alarm", "确认报警", IdInput) with { Impact = ImpactClass.Production },
            Skill("shelve", "Shelve an alarm for a while (bounded)", "搁置报警（有时限）",
                """{"type":"object","required":["id","minutes"],"properties":{"id":{"type":"integer"},"minutes":{"type":"integer","minimum":1}}}""") with { Impact = ImpactClass.Production },
            Skill("unshelve", "Return a shelved alarm to service", "取消搁置", IdInput) with { Impact = ImpactClass.Production },
            Skill("work-orders", "Maintenance work orders", "维护工单",
                """{"type":"object","properties":{"machine":{"type":"string"},"status":{"enum":["open","scheduled","in-progress","done","cancelled"]},"activeOnly":{"type":"boolean"}}}"""),
            Skill("update-work-order", "Change a work order's status or window", "更新工单状态或窗口",
                """{"type":"object","required":["id","status"],"properties":{"id":{"type":"integer"},"status":{"enum":["open","scheduled","in-progress","done","cancelled"]},"windowStart":{"type":"string","format":"date-time"},"windowEnd":{"type":"string","format":"date-time"}}}""") with { Impact = ImpactClass.Production },
            Skill("maintenance-windows", "Windows in which machines are blocked for maintenance (for scheduling)", "设备维护占用时段（供排产使用）", AnyObject),
        ]);

    // A skill whose input names a machine touches that asset: asset-restricted callers may only name their own machines.
    private static SkillDescriptor Skill(string name, string en, string zh, string input)
    {
        var schema = JsonNode.Parse(input)!.AsObject();
        return new(name, new LocalizedText(en, zh), schema, JsonNode.Parse(AnyObject)!.AsObject())
        {
            AssetFields = schema["properties"]?["machine"] is not null ? ["machine"] : [],
        };
    }
}
