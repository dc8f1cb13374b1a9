namespace Zhizao.Registry.Search.Benchmarks;

/// <summary>
/// Generates a deterministic, realistic bilingual agent catalog for the search benchmark: industrial topics (排产 scheduling,
/// 预测性维护 predictive maintenance, 质检 quality inspection, 能耗 energy, 库存预警 inventory warning …) combined with industries,
/// modifiers and filler sentences, spread over publishers, workspaces, visibilities, statuses and grades.
/// </summary>
public static class SyntheticAgents
{
    /// <summary>Publishers in the generated catalog (a few publish most agents).</summary>
    public const int Publishers = 40;
    /// <summary>Workspaces in the generated catalog.</summary>
    public const int Workspaces = 100;

    internal sealed record Topic(
        string Slug, string NameEn, string NameZh, string DescriptionEn, string DescriptionZh, string SkillTag, string DomainTag, string Scenario,
        SearchSkill[] Skills);

    internal static readonly Topic[] Topics =
    [
        new("scheduler", "Production scheduler", "生产排产", "Schedules orders on a flexible job shop and respects due dates.", "柔性作业车间排产调度，兼顾交期。",
            "planning/scheduling", "manufacturing/job-shop", "production",
            [new("schedule", "Builds a production schedule.", "生成排产计划"), new("reschedule", "Repairs a schedule after a breakdown.", "设备故障后重排")]),
        new("maintenance", "Predictive maintenance", "预测性维护", "Predicts equipment failures from vibration and temperature signals.", "基于振动与温度信号预测设备故障。",
            "maintenance/predictive", "equipment/rotating", "operations",
            [new("predict-failure", "Predicts the remaining useful life.", "预测剩余寿命"), new("detect-anomaly", "Detects anomalies in sensor data.", "传感器数据异常检测")]),
        new("inspector", "Quality inspection", "视觉质检", "Detects surface defects on camera images of parts.", "基于相机图像的零件表面缺陷检测。",
            "quality/inspection", "quality/vision", "production",
            [new("inspect", "Classifies a part image as good or defective.", "判定零件合格与否")]),
        new("energy", "Energy optimizer", "能耗优化", "Reduces the energy use of compressed air, chillers and furnaces.", "降低压缩空气、冷机与加热炉能耗。",
            "optimization/energy", "energy/compressed-air", "operations",
            [new("optimize-energy", "Proposes set points that save energy.", "给出节能设定值")]),
        new("inventory", "Inventory warning", "库存预警", "Warns before raw material stock runs out and proposes reorders.", "原材料库存不足预警并建议补货。",
            "supply-chain/inventory", "logistics/warehouse", "operations",
            [new("forecast-stock", "Forecasts stock levels per material.", "按物料预测库存水平")]),
        new("demand", "Demand forecaster", "需求预测", "Forecasts customer demand per product family and season.", "按产品族与季节预测客户需求。",
            "planning/forecasting", "sales/demand", "marketing-service",
            [new("forecast-demand", "Forecasts weekly demand.", "预测每周需求")]),
        new("process", "Process tuning", "工艺参数优化", "Tunes process parameters of injection moulding during pilot runs.", "中试阶段注塑工艺参数优化。",
            "optimization/process", "manufacturing/injection-moulding", "pilot",
            [new("tune", "Suggests process parameters.", "推荐工艺参数")]),
        new("limits", "Limit monitor", "超限报警", "Raises alarms when signals cross their limits for too long.", "信号持续超限时报警。",
            "monitoring/limits", "equipment/general", "production",
            [new("watch", "Watches signals against limits.", "监视信号限值")]),
        new("oee", "OEE analyzer", "设备综合效率分析", "Breaks down overall equipment effectiveness losses by cause.", "按原因分解设备综合效率损失。",
            "analytics/oee", "manufacturing/line", "production",
            [new("analyze-oee", "Computes availability, performance and quality.", "计算可用率、性能与良品率")]),
        new("design", "Design assistant", "研发设计助手", "Generates drawing checks and bills of materials for new products.", "辅助新产品图纸校核与物料清单生成。",
            "design/engineering", "product/cad", "design",
            [new("check-drawing", "Checks a drawing against design rules.", "按设计规范校核图纸")]),
        new("service", "After-sales assistant", "售后服务助手", "Answers customer questions about faults and spare parts.", "解答客户关于故障与备件的问题。",
            "service/support", "sales/after-sales", "marketing-service",
            [new("answer", "Answers a service question.", "回答售后问题")]),
        new("safety", "Safety watcher", "安全巡检", "Detects missing helmets and people in danger zones on video.", "视频识别未佩戴安全帽与危险区域人员。",
            "safety/ppe", "safety/video", "operations",
            [new("detect-ppe", "Finds people without helmets.", "识别未戴安全帽人员")]),
        new("agv", "AGV dispatcher", "AGV调度", "Dispatches AGVs between warehouse and lines and plans charging.", "AGV在仓库与产线间的物流调度与充电计划。",
            "planning/dispatching", "logistics/agv", "production",
            [new("dispatch", "Assigns transport orders to AGVs.", "分配AGV运输任务")]),
        new("spares", "Spare parts planner", "备件计划", "Plans spare part stock from failure rates and lead times.", "根据故障率与采购周期制定备件库存计划。",
            "planning/spare-parts", "maintenance/spares", "operations",
            [new("plan-spares", "Computes spare part reorder points.", "计算备件再订货点")]),
        new("carbon", "Carbon accountant", "碳排放核算", "Accounts carbon emissions per product from energy and material data.", "基于能源与物料数据核算产品碳排放。",
            "analytics/carbon", "energy/emissions", "operations",
            [new("account-carbon", "Computes emissions per batch.", "按批次计算碳排放")]),
    ];

