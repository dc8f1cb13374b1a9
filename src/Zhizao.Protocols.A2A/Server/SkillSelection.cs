using System.Text.Json;
using System.Text.Json.Nodes;
using Zhizao.Protocols.A2A.Protocol;

namespace Zhizao.Protocols.A2A.Server;

/// <summary>A skill a message may select: an agent id and a skill name.</summary>
internal sealed record SkillRef(string AgentId, string Skill);

/// <summary>What a message asks for: the skill and its JSON input.</summary>
internal sealed record SkillTarget(string AgentId, string Skill, JsonNode? Input);

/// <summary>
/// Reads which skill a message calls and with what input. The skill comes from (a) a data part
/// <c>{"skill": "…", "input": {…}}</c> (on the gateway also <c>"agent"</c>, or a skill id <c>{agentId}#{skill}</c>), (b) the
/// message metadata <c>skillId</c> (and <c>agentId</c>), or (c) the endpoint's only skill. The input is the data part's
/// <c>input</c>, or a data part without those fields, or the text parts parsed as JSON.
/// </summary>
internal static class SkillSelection
{
    private const string Hint = "send a data part {\"skill\": \"…\", \"input\": {…}} or set message.metadata.skillId";

    /// <summary>Selects the target; throws <see cref="A2AProtocolException"/> (invalid params) with the reason.</summary>
    /// <param name="message">The message.</param>
    /// <param name="endpointAgent">The agent of a per-agent endpoint; null on the gateway.</param>
    /// <param name="skills">The skills the endpoint offers (the agent's card, or what the caller may call on the gateway).</param>
    public static SkillTarget Select(A2AMessage message, string? endpointAgent, IReadOnlyList<SkillRef> skills)
    {
        var (envelope, input) = ReadContent(message);
        var named = Field(envelope, "skill", "the data part's skill");
        var metadataSkill = Field(message.Metadata, "skillId", "message.metadata.skillId");
        if (named is not null && metadataSkill is not null && named != metadataSkill)
            throw A2AProtocolException.InvalidParams($"the data part names skill '{named}' but message.metadata.skillId is '{metadataSkill}'");
        var (skillAgent, skill) = SplitSkillId(named ?? metadataSkill);
        var agent = Agree(Agree(skillAgent, Field(envelope, "agent", "the data part's agent")), Field(message.Metadata, "agentId", "message.metadata.agentId"));

        if (endpointAgent is not null)
        {
            if (agent is not null && agent != endpointAgent)
                throw A2AProtocolException.InvalidParams($"this endpoint serves agent {endpointAgent}, but the message names agent {agent}; use /a2a for the gateway");
            agent = endpointAgent;
        }
        var candidates = skills.Where(s => (agent is null || s.AgentId == agent) && (skill is null || s.Skill == skill)).ToList();
        if (skill is not null && agent is not null)
            return new SkillTarget(agent, skill, input);
        if (candidates.Count == 1)
            return new SkillTarget(candidates[0].AgentId, candidates[0].Skill, input);
        if (skill is not null)
        {
            throw A2AProtocolException.InvalidParams(candidates.Count == 0
                ? $"no skill named '{skill}' is callable here; the card lists skill ids as {{agentId}}#{{skill}}"
                : $"skill '{skill}' exists in agents {string.Join(", ", candidates.Select(c => c.AgentId))}; name the agent (skill id {{agentId}}#{{skill}})");
        }
        var offered = candidates.Count == 0 ? "no callable skills" : $"{candidates.Count} skills ({string.Join(", ", candidates.Select(c => endpointAgent is null ? $"{c.AgentId}#{c.Skill}" : c.Skill))})";
        throw A2AProtocolException.InvalidParams($"the message names no skill and {(agent ?? "this endpoint")} has {offered}; {Hint}");
    }

    private static (JsonObject? Envelope, JsonNode? Input) ReadContent(A2AMessage message)
    {
        if (message.Parts.Count == 0)
            throw A2AProtocolException.InvalidParams("message.parts is empty; " + Hint);
        var data = message.Parts.Where(p => p.IsData).ToList();
        if (data.Count > 1)
            throw A2AProtocolException.InvalidParams($"message has {data.Count} data parts; send one (its input field is the skill input)");
        JsonNode? content;
        if (data.Count == 1)
        {
            content = data[0].Data;
        }
        else
        {
            var text = string.Concat(message.Parts.Select(p => p.Text)).Trim();
            if (text.Length == 0)
                return (null, null);
            try
            {
                content = JsonNode.Parse(text);
            }
            catch (JsonException exception)
            {
                throw A2AProtocolException.InvalidParams($"the text parts are not JSON ({exception.Message}); skills take JSON input: {Hint}");
            }
        }
        if (content is JsonObject obj && (obj.ContainsKey("skill") || obj.ContainsKey("input") || obj.ContainsKey("agent")))
        {
            foreach (var key in obj.Select(p => p.Key))
            {
                if (key is not ("skill" or "input" or "agent"))
                    throw A2AProtocolException.InvalidParams($"the data part has field '{key}' beside skill/input/agent; put the skill input under \"input\"");
            }
            return (obj, obj["input"]?.DeepClone());
        }
        return (null, content?.DeepClone());
    }

    private static string? Field(JsonObject? json, string name, string what) => json?[name] switch
    {
        null => null,
        JsonValue v when v.TryGetValue<string>(out var s) && s.Length > 0 => s,
        _ => throw A2AProtocolException.InvalidParams($"{what} must be a non-empty string"),
    };

    private static (string? Agent, string? Skill) SplitSkillId(string? skillId)
    {
        if (skillId is null)
            return (null, null);
        var hash = skillId.LastIndexOf('#');
        return hash <= 0 || hash == skillId.Length - 1 ? (null, skillId) : (skillId[..hash], skillId[(hash + 1)..]);
    }

    private static string? Agree(string? first, string? second) =>
        first is not null && second is not null && first != second
            ? throw A2AProtocolException.InvalidParams($"the message names two agents: {first} and {second}")
            : first ?? second;
}
