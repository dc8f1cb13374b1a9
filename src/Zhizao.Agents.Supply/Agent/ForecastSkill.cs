using System.Globalization;
using System.Text.Json.Nodes;
using Zhizao.Agents.Supply.Data;
using Zhizao.Forecasting;
using Zhizao.Forecasting.Ensemble;

namespace Zhizao.Agents.Supply.Agent;

/// <summary>The items a skill runs on, out of its data.</summary>
/// <param name="Data">The data.</param>
/// <param name="Series">The chosen items' demand series, in the data's order.</param>
/// <param name="Items">The chosen item ids, or null when every item was chosen.</param>
internal sealed record Selection(SupplyData Data, IReadOnlyList<DemandSeries> Series, IReadOnlySet<string>? Items)
{
    /// <summary>The fields every output starts with: where the data came from, its step and the item count.</summary>
    public JsonObject Header() => new()
    {
        ["source"] = Data.Source,
        ["dataset"] = Data.Dataset,
        ["step"] = Timestamps.Describe(Data.Demand.Step),
        ["itemCount"] = Series.Count,
    };

    /// <summary>Appends the demand findings about the chosen items and the counts by kind.</summary>
    public JsonObject WithFindings(JsonObject output, IEnumerable<DataFinding>? more = null)
    {
        output["findings"] = SupplyJson.Findings(Data.Demand.Findings.Concat(more ?? []), Items);
        output["findingCounts"] = SupplyJson.Counts(Data.Demand.Counts);
        return output;
    }
}

/// <summary>
/// The <c>forecast</c> skill: per item the method used, point forecasts with dates, bounds per level, the fallback
/// note, and for "auto" the ensemble weights and each candidate's back-test MASE.
/// </summary>
internal static class ForecastSkill
{
    public static readonly string[] Fields = ["source", "dataset", "items", "horizon", "levels", "method"];

    public const int DefaultHorizon = 28;
    public const int MaxHorizon = 366;
    public static readonly int[] DefaultLevels = [80, 95];

    /// <summary>What to forecast.</summary>
    public sealed record Request(int Horizon, IReadOnlyList<int> Levels, string Method);

    public static Request Read(SkillFields fields) => new(
        fields.Whole("horizon", 1, MaxHorizon, DefaultHorizon),
        fields.Wholes("levels", 1, 99, 5) ?? DefaultLevels,
        ReadMethod(fields, "method") ?? ForecasterCatalog.AutoName);

    /// <summary>Reads a method name and checks it against the catalogue; null when absent (or wrong: see the error).</summary>
    public static string? ReadMethod(SkillFields fields, string name)
    {
        if (fields.Text(name, 100) is not { } text)
            return null;
        if (ForecastBatch.Canonical(text) is { } method)
            return method;
        fields.Fail($"'{name}': unknown method '{text}' (methods: {string.Join(", ", ForecastBatch.Names)})");
        return null;
    }

    public static JsonObject Run(Request request, Selection selection, ProgressScale progress, CancellationToken cancellationToken)
    {
        var series = selection.Series;
        var stage = $"forecast ({request.Method})";
        var batch = ForecastBatch.Run(request.Method, [.. series.Select(s => s.ToSeriesInput())], request.Horizon, request.Levels,
            progress.Next(stage, ForecastBatch.Units(request.Method, series.Count)), cancellationToken);
        progress.Complete(stage);
        var items = new JsonArray();
        var methods = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var fallbacks = 0;
        for (var i = 0; i < series.Count; i++)
        {
            var forecast = batch.Forecasts[i];
            items.Add(Item(series[i], forecast, batch.Weights?[i], request.Levels));
            methods[forecast.Method] = methods.GetValueOrDefault(forecast.Method) + 1;
            if (forecast.Note is not null)
                fallbacks++;
        }
        var output = selection.Header();
        output["method"] = batch.Method;
        output["horizon"] = request.Horizon;
        output["levels"] = new JsonArray([.. request.Levels.Select(l => (JsonNode)l)]);
        output["summary"] = new JsonObject
        {
            ["items"] = series.Count,
            ["withNotes"] = fallbacks,
            ["methods"] = new JsonObject([.. methods.Select(m => KeyValuePair.Create(m.Key, (JsonNode?)m.Value))]),
        };
        output["items"] = items;
        return selection.WithFindings(output);
    }

    /// <summary>One item's forecast: rows of date, point and bounds (<c>lower80</c>, <c>upper80</c>…).</summary>
    public static JsonObject Item(DemandSeries series, Forecast forecast, EnsembleWeights? weights, IReadOnlyList<int> levels)
    {
        var points = new JsonArray();
        for (var h = 0; h < forecast.Point.Length; h++)
        {
            var row = new JsonObject { ["date"] = SupplyJson.Time(series.TimeAt(series.Values.Count + h)), ["point"] = SupplyJson.Number(forecast.Point[h]) };
            foreach (var level in levels)
            {
                if (!forecast.Intervals.TryGetValue(level, out var bounds))
                    continue;
                row[Bound("lower", level)] = SupplyJson.Number(bounds.Lower[h]);
                row[Bound("upper", level)] = SupplyJson.Number(bounds.Upper[h]);
            }
            points.Add(row);
        }
        var item = new JsonObject
        {
            ["item"] = series.ItemId,
            ["method"] = forecast.Method,
            ["historyStart"] = SupplyJson.Time(series.Start),
            ["historyPeriods"] = series.Values.Count,
            ["forecastStart"] = SupplyJson.Time(series.ForecastStart),
            ["note"] = forecast.Note,
        };
        if (series.Flags != SeriesFlags.None)
            item["flags"] = series.Flags.ToString();
        if (weights is not null)
        {
            item["weights"] = new JsonObject([.. weights.Weights.Select(w => KeyValuePair.Create(w.Key, SupplyJson.Number(w.Value)))]);
            item["backtestMase"] = new JsonObject([.. weights.BacktestMase.Select(w => KeyValuePair.Create(w.Key, SupplyJson.Number(w.Value)))]);
        }
        item["points"] = points;
        return item;
    }

    /// <summary>The name of a bound column: <c>lower80</c>, <c>upper95</c>.</summary>
    public static string Bound(string side, int level) => side + level.ToString(CultureInfo.InvariantCulture);
}
