using System.Text.Json.Nodes;
using Zhizao.Core.Agents;
using Zhizao.Core.Assets;

namespace Zhizao.Protocols.A2A.Tests.Infrastructure;

/// <summary>cn.test/calc: add (a+b), hold (runs until cancelled), guarded (add after approval), forbidden (out of scope), broken (fails).</summary>
internal sealed class CalcAgent : IAgent
{
    public const string Id = "cn.test/calc";

    public AgentDescriptor Descriptor { get; } = new(Id, "1.0.0", new LocalizedText("Calculator", "计算器"), new LocalizedText("Adds numbers for tests"),
        AutonomyGrade.L3ActsAfterApproval,
        [Skill("add", "Adds a and b"), Skill("hold", "Runs until cancelled"), Skill("guarded", "Adds a and b once a person approves"),
         Skill("forbidden", "Outside every test caller's scope"), Skill("broken", "Always fails")]);

    public async Task<SkillResult> InvokeAsync(string skill, JsonNode? input, AgentCaller caller, CancellationToken cancellationToken)
    {
        switch (skill)
        {
            case "hold":
                await Task.Delay(Timeout.Infinite, cancellationToken);
                return SkillResult.Ok(null);
            case "broken":
                return SkillResult.Fail("failed", "broken on purpose");
            default:
                return SkillResult.Ok(new JsonObject { ["sum"] = (double)input!["a"]! + (double)input["b"]! });
        }
    }

    internal static SkillDescriptor Skill(string name, string description) =>
        new(name, new LocalizedText(description), new JsonObject { ["type"] = "object" }, new JsonObject { ["type"] = "object" });
}

/// <summary>cn.test/echo: one skill, echo, that answers its input.</summary>
internal sealed class EchoAgent : IAgent
{
    public const string Id = "cn.test/echo";

    public AgentDescriptor Descriptor { get; } = new(Id, "2.0.0", new LocalizedText("Echo"), new LocalizedText("Answers its input"),
        AutonomyGrade.L1Informs, [CalcAgent.Skill("echo", "Answers its input")]);

    public Task<SkillResult> InvokeAsync(string skill, JsonNode? input, AgentCaller caller, CancellationToken cancellationToken) =>
        Task.FromResult(SkillResult.Ok(input?.DeepClone()));
}
