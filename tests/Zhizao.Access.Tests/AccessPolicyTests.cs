using System.Text.Json.Nodes;
using Zhizao.Access.Policy;
using Zhizao.Core.Access;
using Zhizao.Core.Agents;
using Zhizao.Core.Assets;

namespace Zhizao.Access.Tests;

public sealed class AccessPolicyTests
{
    private static Principal Person(string role, string[]? scopes = null, string[]? assets = null) =>
        new("k1", "someone", PrincipalKind.Person, "ws1", role, scopes ?? [], assets ?? [], []);

    private static SkillTarget Target(AutonomyGrade grade, ImpactClass impact = ImpactClass.Information, IdentityLevel level = IdentityLevel.OrganizationVerified,
        InstallationBounds? bounds = null) =>
        new("cn.example/agent", new SkillDescriptor("act", new LocalizedText("act"), new JsonObject(), new JsonObject()) { Impact = impact, AssetFields = ["machine"] },
            grade, level, bounds ?? new InstallationBounds(AutonomyGrade.L5ClosedLoop, ["s/l1"], ClosedLoop: true));

    private static JsonObject On(string machine) => new() { ["machine"] = machine };

    [Theory]
    [InlineData(AutonomyGrade.L1Informs, PolicyVerdict.Allow)]
    [InlineData(AutonomyGrade.L2Recommends, PolicyVerdict.Allow)]
    [InlineData(AutonomyGrade.L3ActsAfterApproval, PolicyVerdict.NeedsApproval)]
    public void Grades_one_to_three_inform_recommend_or_wait_for_a_person(AutonomyGrade grade, PolicyVerdict expected) =>
        Assert.Equal(expected, AccessPolicy.Decide(Person("engineer"), Target(grade), On("s/l1/m1"), true).Verdict);

    [Fact]
    public void L4_acts_inside_its_declared_asset_bounds_and_asks_outside_them()
    {
        Assert.Equal(PolicyVerdict.Allow, AccessPolicy.Decide(Person("engineer"), Target(AutonomyGrade.L4ActsWithinBounds), On("s/l1/m1"), true).Verdict);
        Assert.Equal(PolicyVerdict.NeedsApproval, AccessPolicy.Decide(Person("engineer"), Target(AutonomyGrade.L4ActsWithinBounds), On("s/l2/m1"), true).Verdict);
        // "s/l10" is not inside "s/l1": prefixes are path segments, not characters.
        Assert.Equal(PolicyVerdict.NeedsApproval, AccessPolicy.Decide(Person("engineer"), Target(AutonomyGrade.L4ActsWithinBounds), On("s/l10/m1"), true).Verdict);
    }

    [Fact]
    public void L5_runs_only_with_closed_loop_enabled_for_an_organisation_verified_publisher()
    {
        Assert.Equal(PolicyVerdict.Allow, AccessPolicy.Decide(Person("engineer"), Target(AutonomyGrade.L5ClosedLoop), On("s/l1/m1"), true).Verdict);
        var noLoop = AccessPolicy.Decide(Person("engineer"), Target(AutonomyGrade.L5ClosedLoop, bounds: new InstallationBounds(AutonomyGrade.L5ClosedLoop, [], false)), On("s/l1/m1"), true);
        Assert.Equal(RefusalTypes.GradeDenied, noLoop.Refusal?.Type);
    }

    [Theory]
    [InlineData(IdentityLevel.SelfAsserted, AutonomyGrade.L3ActsAfterApproval)]
    [InlineData(IdentityLevel.DomainVerified, AutonomyGrade.L4ActsWithinBounds)]
    public void A_publisher_identity_level_caps_the_grade_its_agents_may_run_at(IdentityLevel level, AutonomyGrade refusedGrade)
    {
        var decision = AccessPolicy.Decide(Person("admin"), Target(refusedGrade, level: level), On("s/l1/m1"), true);
        Assert.Equal(RefusalTypes.GradeDenied, decision.Refusal?.Type);
        Assert.Contains(level.ToString(), decision.Refusal!.Message, StringComparison.Ordinal);
        Assert.Equal(PolicyVerdict.Allow, AccessPolicy.Decide(Person("admin"), Target(AutonomyGrade.L2Recommends, level: level), On("s/l1/m1"), true).Verdict);
    }

