using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Zhizao.Agents.Supply.Data;
using Zhizao.Core.Assets;

namespace Zhizao.Agents.Supply.Agent;

/// <summary>
/// The JSON building blocks of the supply skills' outputs, in one place so that every skill writes numbers, times,
/// findings and texts alike: numbers rounded to 3 decimals and never NaN or ∞ (null instead), times as
/// <c>2026-05-01</c> (or <c>2026-05-01 08:00</c> for sub-daily data).
/// </summary>
public static class SupplyJson
{
    /// <summary>How many findings a skill lists in full (every finding is counted in <c>findingCounts</c>).</summary>
    public const int MaxListedFindings = 200;

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>A quantity or score: rounded to 3 decimals; null when not finite.</summary>
    public static JsonNode? Number(double value) => double.IsFinite(value) ? JsonValue.Create(Math.Round(value, 3)) : null;

    /// <summary>An optional quantity or score.</summary>
    public static JsonNode? Number(double? value) => value is { } v ? Number(v) : null;

    /// <summary>A plant-local time as written in demand files.</summary>
    public static string Time(DateTime time) => Timestamps.Format(time);

    /// <summary>An optional time.</summary>
    public static JsonNode? Time(DateTime? time) => time is { } t ? JsonValue.Create(Time(t)) : null;

    /// <summary>A text in English and Chinese.</summary>
    public static JsonObject Text(LocalizedText text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new JsonObject { ["en"] = text.En, ["zh"] = text.Zh.Length > 0 ? text.Zh : text.En };
    }

    /// <summary>One finding: severity, kind, file, line, column, value, item and message (absent fields omitted).</summary>
    public static JsonNode Finding(DataFinding finding) => JsonSerializer.SerializeToNode(finding, Options)!;

    /// <summary>
    /// The findings that concern the chosen items or no item in particular, at most <see cref="MaxListedFindings"/>,
    /// errors first.
    /// </summary>
    public static JsonArray Findings(IEnumerable<DataFinding> findings, IReadOnlySet<string>? items)
    {
        ArgumentNullException.ThrowIfNull(findings);
        return new JsonArray([.. findings
            .Where(f => items is null || f.ItemId is null || items.Contains(f.ItemId))
            .OrderByDescending(f => f.Severity)
            .Take(MaxListedFindings)
            .Select(Finding)]);
    }

    /// <summary>Occurrences by finding kind (never capped).</summary>
    public static JsonObject Counts(IEnumerable<KeyValuePair<FindingKind, long>> counts) =>
        new([.. counts.OrderBy(c => c.Key.ToString(), StringComparer.Ordinal).Select(c => KeyValuePair.Create(c.Key.ToString(), (JsonNode?)c.Value))]);

    /// <summary>A string array.</summary>
    public static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode)v)]);
}
