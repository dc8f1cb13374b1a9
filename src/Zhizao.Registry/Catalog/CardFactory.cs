using System.Text.Json;
using System.Text.Json.Nodes;
using Zhizao.Core.Agents;
using Zhizao.Protocols.A2A.Cards;

namespace Zhizao.Registry.Catalog;

/// <summary>Where a built-in agent sits in the action plan's taxonomy.</summary>
/// <param name="Scenarios">Stages: design, pilot, production, marketing-service, operations.</param>
/// <param name="Industries">Industries it is made for.</param>
/// <param name="SkillTags">Skill taxonomy tags.</param>
/// <param name="DomainTags">Domain taxonomy tags.</param>
public sealed record AgentListing(IReadOnlyList<string> Scenarios, IReadOnlyList<string> Industries, IReadOnlyList<string> SkillTags, IReadOnlyList<string> DomainTags)
{
    /// <summary>The five stages of the action plan (研发设计, 中试验证, 生产制造, 营销服务, 运营管理).</summary>
    public static readonly IReadOnlyList<string> Stages = ["design", "pilot", "production", "marketing-service", "operations"];

    /// <summary>Listings of Zhizao's own agents, by agent id.</summary>
    public static readonly IReadOnlyDictionary<string, AgentListing> BuiltIn = new Dictionary<string, AgentListing>
    {
        ["cn.zhizao/limit-monitor"] = new(["production"], ["discrete-manufacturing", "process-manufacturing"],
            ["monitoring/limit-check", "alarming/isa-18.2"], ["manufacturing/equipment-monitoring"]),
        ["cn.zhizao/maintenance"] = new(["production", "operations"], ["discrete-manufacturing", "process-manufacturing"],
            ["monitoring/anomaly-detection", "maintenance/remaining-useful-life", "maintenance/work-orders"], ["manufacturing/predictive-maintenance"]),
        ["cn.zhizao/scheduler"] = new(["production"], ["discrete-manufacturing"],
            ["planning/scheduling", "planning/rescheduling", "optimization/constraint-programming"], ["manufacturing/job-shop", "manufacturing/flexible-job-shop"]),
        ["cn.zhizao/supply"] = new(["operations"], ["discrete-manufacturing", "process-manufacturing"],
            ["forecasting/demand", "forecasting/backtesting", "inventory/safety-stock", "inventory/reorder-suggestion"], ["manufacturing/supply-chain", "manufacturing/inventory"]),
    };
}

/// <summary>Builds the A2A card (with Zhizao's registry extension) of an agent from its descriptor.</summary>
public static class CardFactory
{
    /// <summary>The card of an in-process agent. Interfaces are filled in when the card is served (they depend on the public address).</summary>
    public static AgentCard Create(AgentDescriptor descriptor, AgentListing? listing, IReadOnlyList<BenchmarkScore> benchmarks, string organization)
    {
        var publisher = descriptor.Id.Split('/')[0];
        listing ??= new AgentListing([], [], [], []);
        var extension = new ZhizaoCardExtension
        {
            Id = descriptor.Id,
            Publisher = publisher,
            Grade = descriptor.Grade.ToString(),
            Industries = listing.Industries,
            Scenarios = listing.Scenarios,
            SkillTags = listing.SkillTags,
            DomainTags = listing.DomainTags,
            Zh = new ZhizaoLocalized(descriptor.Name.Zh, descriptor.Description.Zh),
            Skills = descriptor.Skills.ToDictionary(s => s.Name, s => new ZhizaoSkill(
                (s.Grade is { } g && g < descriptor.Grade ? g : descriptor.Grade).ToString(), s.Impact.ToString(),
                s.InputSchema.DeepClone().AsObject(), s.OutputSchema.DeepClone().AsObject(), s.Description.Zh,
                s.AssetFields.Count > 0 ? s.AssetFields : null)),
            Benchmarks = benchmarks,
        };
        return new AgentCard
        {
            Name = descriptor.Name.En,
            Description = descriptor.Description.En,
            Version = descriptor.Version,
            Provider = new AgentProvider(organization, "urn:zhizao:publisher:" + publisher),
            Capabilities = new AgentCapabilities
            {
                Streaming = true,
                PushNotifications = false,
                Extensions = [new AgentExtension(ZhizaoCardExtension.Uri, "Zhizao registry: grade, impact, taxonomy, skill schemas, benchmark scores", false,
                    JsonSerializer.SerializeToNode(extension, AgentCard.JsonOptions)!.AsObject())],
            },
            SecuritySchemes = new Dictionary<string, JsonObject>
            {
                ["bearer"] = new() { ["httpAuthSecurityScheme"] = new JsonObject { ["scheme"] = "Bearer", ["description"] = "Zhizao API key (zk_…) or platform token" } },
            },
            SecurityRequirements = [new JsonObject { ["schemes"] = new JsonObject { ["bearer"] = new JsonObject { ["list"] = new JsonArray() } } }],
            Skills = [.. descriptor.Skills.Select(s => new AgentSkill
            {
                Id = s.Name,
                Name = s.Name,
                Description = s.Description.En,
                Tags = [.. listing.SkillTags, s.Impact.ToString().ToLowerInvariant()],
            })],
        };
    }

    /// <summary>
    /// The descriptor a card describes (for cards registered from outside): skills with schemas, grades and impacts from the Zhizao
    /// extension; skills of a card without the extension are L1 information skills that accept any object.
    /// </summary>
    public static AgentDescriptor ToDescriptor(AgentCard card, string agentId)
    {
        var extension = card.Zhizao;
        var grade = Enum.TryParse<AutonomyGrade>(extension?.Grade, out var g) ? g : AutonomyGrade.L1Informs;
        var skills = card.Skills.Select(s =>
        {
            ZhizaoSkill? zs = null;
            extension?.Skills.TryGetValue(s.Id, out zs);
            return new SkillDescriptor(s.Id, new Core.Assets.LocalizedText(s.Description, zs?.DescriptionZh ?? ""),
                zs?.InputSchema.DeepClone().AsObject() ?? new JsonObject { ["type"] = "object" },
                zs?.OutputSchema.DeepClone().AsObject() ?? new JsonObject())
            {
                Grade = Enum.TryParse<AutonomyGrade>(zs?.Grade, out var sg) ? sg : grade,
                Impact = Enum.TryParse<ImpactClass>(zs?.Impact, out var impact) ? impact : ImpactClass.Information,
                AssetFields = zs?.AssetFields ?? [],
            };
        }).ToList();
        var maxGrade = skills.Count == 0 ? grade : (AutonomyGrade)Math.Max((int)grade, skills.Max(s => (int)(s.Grade ?? grade)));
        return new AgentDescriptor(agentId, card.Version, new Core.Assets.LocalizedText(card.Name, extension?.Zh?.Name ?? ""),
            new Core.Assets.LocalizedText(card.Description, extension?.Zh?.Description ?? ""), maxGrade, skills);
    }
}
