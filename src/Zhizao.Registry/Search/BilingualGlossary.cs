using System.Text;

namespace Zhizao.Registry.Search;

/// <summary>
/// Chinese industrial terms with their English equivalents, so that a Chinese query also finds agents whose cards are in English
/// only (an A2A card's own text is English; the Chinese text is an optional extension). The query is searched as typed and, at a
/// lower weight, with these terms translated.
/// </summary>
internal static class BilingualGlossary
{
    // Longest terms first, so that 预测性维护 wins over 预测 and 维护. One English word or fixed phrase each: every translated word
    // must match like any other query word.
    private static readonly (string Zh, string En)[] Terms = new (string Zh, string En)[]
    {
        ("预测性维护", "predictive maintenance"), ("设备综合效率", "OEE"), ("剩余寿命", "remaining life"), ("异常检测", "anomaly"),
        ("需求预测", "demand forecast"), ("碳排放", "carbon emissions"), ("排产", "scheduling"), ("排程", "scheduling"), ("调度", "scheduling"),
        ("维护", "maintenance"), ("维修", "maintenance"), ("保养", "maintenance"), ("故障", "failure"), ("质检", "inspection"),
        ("检测", "detection"), ("缺陷", "defect"), ("质量", "quality"), ("能耗", "energy"), ("节能", "energy"), ("能源", "energy"),
        ("库存", "inventory"), ("预警", "warning"), ("报警", "alarm"), ("告警", "alarm"), ("预测", "prediction"), ("工艺", "process"),
        ("参数", "parameters"), ("优化", "optimization"), ("设备", "equipment"), ("振动", "vibration"), ("安全", "safety"),
        ("物流", "logistics"), ("备件", "spare parts"), ("监控", "monitoring"), ("监测", "monitoring"), ("设计", "design"),
        ("仓库", "warehouse"), ("仓储", "warehouse"), ("计划", "planning"), ("视觉", "vision"), ("产线", "line"), ("能效", "efficiency"),
    }.OrderByDescending(t => t.Zh.Length).ToArray();

    /// <summary>The text with every known Chinese term replaced by its English equivalent; null when it holds none.</summary>
    internal static string? Translate(string text)
    {
        StringBuilder? translated = null;
        var copied = 0;
        for (var i = 0; i < text.Length;)
        {
            var match = Array.FindIndex(Terms, t => text.AsSpan(i).StartsWith(t.Zh, StringComparison.Ordinal));
            if (match < 0)
            {
                i++;
                continue;
            }
            translated ??= new StringBuilder(text.Length + 32);
            translated.Append(text, copied, i - copied).Append(' ').Append(Terms[match].En).Append(' ');
            i += Terms[match].Zh.Length;
            copied = i;
        }
        return translated?.Append(text, copied, text.Length - copied).ToString();
    }
}
