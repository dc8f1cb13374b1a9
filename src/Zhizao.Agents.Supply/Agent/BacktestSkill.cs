using System.Text.Json.Nodes;
using Zhizao.Forecasting;
using Zhizao.Forecasting.Evaluation;

namespace Zhizao.Agents.Supply.Agent;

/// <summary>
/// The <c>backtest</c> skill: rolling-origin accuracy of each method on each item (sMAPE, MASE, interval coverage),
/// the means over items, and which method wins (lowest MASE) per item. All methods share the same origins.
/// </summary>
internal static class BacktestSkill
{
    public static readonly string[] Fields = ["source", "dataset", "items", "horizon", "folds", "methods", "level"];

    public const int DefaultFolds = 3;
    public const int MaxFolds = 10;
    public const int MaxMethods = 8;
    public const int DefaultLevel = 95;
    public static readonly string[] DefaultMethods = [ForecasterCatalog.AutoName, "snaive", "ets-fast"];

    /// <summary>What to back-test.</summary>
    public sealed record Request(int Horizon, int Folds, IReadOnlyList<string> Methods, int Level);

    public static Request Read(SkillFields fields)
    {
        var horizon = fields.Whole("horizon", 1, ForecastSkill.MaxHorizon, ForecastSkill.DefaultHorizon);
        var folds = fields.Whole("folds", 1, MaxFolds, DefaultFolds);
        var level = fields.Whole("level", 1, 99, DefaultLevel);
        var names = fields.Texts("methods", MaxMethods, 100) ?? DefaultMethods;
        var methods = new List<string>();
        foreach (var name in names)
        {
            if (ForecastBatch.Canonical(name) is { } method)
                methods.Add(method);
            else
                fields.Fail($"'methods': unknown method '{name}' (methods: {string.Join(", ", ForecastBatch.Names)})");
        }
        if (methods.Distinct(StringComparer.Ordinal).Count() != methods.Count)
            fields.Fail("'methods' names a method twice");
        return new Request(horizon, folds, methods, level);
    }

    public static JsonObject Run(Request request, Selection selection, ProgressScale progress, CancellationToken cancellationToken)
    {
        var series = selection.Series.Select(s => s.ToSeriesInput()).ToArray();
        var results = new List<BacktestResult>(request.Methods.Count);
        foreach (var method in request.Methods)
        {
            ForecasterCatalog.TryGetBatch(method, out var forecaster);
            var stage = $"backtest ({method})";
            results.Add(Backtest.Run(forecaster!, series, request.Horizon, new BacktestOptions(request.Folds), request.Level,
                progress.Next(stage, request.Folds), cancellationToken));
        }
        progress.Complete("backtest");

        var wins = request.Methods.ToDictionary(m => m, _ => 0, StringComparer.Ordinal);
        var items = new JsonArray();
        var notScored = new JsonArray();
        for (var i = 0; i < series.Length; i++)
        {
            var scored = results.Where(r => r.Series[i].Folds > 0 && double.IsFinite(r.Series[i].Mase)).ToList();
            var best = scored.Count == 0 ? null : scored.MinBy(r => r.Series[i].Mase)!.Method;
            if (best is null)
                notScored.Add((JsonNode)series[i].Id);
            else
                wins[best]++;
            items.Add(new JsonObject
            {
                ["item"] = series[i].Id,
                ["best"] = best,
                ["results"] = new JsonArray([.. results.Select(r => (JsonNode)Scores(r.Method, r.Series[i]))]),
            });
        }

        var output = selection.Header();
        output["horizon"] = request.Horizon;
        output["folds"] = request.Folds;
        output["level"] = request.Level;
        output["methods"] = new JsonArray([.. results.Select(r => (JsonNode)new JsonObject
        {
            ["method"] = r.Method,
            ["smape"] = SupplyJson.Number(r.Smape),
            ["mase"] = SupplyJson.Number(r.Mase),
            ["coverage"] = SupplyJson.Number(r.Coverage),
            ["scoredItems"] = r.Series.Count(s => s.Folds > 0),
            ["wins"] = wins[r.Method],
        })]);
        output["items"] = items;
        if (notScored.Count > 0)
        {
            output["notScored"] = notScored;
            output["note"] = $"{notScored.Count} item(s) have too little history for one fold (horizon {request.Horizon} + 8 periods); they have no scores.";
        }
        return selection.WithFindings(output);
    }

    private static JsonObject Scores(string method, SeriesBacktest s) => new()
    {
        ["method"] = method,
        ["folds"] = s.Folds,
        ["smape"] = SupplyJson.Number(s.Smape),
        ["mase"] = SupplyJson.Number(s.Mase),
        ["coverage"] = SupplyJson.Number(s.Coverage),
    };
}
