using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ModelContextProtocol.Protocol;
using Zhizao.Core.Access;
using Zhizao.Core.Agents;
using Zhizao.Core.Assets;

namespace Zhizao.Protocols.Mcp;

/// <summary>Maps callable skills to MCP tools, and gateway outcomes to MCP tool results.</summary>
internal static class McpToolMapping
{
    /// <summary>The <c>_meta</c> key of a tool's Zhizao facts (agent, version, skill, grade, impact, approval).</summary>
    public const string SkillMetaKey = "cn.zhizao/skill";

    /// <summary>The <c>_meta</c> key of a result's invocation id (the audit log's).</summary>
    public const string InvocationMetaKey = "cn.zhizao/invocation";

    /// <summary>The <c>_meta</c> key of a refused result's refusal (type and HTTP status).</summary>
    public const string RefusalMetaKey = "cn.zhizao/refusal";

    /// <summary>The <c>status</c> of a call waiting for approval, in its structured content.</summary>
    public const string PendingStatus = "pending-approval";

    /// <summary>
    /// The MCP tool of a callable skill, or null when its input schema is not an object schema (MCP tool arguments are an object).
    /// An approval-gated skill has no output schema: its first answer is a pending-approval notice, not the skill's output.
    /// </summary>
    public static Tool? ToTool(CallableSkill callable)
    {
        var skill = callable.Skill;
        var input = skill.InputSchema.DeepClone().AsObject();
        switch (input["type"])
        {
            case null:
                input["type"] = "object";
                break;
            case JsonValue type when type.GetValueKind() == JsonValueKind.String && type.GetValue<string>() == "object":
                break;
            default:
                return null;
        }
        var title = Bilingual(skill.Description);
        return new Tool
        {
            Name = McpToolNames.For(callable.AgentId, skill.Name),
            Title = title,
            Description = Describe(callable),
            InputSchema = JsonSerializer.SerializeToElement(input),
            OutputSchema = !callable.NeedsApproval && IsObjectSchema(skill.OutputSchema) ? JsonSerializer.SerializeToElement(skill.OutputSchema) : null,
            Annotations = new ToolAnnotations
            {
                Title = title,
                ReadOnlyHint = callable.Impact == ImpactClass.Information,
                DestructiveHint = callable.Impact is ImpactClass.Production or ImpactClass.Safety ? true : null,
                OpenWorldHint = false,
            },
            Meta = new JsonObject
            {
                [SkillMetaKey] = new JsonObject
                {
                    ["agentId"] = callable.AgentId,
                    ["agentVersion"] = callable.AgentVersion,
                    ["skill"] = skill.Name,
                    ["grade"] = callable.Grade.ToString(),
                    ["impact"] = callable.Impact.ToString(),
                    ["needsApproval"] = callable.NeedsApproval,
                },
            },
        };
    }

    /// <summary>The MCP result of a gateway outcome: the output, a tool error (refusal, failure) or a pending-approval notice.</summary>
    public static CallToolResult ToResult(GatewayOutcome outcome)
    {
        var meta = new JsonObject { [InvocationMetaKey] = outcome.InvocationId };
        if (outcome.Refusal is { } refusal)
        {
            meta[RefusalMetaKey] = new JsonObject { ["type"] = refusal.Type, ["status"] = refusal.Status };
            return Error($"{refusal.Type}: {refusal.Message}", meta);
        }
        if (outcome.Pending is { } pending)
        {
            var expiresAt = pending.ExpiresAt.ToString("O", CultureInfo.InvariantCulture);
            return new CallToolResult
            {
                Content = [new TextContentBlock
                {
                    Text = $"The call awaits approval {pending.Id} until {expiresAt}: a person must approve it in Zhizao before it runs. "
                        + $"调用等待审批 {pending.Id}（截止 {expiresAt}）。",
                }],
                StructuredContent = JsonSerializer.SerializeToElement(new JsonObject
                {
                    ["status"] = PendingStatus,
                    ["approvalId"] = pending.Id,
                    ["expiresAt"] = expiresAt,
                }),
                IsError = false,
                Meta = meta,
            };
        }
        if (outcome.Result is not { } result)
            throw new ArgumentException("A gateway outcome has a result, a refusal or a pending approval.", nameof(outcome));
        if (result.Error is { } error)
            return Error($"{error.Type}: {error.Message}", meta);
        var json = result.Output?.ToJsonString() ?? "null";
        return new CallToolResult
        {
            Content = [new TextContentBlock { Text = json }],
            StructuredContent = result.Output is JsonObject ? JsonSerializer.SerializeToElement(result.Output) : null,
            IsError = false,
            Meta = meta,
        };
    }

    /// <summary>A tool error result naming a refusal that the server decided without the gateway (a tool name nobody could have listed).</summary>
    public static CallToolResult Refused(Refusal refusal) =>
        Error($"{refusal.Type}: {refusal.Message}", new JsonObject { [RefusalMetaKey] = new JsonObject { ["type"] = refusal.Type, ["status"] = refusal.Status } });

    private static CallToolResult Error(string text, JsonObject meta) =>
        new() { Content = [new TextContentBlock { Text = text }], IsError = true, Meta = meta };

    private static bool IsObjectSchema(JsonObject schema) =>
        schema["type"] is JsonValue type && type.GetValueKind() == JsonValueKind.String && type.GetValue<string>() == "object";

    private static string Describe(CallableSkill callable)
    {
        var skill = callable.Skill;
        var approval = callable.NeedsApproval
            ? " Each call needs a person's approval in Zhizao: the first answer gives the approval id and its deadline."
            : "";
        var approvalZh = callable.NeedsApproval ? "每次调用须经人工审批。" : "";
        return $"{skill.Description.En.TrimEnd('.')}. Agent {callable.AgentName.En} ({callable.AgentId} {callable.AgentVersion}); "
            + $"grade {callable.Grade}, impact {callable.Impact}.{approval}"
            + (skill.Description.Zh.Length > 0 ? $" {skill.Description.Zh}（智能体：{callable.AgentName.For("zh")}）。{approvalZh}" : "");
    }

    private static string Bilingual(LocalizedText text) =>
        text.Zh.Length == 0 || text.Zh == text.En ? text.En : $"{text.En} ({text.Zh})";
}
