using System.Text.Json.Nodes;

namespace Zhizao.Protocols.A2A.Cards;

/// <summary>
/// Zhizao's registry fields, carried in an agent card as the parameters of the extension <see cref="Uri"/>:
/// the agent's id and grade, the impact, grade and JSON schemas of each skill, its place in the action plan's taxonomy
/// (industry, scenario stage, skill and domain tags in the spirit of OASF), its publisher and its measured benchmark scores.
/// </summary>
public sealed record ZhizaoCardExtension
{
    /// <summary>The extension id.</summary>
    public const string Uri = "urn:zhizao:a2a:registry:v1";

    /// <summary>Reverse-DNS agent id: <c>{publisher namespace}/{name}</c>, e.g. <c>cn.example.plant1/scheduler</c>.</summary>
    public required string Id { get; init; }
    /// <summary>The publisher's namespace (the part of <see cref="Id"/> before the slash).</summary>
    public required string Publisher { get; init; }
    /// <summary>Highest grade of the agent's skills: L1Informs … L5ClosedLoop.</summary>
    public required string Grade { get; init; }
    /// <summary>Industries the agent is made for (e.g. discrete-manufacturing, food, pharma).</summary>
    public IReadOnlyList<string> Industries { get; init; } = [];
    /// <summary>The action plan's stages: design (研发设计), pilot (中试验证), production (生产制造), marketing-service (营销服务), operations (运营管理).</summary>
    public IReadOnlyList<string> Scenarios { get; init; } = [];
    /// <summary>Skill taxonomy tags (e.g. <c>planning/scheduling</c>, <c>monitoring/anomaly-detection</c>).</summary>
    public IReadOnlyList<string> SkillTags { get; init; } = [];
    /// <summary>Domain taxonomy tags (e.g. <c>manufacturing/job-shop</c>, <c>energy/compressed-air</c>).</summary>
    public IReadOnlyList<string> DomainTags { get; init; } = [];
    /// <summary>Name and description in Chinese (the card's own are English).</summary>
    public ZhizaoLocalized? Zh { get; init; }
    /// <summary>Per-skill registry data, by skill id.</summary>
    public IReadOnlyDictionary<string, ZhizaoSkill> Skills { get; init; } = new Dictionary<string, ZhizaoSkill>();
    /// <summary>Measured scores from benchmark reports.</summary>
    public IReadOnlyList<BenchmarkScore> Benchmarks { get; init; } = [];
}

/// <summary>Chinese text of a card.</summary>
/// <param name="Name">名称.</param>
/// <param name="Description">描述.</param>
public sealed record ZhizaoLocalized(string Name, string Description);

/// <summary>Registry data of one skill.</summary>
/// <param name="Grade">L1Informs … L5ClosedLoop.</param>
/// <param name="Impact">Information, Quality, Production or Safety.</param>
/// <param name="InputSchema">JSON schema of the input.</param>
/// <param name="OutputSchema">JSON schema of the output.</param>
/// <param name="DescriptionZh">Chinese description.</param>
/// <param name="AssetFields">Input fields that carry asset paths.</param>
public sealed record ZhizaoSkill(
    string Grade,
    string Impact,
    JsonObject InputSchema,
    JsonObject OutputSchema,
    string DescriptionZh = "",
    IReadOnlyList<string>? AssetFields = null);

/// <summary>One measured benchmark figure.</summary>
/// <param name="Suite">Benchmark suite (e.g. scheduling-taillard).</param>
/// <param name="Metric">Metric name (e.g. mean gap %).</param>
/// <param name="Value">The figure.</param>
/// <param name="Date">When it was measured (yyyy-MM-dd).</param>
/// <param name="Command">The command that produced it.</param>
public sealed record BenchmarkScore(string Suite, string Metric, double Value, string Date, string Command);