    [Fact]
    public void The_workspace_cap_refuses_grades_above_what_the_installation_allows()
    {
        var decision = AccessPolicy.Decide(Person("admin"), Target(AutonomyGrade.L4ActsWithinBounds, bounds: InstallationBounds.Default), On("s/l1/m1"), true);
        Assert.Equal(RefusalTypes.GradeDenied, decision.Refusal?.Type);
        Assert.Contains("workspace 'ws1'", decision.Refusal!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Safety_impact_below_l5_always_needs_approval_operators_may_not_touch_it_and_viewers_only_read()
    {
        Assert.Equal(PolicyVerdict.NeedsApproval, AccessPolicy.Decide(Person("engineer"), Target(AutonomyGrade.L2Recommends, ImpactClass.Safety), On("s/l1/m1"), true).Verdict);
        Assert.Equal(RefusalTypes.RoleDenied, AccessPolicy.Decide(Person("operator"), Target(AutonomyGrade.L2Recommends, ImpactClass.Safety), On("s/l1/m1"), true).Refusal?.Type);
        Assert.Equal(PolicyVerdict.Allow, AccessPolicy.Decide(Person("viewer"), Target(AutonomyGrade.L1Informs), On("s/l1/m1"), true).Verdict);
        Assert.Equal(RefusalTypes.RoleDenied, AccessPolicy.Decide(Person("viewer"), Target(AutonomyGrade.L1Informs, ImpactClass.Production), On("s/l1/m1"), true).Refusal?.Type);
        Assert.Equal(RefusalTypes.RoleDenied, AccessPolicy.Decide(Person("device", ["skill:*"]), Target(AutonomyGrade.L1Informs), On("s/l1/m1"), true).Refusal?.Type);
    }

    [Fact]
    public void Scopes_and_asset_restrictions_are_checked_before_anything_runs()
    {
        var narrow = Person("operator", ["skill:cn.example/other:*"]);
        Assert.Equal(RefusalTypes.ScopeDenied, AccessPolicy.Decide(narrow, Target(AutonomyGrade.L1Informs), On("s/l1/m1"), true).Refusal?.Type);

        var restricted = Person("operator", assets: ["s/l2"]);
        var decision = AccessPolicy.Decide(restricted, Target(AutonomyGrade.L1Informs), On("s/l1/m1"), true);
        Assert.Equal(RefusalTypes.AssetDenied, decision.Refusal?.Type);
        Assert.Contains("s/l1/m1", decision.Refusal!.Message, StringComparison.Ordinal);
        Assert.Equal(PolicyVerdict.Allow, AccessPolicy.Decide(restricted, Target(AutonomyGrade.L1Informs), On("s/l2/m9"), true).Verdict);
        // Listing (input unknown) shows the skill: the asset is checked when a call names one.
        Assert.Equal(PolicyVerdict.Allow, AccessPolicy.Decide(restricted, Target(AutonomyGrade.L1Informs), null, false).Verdict);
    }

    [Theory]
    [InlineData("skill:*", "skill:cn.zhizao/scheduler:schedule", true)]
    [InlineData("skill:cn.zhizao/scheduler:*", "skill:cn.zhizao/scheduler:schedule", true)]
    [InlineData("skill:cn.zhizao/scheduler:*", "skill:cn.zhizao/scheduler-x:schedule", false)]
    [InlineData("skill:cn.zhizao/scheduler:schedule", "skill:cn.zhizao/scheduler:release", false)]
    [InlineData("skill:cn.zhizao/scheduler:schedule", "skill:*", false)]
    [InlineData("registry:*", "registry:publish", true)]
    public void Scope_wildcards_cover_whole_segments_only(string granted, string wanted, bool covers) =>
        Assert.Equal(covers, Scopes.Covers(granted, wanted));

    [Fact]
    public void A_requested_scope_set_is_a_subset_only_when_every_scope_is_covered()
    {
        Assert.True(Scopes.IsSubset(["skill:cn.a/b:c"], ["skill:cn.a/b:*"]));
        Assert.False(Scopes.IsSubset(["skill:cn.a/b:c", "audit:read"], ["skill:cn.a/b:*"]));
    }

    [Fact]
    public void Rate_limits_are_per_principal()
    {
        using var limiter = new CallRateLimiter(new RateLimitOptions { Burst = 3, PerSecond = 0.001 });
        var a = Person("operator");
        var b = a with { Id = "k2" };
        Assert.All(Enumerable.Range(0, 3), _ => Assert.Null(limiter.TryAcquire(a)));
        var refused = limiter.TryAcquire(a);
        Assert.Equal((RefusalTypes.RateLimited, 429), (refused?.Type, refused?.Status));
        Assert.Null(limiter.TryAcquire(b));
    }
}
