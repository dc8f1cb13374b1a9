using System.Text.Json.Nodes;
using Zhizao.Core.Access;

namespace Zhizao.Registry.Tests.Catalog;

public sealed class SkillGatewayTests : IAsyncLifetime
{
    private RegistryHarness _h = null!;

    public async Task InitializeAsync() => _h = await RegistryHarness.StartAsync(rateBurst: 1000);

    public async Task DisposeAsync() => await _h.DisposeAsync();

    private static CancellationToken Ct => CancellationToken.None;

    public static TheoryData<string, string[]> Callers => new()
    {
        { "admin", [] },
        { "engineer", [] },
        { "operator", [] },
        { "viewer", [] },
        { "agent", ["skill:cn.zhizao/echo:echo"] },
        { "operator", ["skill:cn.zhizao/echo:act"] },
    };

    [Theory]
    [MemberData(nameof(Callers))]
    public async Task The_listed_skills_are_exactly_those_a_call_is_not_refused_by_policy(string role, string[] scopes)
    {
        var caller = RegistryHarness.Person(role, scopes: scopes) with { Kind = role == "agent" ? PrincipalKind.Agent : PrincipalKind.Person };
        var listed = _h.Gateway.ListCallable(caller).Select(s => s.Skill.Name).ToHashSet();
        foreach (var skill in _h.Local.Descriptor.Skills)
        {
            var outcome = await _h.Gateway.InvokeAsync(caller, new SkillCall("cn.zhizao/echo", skill.Name, new JsonObject(), "test"), Ct);
            Assert.Equal(listed.Contains(skill.Name), outcome.Refusal is null);
        }
    }

    [Fact]
    public async Task An_l3_call_waits_for_approval_then_runs_under_the_requester_identity()
    {
        var op = RegistryHarness.Person("operator", id: "k-op");
        var pending = await _h.Gateway.InvokeAsync(op, new SkillCall("cn.zhizao/echo", "act", new JsonObject { ["machine"] = "s/l1/m1" }, "test"), Ct);
        Assert.NotNull(pending.Pending);
        Assert.Empty(_h.Local.Callers);

        var (_, error) = await _h.Gateway.DecideAsync(RegistryHarness.Person("engineer", id: "k-eng"), pending.Pending!.Id, approve: true, "go", Ct);
        Assert.Null(error);
        var outcome = await _h.Gateway.AwaitApprovalAsync(op, pending.Pending.Id, Ct);
        Assert.True(outcome!.IsSuccess, outcome.Result?.Error?.Message);
        Assert.Equal(pending.InvocationId, outcome.Result!.Output!["invocation"]!.GetValue<string>());
        Assert.Equal("k-op", Assert.Single(_h.Local.Callers).PrincipalId);
        var decisions = (await _h.Audit.ReadAsync(0, 1000, Ct)).Select(e => JsonNode.Parse(e.Json)!["decision"]!.GetValue<string>()).ToList();
        Assert.Equal(["pending", "approved", "succeeded"], decisions.TakeLast(3));
    }

    [Fact]
    public async Task Input_that_violates_the_schema_is_refused_before_the_skill_runs()
    {
        var outcome = await _h.Gateway.InvokeAsync(RegistryHarness.Person("operator"),
            new SkillCall("cn.zhizao/echo", "echo", new JsonObject { ["text"] = new string('x', 30) }, "test"), Ct);
        Assert.Equal((RefusalTypes.InvalidInput, 400), (outcome.Refusal?.Type, outcome.Refusal?.Status));
        Assert.Contains("/text", outcome.Refusal!.Message, StringComparison.Ordinal);
        Assert.Empty(_h.Local.Callers);
    }

    [Fact]
    public async Task An_agent_delegating_from_an_invocation_it_serves_records_the_chain_and_a_foreign_one_is_refused()
    {
        var person = RegistryHarness.Person("operator", id: "k-op");
        var first = await _h.Gateway.InvokeAsync(person, new SkillCall("cn.zhizao/echo", "echo", new JsonObject(), "test"), Ct);
        var agent = new Principal("cn.zhizao/echo", "echo agent", PrincipalKind.Agent, Principal.DefaultWorkspace, "agent", ["skill:*"], [], []);

        var delegated = await _h.Gateway.InvokeAsync(agent, new SkillCall("cn.zhizao/echo", "echo", new JsonObject(), "a2a", first.InvocationId), Ct);
        Assert.True(delegated.IsSuccess);
        var entry = JsonNode.Parse((await _h.Audit.ReadAsync(0, 1000, Ct))[^1].Json)!;
        Assert.Equal(["k-op", "cn.zhizao/echo"], entry["chain"]!.AsArray().Select(c => c!.GetValue<string>()));

        var other = agent with { Id = "cn.example.plant1/energy" };
        var refused = await _h.Gateway.InvokeAsync(other, new SkillCall("cn.zhizao/echo", "echo", new JsonObject(), "a2a", first.InvocationId), Ct);
        Assert.Equal(RefusalTypes.DelegationDenied, refused.Refusal?.Type);
    }

    [Fact]
    public async Task An_unknown_skill_and_an_unknown_agent_are_refused_with_what_exists()
    {
        var op = RegistryHarness.Person("operator");
        var skill = await _h.Gateway.InvokeAsync(op, new SkillCall("cn.zhizao/echo", "teleport", null, "test"), Ct);
        Assert.Equal(RefusalTypes.UnknownSkill, skill.Refusal?.Type);
        Assert.Contains("echo, act", skill.Refusal!.Message, StringComparison.Ordinal);
        Assert.Equal(RefusalTypes.UnknownAgent, (await _h.Gateway.InvokeAsync(op, new SkillCall("cn.nobody/x", "y", null, "test"), Ct)).Refusal?.Type);
    }
}
