using System.Text.Json.Nodes;
using Zhizao.Core.Agents;
using Zhizao.Core.Assets;
using Zhizao.Core.Storage;

namespace Zhizao.Agents.LimitMonitor;

/// <summary>The limit monitor's descriptor and JSON shapes.</summary>
internal static class LimitMonitorDescriptor
{
    public static AgentDescriptor Create() => new(
        LimitMonitorAgent.AgentId,
        "1.0.0",
        new LocalizedText("Signal limit monitor", "信号限值监控"),
        new LocalizedText(
            "Raises and clears alarms when signals leave the normal ranges of the plant file, with on-delay, deadband and off-delay.",
            "根据工厂模型中的正常范围对信号越限进行报警与恢复，带延时与死区，避免报警泛滥。"),
        AutonomyGrade.L1Informs,
        [
            new SkillDescriptor("alarms", new LocalizedText("List alarms", "查询报警"),
                Schema("""{"type":"object","properties":{"activeOnly":{"type":"boolean","default":true},"limit":{"type":"integer","minimum":1,"maximum":1000}}}"""),
                Schema("""{"type":"object","properties":{"alarms":{"type":"array"}}}""")),
            new SkillDescriptor("check", new LocalizedText("Check a value against a signal's normal range", "检查数值是否越限"),
                Schema("""{"type":"object","required":["signal","value"],"properties":{"signal":{"type":"string"},"value":{"type":"number"}}}"""),
                Schema("""{"type":"object","properties":{"signal":{"type":"string"},"condition":{"enum":["normal","high","low","no-range"]}}}"""))
            {
                AssetFields = ["signal"],
            },
            new SkillDescriptor("acknowledge", new LocalizedText("Acknowledge an alarm", "确认报警"),
                Schema("""{"type":"object","required":["id"],"properties":{"id":{"type":"integer"}}}"""),
                Schema("""{"type":"object","properties":{"id":{"type":"integer"},"acknowledged":{"type":"boolean"}}}"""))
            {
                // Changes the alarm state operators act on: an operator's action, not a viewer's.
                Impact = ImpactClass.Production,
            },
        ]);

    public static JsonArray ToJson(IEnumerable<AlarmRecord> alarms) =>
        [.. alarms.Select(a => (JsonNode)new JsonObject
        {
            ["id"] = a.Id,
            ["signal"] = a.Signal,
            ["priority"] = a.Priority,
            ["condition"] = a.Condition,
            ["message"] = a.Message,
            ["value"] = a.Value,
            ["limit"] = a.Limit,
            ["raisedAt"] = a.RaisedAt,
            ["clearedAt"] = a.ClearedAt,
            ["acknowledgedAt"] = a.AcknowledgedAt,
        })];

    private static JsonObject Schema(string json) => JsonNode.Parse(json)!.AsObject();
}
