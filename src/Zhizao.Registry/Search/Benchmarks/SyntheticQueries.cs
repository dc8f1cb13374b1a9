namespace Zhizao.Registry.Search.Benchmarks;

/// <summary>The kind of a benchmark query.</summary>
public enum BenchmarkQueryKind
{
    /// <summary>Chinese text.</summary>
    Chinese,
    /// <summary>English text.</summary>
    English,
    /// <summary>Chinese and English words together.</summary>
    Mixed,
    /// <summary>No text: a filtered listing by rating.</summary>
    Listing,
}

/// <summary>A benchmark query with its kind and whether it carries taxonomy filters (beyond the caller's workspace).</summary>
public sealed record BenchmarkQuery(BenchmarkQueryKind Kind, bool Filtered, SearchQuery Query);

/// <summary>Generates the benchmark's query mix deterministically: what people type into an industrial agent store.</summary>
public static class SyntheticQueries
{
    private static readonly string[] Chinese =
    [
        "排产", "预测性维护", "质检", "能耗", "库存预警", "需求预测", "工艺参数优化", "设备综合效率", "安全帽", "AGV调度", "备件", "碳排放",
        "振动 故障", "表面缺陷检测", "汽车 排产", "压缩空气节能", "剩余寿命预测", "物流调度", "售后 备件", "注塑工艺",
    ];

    private static readonly string[] English =
    [
        "scheduling", "predictive maintenance", "quality inspection", "energy optimization", "inventory warning", "demand forecasting",
        "vibration failure", "surface defects camera", "AGV dispatching", "carbon emissions", "spare parts planning", "helmet detection",
        "job shop scheduler", "remaining useful life", "compressed air", "process parameters", "OEE losses", "MES ERP",
    ];

    private static readonly string[] Mixed =
    [
        "排产 scheduling", "predictive 维护", "AGV 调度", "energy 能耗", "质检 camera", "库存 warning", "OEE 分析", "vibration 故障",
        "碳排放 carbon", "备件 spare parts",
    ];

    private static readonly string[] Scenarios = ["design", "pilot", "production", "marketing-service", "operations"];

    /// <summary>
    /// <paramref name="count"/> queries: 30 % Chinese, 30 % English, 25 % mixed, 15 % listings; half carry one or two taxonomy
    /// filters; nine in ten callers act in a workspace. The same seed always gives the same queries.
    /// </summary>
    public static IReadOnlyList<BenchmarkQuery> Generate(int count, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var random = new Random(seed);
        var queries = new List<BenchmarkQuery>(count);
        for (var i = 0; i < count; i++)
        {
            var roll = random.NextDouble();
            var (kind, text) = roll < 0.30 ? (BenchmarkQueryKind.Chinese, Pick(random, Chinese))
                : roll < 0.60 ? (BenchmarkQueryKind.English, Pick(random, English))
                : roll < 0.85 ? (BenchmarkQueryKind.Mixed, Pick(random, Mixed))
                : (BenchmarkQueryKind.Listing, null);
            var query = new SearchQuery
            {
                Text = text,
                Workspace = random.NextDouble() < 0.9 ? SyntheticAgents.Workspace(random.Next(SyntheticAgents.Workspaces)) : null,
                Offset = random.NextDouble() < 0.1 ? SearchQuery.DefaultPageSize : 0,
            };
            var filtered = random.NextDouble() < 0.5;
            if (filtered)
            {
                for (var f = random.Next(1, 3); f > 0; f--)
                    query = WithFilter(random, query);
            }
            queries.Add(new BenchmarkQuery(kind, filtered, query));
        }
        return queries;
    }

    private static SearchQuery WithFilter(Random random, SearchQuery query) => random.Next(6) switch
    {
        0 => query with { Scenario = Pick(random, Scenarios) },
        1 => query with { MaxGrade = random.Next(1, 6) },
        2 => query with { Publisher = SyntheticAgents.Publisher(random.Next(SyntheticAgents.Publishers)) },
        3 => query with { Tag = Pick(random, SyntheticAgents.Topics).SkillTag.Split('/')[0] },
        4 => query with { Industry = Pick(random, SyntheticAgents.Industries).Id },
        _ => query with { Visibility = (AgentVisibility)random.Next(3) },
    };

    private static T Pick<T>(Random random, T[] items) => items[random.Next(items.Length)];
}
