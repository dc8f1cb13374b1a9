using System.Text.Json.Nodes;
using Zhizao.Core.Access;
using Zhizao.Core.Agents;

namespace Zhizao.Access.Policy;

/// <summary>
/// What a workspace allows an installed agent: the highest grade it may run at, the assets its L4 skills may act on without
/// approval, and whether L5 closed-loop control is enabled.
/// </summary>
/// <param name="MaxGrade">Skills above this grade are refused in the workspace.</param>
/// <param name="Assets">Asset path prefixes inside which L4 skills act without approval (empty: none declared, so L4 always asks).</param>
/// <param name="ClosedLoop">L5 skills may run (only for organisation-verified publishers).</param>
public sealed record InstallationBounds(AutonomyGrade MaxGrade, IReadOnlyList<string> Assets, bool ClosedLoop)
{
    /// <summary>Built-in agents: up to L3, no declared L4 bounds, no closed loop.</summary>
    public static readonly InstallationBounds Default = new(AutonomyGrade.L3ActsAfterApproval, [], false);
}

/// <summary>The skill a call targets, with what the policy needs to know about it.</summary>
/// <param name="AgentId">Reverse-DNS agent id.</param>
/// <param name="Skill">The skill.</param>
/// <param name="Grade">The skill's effective grade (never above the agent's).</param>
/// <param name="PublisherLevel">How far the publisher's identity is verified.</param>
/// <param name="Bounds">The installation's bounds in the caller's workspace.</param>
public sealed record SkillTarget(string AgentId, SkillDescriptor Skill, AutonomyGrade Grade, IdentityLevel PublisherLevel, InstallationBounds Bounds);

/// <summary>The policy's answer.</summary>
public enum PolicyVerdict
{
    /// <summary>Run the call.</summary>
    Allow,
    /// <summary>A person must approve before it runs.</summary>
    NeedsApproval,
    /// <summary>Refused.</summary>
    Refuse,
}

/// <summary>A decision with the rule that made it (recorded in the audit log).</summary>
/// <param name="Verdict">Allow, approval, or refuse.</param>
/// <param name="Refusal">Why, when refused.</param>
/// <param name="Rule">The deciding rule, in words.</param>
public sealed record PolicyDecision(PolicyVerdict Verdict, Refusal? Refusal, string Rule)
{
    internal static PolicyDecision Deny(string type, string message) => new(PolicyVerdict.Refuse, new Refusal(type, message, 403), message);
}

/// <summary>
/// The grade policy (分类分级), evaluated on every call. See docs/agents.md for the scale. In order: scope, the publisher's identity
/// cap, the workspace's grade cap, the role's impact limit, the caller's asset restrictions, then what the grade itself requires
/// (L1/L2 run; L3 needs approval; L4 runs inside the installation's asset bounds and asks outside them; L5 runs only where closed
/// loop is enabled for an organisation-verified publisher; a safety-impact skill below L5 always needs approval).
/// </summary>
public static class AccessPolicy
{
    /// <summary>Highest grade an agent may run at, by its publisher's identity level.</summary>
    public static AutonomyGrade IdentityCap(IdentityLevel level) => level switch
    {
        IdentityLevel.OrganizationVerified => AutonomyGrade.L5ClosedLoop,
        IdentityLevel.DomainVerified => AutonomyGrade.L3ActsAfterApproval,
        _ => AutonomyGrade.L2Recommends,
    };

    /// <summary>
    /// Highest impact a role may invoke: viewers only skills that read and report (information impact: status, anomalies, checks,
    /// schedules computed but not released); devices none (they write points).
    /// </summary>
    public static ImpactClass RoleImpactCap(string role) => role switch
    {
        "admin" or "engineer" => ImpactClass.Safety,
        "operator" or "agent" => ImpactClass.Production,
        "viewer" => ImpactClass.Information,
        _ => 0,
    };