    internal static readonly (string Id, string Zh, string En)[] Industries =
    [
        ("discrete-manufacturing", "离散制造", "discrete manufacturing"), ("process", "流程工业", "process industry"), ("automotive", "汽车", "automotive"),
        ("electronics", "电子", "electronics"), ("food", "食品", "food"), ("pharma", "制药", "pharmaceutical"), ("steel", "钢铁", "steel"),
        ("chemicals", "化工", "chemical"), ("textile", "纺织", "textile"), ("machinery", "机械", "machinery"),
    ];

    private static readonly (string En, string Zh)[] Modifiers =
    [
        ("Smart", "智能"), ("Adaptive", "自适应"), ("Lean", "精益"), ("Realtime", "实时"), ("Robust", "稳健"), ("Cloud", "云端"), ("Edge", "边缘"),
        ("Multi-line", "多产线"), ("Plant-wide", "全厂"), ("Compact", "轻量"),
    ];

    private static readonly (string En, string Zh)[] Fillers =
    [
        ("Works with MES and ERP data.", "对接MES与ERP数据。"), ("Runs on an edge gateway next to the line.", "部署于产线旁的边缘网关。"),
        ("Explains every recommendation to the operator.", "每条建议均向操作员给出解释。"), ("Learns from shift reports.", "从交接班记录中学习。"),
        ("Supports OPC UA and MQTT sources.", "支持OPC UA与MQTT数据源。"), ("Ships with a dashboard for supervisors.", "为班组长提供看板。"),
        ("Validated on three plants.", "已在三家工厂验证。"), ("Keeps an audit trail of its decisions.", "保留决策审计记录。"),
    ];

    private static readonly AgentLifecycleStatus[] StatusWeights =
    [
        .. Enumerable.Repeat(AgentLifecycleStatus.Published, 85), .. Enumerable.Repeat(AgentLifecycleStatus.Draft, 5),
        .. Enumerable.Repeat(AgentLifecycleStatus.Deprecated, 5), .. Enumerable.Repeat(AgentLifecycleStatus.Suspended, 3),
        .. Enumerable.Repeat(AgentLifecycleStatus.Retired, 2),
    ];

    /// <summary>The publisher namespace of publisher <paramref name="index"/>.</summary>
    public static string Publisher(int index) => $"cn.vendor{index:D2}";

    /// <summary>The name of workspace <paramref name="index"/>.</summary>
    public static string Workspace(int index) => $"ws-{index:D3}";

    /// <summary><paramref name="count"/> agents; the same seed always gives the same catalog.</summary>
    public static IReadOnlyList<SearchDocument> Generate(int count, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var random = new Random(seed);
        var agents = new List<SearchDocument>(count);
        for (var i = 0; i < count; i++)
            agents.Add(One(random, i));
        return agents;
    }

    private static SearchDocument One(Random random, int number)
    {
        var topic = Topics[random.Next(Topics.Length)];
        var second = random.NextDouble() < 0.3 ? Topics[random.Next(Topics.Length)] : null;
        var (modifierEn, modifierZh) = Modifiers[random.Next(Modifiers.Length)];
        var industry = Industries[random.Next(Industries.Length)];
        // Skewed: the first publishers publish most agents, as on any store.
        var publisher = Publisher((int)(Publishers * Math.Pow(random.NextDouble(), 2)));
        var owner = Workspace(random.Next(Workspaces));
        var roll = random.NextDouble();
        var visibility = roll < 0.6 ? AgentVisibility.Public : roll < 0.85 ? AgentVisibility.Private : AgentVisibility.Shared;
        var fillers = Enumerable.Range(0, random.Next(1, 4)).Select(_ => Fillers[random.Next(Fillers.Length)]).Distinct().ToList();

        var descriptionEn = $"{topic.DescriptionEn} For the {industry.En} industry. {second?.DescriptionEn} {string.Join(' ', fillers.Select(f => f.En))}";
        var descriptionZh = $"{topic.DescriptionZh}面向{industry.Zh}行业。{second?.DescriptionZh}{string.Concat(fillers.Select(f => f.Zh))}";
        return new SearchDocument(
            $"{publisher}/{topic.Slug}-{number:D5}", $"1.{random.Next(10)}.{random.Next(10)}", publisher, owner, visibility,
            StatusWeights[random.Next(StatusWeights.Length)], 1 + (int)(5 * Math.Pow(random.NextDouble(), 1.5)),
            $"{modifierEn} {topic.NameEn}", $"{modifierZh}{topic.NameZh}智能体", descriptionEn.Trim(), descriptionZh)
        {
            SharedWith = visibility == AgentVisibility.Shared ? [.. Enumerable.Range(0, random.Next(1, 4)).Select(_ => Workspace(random.Next(Workspaces))).Distinct()] : [],
            Scenarios = second is null || second.Scenario == topic.Scenario ? [topic.Scenario] : [topic.Scenario, second.Scenario],
            Industries = [industry.Id],
            SkillTags = second is null ? [topic.SkillTag] : [topic.SkillTag, second.SkillTag],
            DomainTags = [topic.DomainTag],
            Skills = second is null ? topic.Skills : [.. topic.Skills, .. second.Skills],
            AverageRating = Math.Round(random.NextDouble() * 5, 1),
            InstallCount = (long)(5000 * Math.Pow(random.NextDouble(), 4)),
        };
    }
}
