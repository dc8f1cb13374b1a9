using System.Text.Json.Nodes;
using Zhizao.Protocols.A2A.Protocol;
using Zhizao.Protocols.A2A.Server;

namespace Zhizao.Protocols.A2A.Tests;

public sealed class SkillSelectionTests
{
    private static readonly SkillRef[] Gateway = [new("cn.a/x", "run"), new("cn.b/y", "run"), new("cn.b/y", "stop")];

    private static A2AMessage Message(JsonObject? metadata, params A2APart[] parts) => new("m", false, parts, metadata);

    private static string Error(Action select) => Assert.Throws<A2AProtocolException>(select).Error.Message;

    [Fact]
    public void Data_part_envelope_gives_skill_and_input()
    {
        var target = SkillSelection.Select(Message(null, A2APart.OfData(new JsonObject { ["skill"] = "stop", ["input"] = new JsonObject { ["k"] = 1 } })), "cn.b/y", Gateway);
        Assert.Equal(("cn.b/y", "stop", 1), (target.AgentId, target.Skill, (int)target.Input!["k"]!));
    }

    [Fact]
    public void Gateway_skill_name_in_two_agents_is_ambiguous()
    {
        var message = Error(() => SkillSelection.Select(Message(new JsonObject { ["skillId"] = "run" }, A2APart.OfData(new JsonObject())), null, Gateway));
        Assert.Equal("skill 'run' exists in agents cn.a/x, cn.b/y; name the agent (skill id {agentId}#{skill})", message);
    }

    [Fact]
    public void Gateway_agent_field_disambiguates()
    {
        var target = SkillSelection.Select(Message(null, A2APart.OfData(new JsonObject { ["agent"] = "cn.a/x", ["skill"] = "run" })), null, Gateway);
        Assert.Equal("cn.a/x", target.AgentId);
        Assert.Null(target.Input);
    }

    [Fact]
    public void Conflicting_skill_names_are_refused()
    {
        var message = Error(() => SkillSelection.Select(
            Message(new JsonObject { ["skillId"] = "stop" }, A2APart.OfData(new JsonObject { ["skill"] = "run", ["input"] = new JsonObject() })), "cn.b/y", Gateway));
        Assert.Equal("the data part names skill 'run' but message.metadata.skillId is 'stop'", message);
    }

    [Fact]
    public void Envelope_with_stray_fields_is_refused()
    {
        var message = Error(() => SkillSelection.Select(Message(null, A2APart.OfData(new JsonObject { ["skill"] = "run", ["a"] = 1 })), "cn.a/x", Gateway));
        Assert.Contains("has field 'a' beside skill/input/agent", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_data_parts_are_refused()
    {
        var message = Error(() => SkillSelection.Select(Message(null, A2APart.OfData(new JsonObject()), A2APart.OfData(new JsonObject())), "cn.a/x", Gateway));
        Assert.Equal("message has 2 data parts; send one (its input field is the skill input)", message);
    }

    [Fact]
    public void Text_parts_are_joined_and_parsed_as_JSON_input()
    {
        var target = SkillSelection.Select(Message(null, A2APart.OfText("{\"v\":"), A2APart.OfText(" 3}")), "cn.a/x", Gateway);
        Assert.Equal(("run", 3), (target.Skill, (int)target.Input!["v"]!));
    }

    [Fact]
    public void Non_string_skill_id_is_refused()
    {
        var message = Error(() => SkillSelection.Select(Message(new JsonObject { ["skillId"] = 5 }, A2APart.OfText("{}")), "cn.a/x", Gateway));
        Assert.Equal("message.metadata.skillId must be a non-empty string", message);
    }
}