    /// <summary>
    /// Decides a call. <paramref name="input"/> null means "any input" (listing what a caller may call): input-dependent rules
    /// (asset restrictions, L4 bounds) are then assumed to pass.
    /// </summary>
    public static PolicyDecision Decide(Principal caller, SkillTarget target, JsonNode? input, bool inputKnown)
    {
        var skill = target.Skill;
        var scope = Scopes.Skill(target.AgentId, skill.Name);
        if (!Scopes.Allows(caller, scope))
            return PolicyDecision.Deny(RefusalTypes.ScopeDenied, $"the credential of '{caller.Id}' does not grant '{scope}'");

        var cap = IdentityCap(target.PublisherLevel);
        if (target.Grade > cap)
            return PolicyDecision.Deny(RefusalTypes.GradeDenied,
                $"'{target.AgentId}' is published by a {target.PublisherLevel} publisher, which may run skills up to {Short(cap)}; '{skill.Name}' is {Short(target.Grade)} (verify the publisher to allow it)");
        if (target.Grade > target.Bounds.MaxGrade)
            return PolicyDecision.Deny(RefusalTypes.GradeDenied,
                $"workspace '{caller.Workspace}' allows '{target.AgentId}' up to {Short(target.Bounds.MaxGrade)}; '{skill.Name}' is {Short(target.Grade)}");
        if (skill.Impact > RoleImpactCap(caller.Role))
            return PolicyDecision.Deny(RefusalTypes.RoleDenied,
                RoleImpactCap(caller.Role) == 0
                    ? $"role '{caller.Role}' may not invoke skills"
                    : $"role '{caller.Role}' may not invoke {skill.Impact}-impact skills ('{skill.Name}')");

        var assets = inputKnown ? AssetsOf(skill, input) : [];
        if (caller.Assets.Count > 0)
        {
            var outside = assets.FirstOrDefault(a => !Within(a, caller.Assets));
            if (outside is not null)
                return PolicyDecision.Deny(RefusalTypes.AssetDenied,
                    $"'{caller.Id}' may act on assets under {string.Join(", ", caller.Assets)} only; the input names '{outside}'");
        }

        if (target.Grade == AutonomyGrade.L5ClosedLoop)
        {
            return target.Bounds.ClosedLoop && target.PublisherLevel == IdentityLevel.OrganizationVerified
                ? new PolicyDecision(PolicyVerdict.Allow, null, "L5 closed loop enabled for this installation")
                : PolicyDecision.Deny(RefusalTypes.GradeDenied, $"closed-loop control (L5) is not enabled for '{target.AgentId}' in workspace '{caller.Workspace}'");
        }
        if (skill.Impact == ImpactClass.Safety)
            return new PolicyDecision(PolicyVerdict.NeedsApproval, null, "safety-impact skills below L5 run only after a person approves");
        return target.Grade switch
        {
            AutonomyGrade.L3ActsAfterApproval => new PolicyDecision(PolicyVerdict.NeedsApproval, null, "L3 acts after a person approves"),
            AutonomyGrade.L4ActsWithinBounds when !inputKnown || (target.Bounds.Assets.Count > 0 && assets.Count > 0 && assets.All(a => Within(a, target.Bounds.Assets))) =>
                new PolicyDecision(PolicyVerdict.Allow, null, "L4 acts within the installation's declared asset bounds"),
            AutonomyGrade.L4ActsWithinBounds => new PolicyDecision(PolicyVerdict.NeedsApproval, null, "L4 outside its declared bounds needs approval"),
            _ => new PolicyDecision(PolicyVerdict.Allow, null, $"{Short(target.Grade)} informs or recommends"),
        };
    }

    /// <summary>The asset paths an input names in the skill's asset fields (strings or arrays of strings).</summary>
    public static IReadOnlyList<string> AssetsOf(SkillDescriptor skill, JsonNode? input)
    {
        if (skill.AssetFields.Count == 0 || input is not JsonObject obj)
            return [];
        var result = new List<string>();
        foreach (var field in skill.AssetFields)
        {
            switch (obj[field])
            {
                case JsonValue v when v.TryGetValue<string>(out var text):
                    result.Add(text);
                    break;
                case JsonArray array:
                    result.AddRange(array.OfType<JsonValue>().Select(e => e.TryGetValue<string>(out var t) ? t : null).OfType<string>());
                    break;
            }
        }
        return result;
    }

    /// <summary>True when <paramref name="asset"/> is one of the prefixes or under one (path segments separated by '/').</summary>
    public static bool Within(string asset, IReadOnlyList<string> prefixes) =>
        prefixes.Any(p => asset == p || asset.StartsWith(p.TrimEnd('/') + "/", StringComparison.Ordinal));

    /// <summary>L1 … L5.</summary>
    public static string Short(AutonomyGrade grade) => $"L{(int)grade}";
}
