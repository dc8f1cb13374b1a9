using Zhizao.Registry.Search;

namespace Zhizao.Registry.Tests.Search;

/// <summary>Hand-written agents for search tests, in the registry's two languages.</summary>
internal static class SearchAgents
{
    public static SearchDocument Agent(string id, string nameEn, string nameZh = "", string descriptionEn = "", string descriptionZh = "",
        string owner = "default", AgentVisibility visibility = AgentVisibility.Public, int grade = 1) =>
        new(id, "1.0.0", id.Split('/')[0], owner, visibility, AgentLifecycleStatus.Published, grade, nameEn, nameZh, descriptionEn, descriptionZh);

    public static SearchDocument Scheduler { get; } = Agent("cn.zhizao/scheduler", "Job-shop planner", "车间调度智能体",
        "Plans and schedules orders on a flexible job shop, respecting machine maintenance windows.",
        "柔性作业车间排产调度，考虑设备维护窗口。", grade: 2) with
    {
        Scenarios = ["production"],
        SkillTags = ["planning/scheduling"],
        DomainTags = ["manufacturing/job-shop"],
        Industries = ["discrete-manufacturing"],
        Skills = [new SearchSkill("schedule", "Builds a plan that meets due dates.", "生成满足交期的计划"), new SearchSkill("explain", "Explains a plan.", "解释计划")],
        AverageRating = 4.5,
        InstallCount = 120,
    };

    public static SearchDocument Maintenance { get; } = Agent("cn.zhizao/maintenance", "Equipment health", "设备健康",
        "Predictive maintenance: detects vibration anomalies and predicts remaining useful life.",
        "设备预测性维护：基于振动信号的异常检测与剩余寿命预测。") with
    {
        Scenarios = ["production", "operations"],
        SkillTags = ["monitoring/anomaly-detection", "maintenance/predictive"],
        Industries = ["discrete-manufacturing", "process"],
        Skills = [new SearchSkill("predict-failure", "Predicts the time to failure of a machine.", "预测设备故障时间")],
        AverageRating = 4.8,
        InstallCount = 80,
    };

    public static SearchDocument Inspector { get; } = Agent("cn.example.plant1/inspector", "Visual quality inspection", "视觉质检",
        "Finds surface defects on camera images.", "基于相机图像的表面缺陷检测。", owner: "plant1", visibility: AgentVisibility.Private, grade: 3) with
    {
        Scenarios = ["production"],
        SkillTags = ["quality/inspection"],
        Industries = ["electronics"],
        Skills = [new SearchSkill("inspect", "Classifies an image as good or defective.", "判定图像合格与否")],
    };

    public static SearchDocument Energy { get; } = Agent("cn.example/energy-optimizer", "Energy optimizer", "能耗优化",
        "Cuts the energy use of compressed air systems; AGV charging plans.", "压缩空气系统能耗优化，AGV充电计划。",
        owner: "example-hq", visibility: AgentVisibility.Shared, grade: 4) with
    {
        SharedWith = ["plant2"],
        Scenarios = ["operations"],
        SkillTags = ["optimization/energy"],
        DomainTags = ["energy/compressed-air"],
        Industries = ["process"],
    };

    public static IReadOnlyList<SearchDocument> All { get; } = [Scheduler, Maintenance, Inspector, Energy];

    /// <summary>A new index holding <paramref name="documents"/> (all four agents when none are given).</summary>
    public static RegistrySearchIndex Index(params SearchDocument[] documents)
    {
        var index = new RegistrySearchIndex();
        foreach (var doc in documents.Length > 0 ? documents : All)
            index.Upsert(doc);
        return index;
    }

    /// <summary>The ids of a search's hits, in order.</summary>
    public static string[] Ids(this RegistrySearchIndex index, SearchQuery query) => [.. index.Search(query).Hits.Select(h => h.AgentId)];

    /// <summary>The ids of a text search's hits from a workspace that sees everything in <see cref="All"/> but the private ones.</summary>
    public static string[] Ids(this RegistrySearchIndex index, string text, string? workspace = "plant2") => index.Ids(new SearchQuery { Text = text, Workspace = workspace });
}
