using System.Text.Json.Nodes;
using Zhizao.Core.Agents;
using Zhizao.Core.Assets;

namespace Zhizao.Agents.Supply.Agent;

/// <summary>The supply agent's descriptor: identity, grade and skills with their JSON schemas.</summary>
internal static class SupplyDescriptor
{
    private const string Scope =
        """
        "source":{"enum":["demo","dataset"],"description":"'demo': the demo plant's 20 items (730 days to yesterday); 'dataset': an uploaded data set (default: 'dataset' when 'dataset' is given, else 'demo')"},
        "dataset":{"type":"string","maxLength":64,"description":"the data set's name (PUT /api/v1/supply/datasets/{name})"},
        "items":{"type":"array","minItems":1,"maxItems":10000,"uniqueItems":true,"items":{"type":"string","maxLength":200},"description":"only these item ids (default: every item, at most 10,000)"}
        """;

    private const string Method =
        """
        "method":{"type":"string","default":"auto","description":"a forecasting method: 'auto' (back-tested choice per item) or a catalogue name such as snaive, ets-fast, ets, theta, dotm, arima, tsb-opt, lgbm"}
        """;

    private const string Horizon =
        """
        "horizon":{"type":"integer","minimum":1,"maximum":366,"default":28,"description":"periods ahead (days for daily data)"}
        """;

    private const string AnyObject = """{"type":"object"}""";

    public static AgentDescriptor Create() => new(
        SupplyAgent.AgentId,
        "1.0.0",
        new LocalizedText("Supply and inventory", "供应与库存"),
        new LocalizedText(
            "Forecasts item demand (automatic back-tested choice among seasonal naive, ETS, Theta, ARIMA, MSTL, intermittent-demand methods and a " +
            "LightGBM global model) with prediction intervals, back-tests methods, and checks inventory: safety stock, reorder point, projected stock, " +
            "stock-out date, warnings and reorder suggestions honouring MOQ and pack sizes; for the demo plant or uploaded CSV data sets.",
            "预测物料需求（在季节朴素、ETS、Theta、ARIMA、MSTL、间歇需求方法与 LightGBM 全局模型中按回测自动选择），给出预测区间；回测各方法；" +
            "检查库存：安全库存、再订货点、库存推演、缺货日期、库存预警及符合最小起订量与包装量的补货建议；适用于演示工厂或上传的 CSV 数据集。"),
        AutonomyGrade.L2Recommends,
        [
            Skill("forecast", "Forecast item demand: points with dates, bounds per level, the method used per item and any fallback",
                "预测物料需求：带日期的预测值、各置信水平的区间、每个物料所用方法及回退说明",
                "{\"type\":\"object\",\"properties\":{" + Scope + "," + Horizon + "," + Method + "," +
                """
                "levels":{"type":"array","minItems":1,"maxItems":5,"uniqueItems":true,"items":{"type":"integer","minimum":1,"maximum":99},"default":[80,95],"description":"interval levels in percent"}}}
                """),
            Skill("backtest", "Rolling-origin back-test of forecasting methods: sMAPE, MASE and interval coverage per item and overall, and the best method per item",
                "滚动起点回测各预测方法：每个物料及总体的 sMAPE、MASE 与区间覆盖率，以及每个物料的最佳方法",
                "{\"type\":\"object\",\"properties\":{" + Scope + "," + Horizon + "," +
                """
                "folds":{"type":"integer","minimum":1,"maximum":10,"default":3,"description":"forecast origins, a horizon apart"},
                "methods":{"type":"array","minItems":1,"maxItems":8,"uniqueItems":true,"items":{"type":"string"},"default":["auto","snaive","ets-fast"]},
                "level":{"type":"integer","minimum":1,"maximum":99,"default":95,"description":"interval level whose coverage is scored"}}}
                """),
            Skill("inventory-check", "Inventory warnings (库存预警) per item, most urgent first: safety stock, reorder point, projected stock, stock-out date and a reorder suggestion in whole packs, at least the MOQ",
                "逐物料库存预警（按紧急程度排序）：安全库存、再订货点、库存推演、缺货日期，以及按整包且不低于最小起订量的补货建议",
                "{\"type\":\"object\",\"properties\":{" + Scope + "," + Method + "," +
                """
                "horizon":{"type":"integer","minimum":1,"maximum":366,"default":28,"description":"periods of the projection (extended to cover each item's lead time + review period)"},
                "serviceLevel":{"type":"number","description":"cycle service level for items whose inventory row sets none: a fraction in (0.5, 1) or a percentage in (50, 100); default 0.95"},
                "reviewPeriodDays":{"type":"integer","minimum":0,"maximum":365,"description":"days between order decisions for items whose row sets none; default 7"},
                "sigmaFolds":{"type":"integer","minimum":0,"maximum":10,"description":"back-test origins measuring the spread of lead-time demand (default 3; for 'auto' 0: its own back-test gives the spread): below 2 scored origins the forecast intervals are used"}}}
                """),
        ]);

    private static SkillDescriptor Skill(string name, string en, string zh, string input) =>
        new(name, new LocalizedText(en, zh), JsonNode.Parse(input)!.AsObject(), JsonNode.Parse(AnyObject)!.AsObject())
        {
            Grade = AutonomyGrade.L2Recommends,
            Impact = ImpactClass.Information,
        };
}
