using System.Text.Json.Nodes;
using Zhizao.Agents.Supply.Data;
using Zhizao.Agents.Supply.Inventory;
using Zhizao.Forecasting;
using Zhizao.Forecasting.Evaluation;

namespace Zhizao.Agents.Supply.Agent;

/// <summary>
/// The <c>inventory-check</c> skill: forecasts each item over at least its protection period (lead time + review
/// period), measures the spread of protection-period demand by back-testing the same method when asked (the RMS of the
/// summed errors over the protection period, one sum per origin) — for "auto" from the ensemble's own back-test — and
/// otherwise takes it from the forecast intervals,
/// then runs <see cref="InventoryPolicy"/>: safety stock, reorder point, projection, stock-out date, warnings (库存预警)
/// and a reorder suggestion honouring MOQ and pack size. Items come out most urgent first.
/// </summary>
internal static class InventoryCheckSkill
{
    public static readonly string[] Fields = ["source", "dataset", "items", "serviceLevel", "reviewPeriodDays", "method", "horizon", "sigmaFolds"];

    public const int MaxReviewPeriodDays = 365;

    /// <summary>
    /// Back-test origins for σ when the method is not "auto"; "auto" takes σ from its own back-test (the combination's
    /// errors at the ensemble's origins) unless more origins are asked for.
    /// </summary>
    public const int DefaultSigmaFolds = 3;

    /// <summary>Fewest scored origins for a back-test σ; below it the forecast intervals are used.</summary>
    public const int MinimumSigmaFolds = 2;

    /// <summary>How to check.</summary>
    public sealed record Request(double? ServiceLevel, int? ReviewPeriodDays, string Method, int Horizon, int SigmaFolds);

    public static Request Read(SkillFields fields)
    {
        var service = fields.Number("serviceLevel", "a fraction in (0.5, 1) or a percentage in (50, 100), e.g. 0.95 or 95");
        if (service is { } s)
        {
            service = s > 1 ? s / 100 : s;
            if (service is <= 0.5 or >= 1)
                fields.Fail("'serviceLevel' must be a fraction in (0.5, 1) or a percentage in (50, 100), e.g. 0.95 or 95");
        }
        int? review = fields.Whole("reviewPeriodDays", 0, MaxReviewPeriodDays, -1) is var r and >= 0 ? r : null;
        var method = ForecastSkill.ReadMethod(fields, "method") ?? ForecasterCatalog.AutoName;
        var horizon = fields.Whole("horizon", 1, ForecastSkill.MaxHorizon, ForecastSkill.DefaultHorizon);
        var auto = method == ForecasterCatalog.AutoName;
        var folds = fields.Whole("sigmaFolds", 0, BacktestSkill.MaxFolds, auto ? 0 : DefaultSigmaFolds);
        return new Request(service, review, method, horizon, folds);
    }

    public static JsonObject Run(Request request, Selection selection, ProgressScale progress, CancellationToken cancellationToken)
    {
        var data = SupplyDataSet.Join(selection.Data.Demand, selection.Data.Inventory!);
        var chosen = selection.Items;
        var options = new InventoryOptions
        {
            ServiceLevel = request.ServiceLevel ?? InventoryOptions.Default.ServiceLevel,
            ReviewPeriodDays = request.ReviewPeriodDays ?? InventoryOptions.Default.ReviewPeriodDays,
        };
        var step = selection.Data.Demand.Step;
        var skipped = new JsonArray();
        var items = new List<(SupplyItemData Item, int Protection)>();
        foreach (var item in data.Items.Where(i => chosen is null || chosen.Contains(i.History.ItemId)))
        {
            var protection = InventoryPolicy.Periods(item.Terms.LeadTimeDays + (item.Terms.ReviewPeriodDays ?? options.ReviewPeriodDays), step);
            if (protection > ForecastSkill.MaxHorizon)
                skipped.Add(Skip(item.History.ItemId, $"lead time + review period cover {protection} periods, more than the {ForecastSkill.MaxHorizon} a forecast may cover."));
            else
                items.Add((item, protection));
        }
        var stocked = data.Items.Select(i => i.History.ItemId).ToHashSet(StringComparer.Ordinal);
        foreach (var id in selection.Series.Select(s => s.ItemId).Where(id => !stocked.Contains(id)))
            skipped.Add(Skip(id, $"no row in {data.Inventory.File}."));

        var horizon = Math.Max(request.Horizon, items.Select(i => i.Protection).DefaultIfEmpty(1).Max());
        var levels = items.Select(i => Level(i.Item.Terms.ServiceLevel ?? options.ServiceLevel)).Append(Level(options.ServiceLevel)).Distinct().Order().ToArray();
        var series = items.Select(i => i.Item.History.ToSeriesInput()).ToArray();
        var sigmaHorizon = Math.Max(1, items.Select(i => i.Protection).DefaultIfEmpty(1).Max());
        var forecastStage = $"forecast ({request.Method})";
        var batch = series.Length == 0
            ? new ForecastBatch(request.Method, [], null)
            : ForecastBatch.Run(request.Method, series, horizon, levels, progress.Next(forecastStage, ForecastBatch.Units(request.Method, series.Length)), cancellationToken);
        var protections = items.Select(i => i.Protection).ToArray();
        var sigmas = request.SigmaFolds > 0 && series.Length > 0
            ? Sigmas(request, series, sigmaHorizon, protections, progress, cancellationToken)
            : batch.Ensemble is { } ensemble
                ? [.. protections.Select((p, i) => ProtectionSigma(ensemble.CombinedErrors(i), p))]
                : new double?[series.Length];
        progress.Complete("inventory check");

        var assessed = new List<(InventoryAssessment Assessment, SupplyItemData Item, string Method, int SigmaFolds)>();
        for (var i = 0; i < items.Count; i++)
        {
            try
            {
                assessed.Add((InventoryPolicy.Evaluate(new InventoryRequest(items[i].Item.Terms, items[i].Item.History, batch.Forecasts[i], sigmas[i]), options),
                    items[i].Item, batch.Forecasts[i].Method, request.SigmaFolds));
            }
            catch (ArgumentException e)
            {
                skipped.Add(Skip(items[i].Item.History.ItemId, e.Message));
            }
        }
        var ordered = assessed
            .OrderByDescending(a => a.Assessment.Severity is { } s ? (int)s : -1)
            .ThenBy(a => a.Assessment.StockOutDate ?? DateTime.MaxValue)
            .ThenBy(a => a.Assessment.ReorderDate ?? DateTime.MaxValue)
            .ThenBy(a => a.Assessment.ItemId, StringComparer.Ordinal)
            .ToList();

        var output = selection.Header();
        output["method"] = batch.Method;
        output["horizon"] = horizon;
        output["serviceLevel"] = options.ServiceLevel;
        output["reviewPeriodDays"] = options.ReviewPeriodDays;
        output["sigmaFolds"] = request.SigmaFolds;
        output["summary"] = Summary(ordered.Select(a => a.Assessment), skipped.Count);
        output["items"] = new JsonArray([.. ordered.Select(a => (JsonNode)InventoryJson.Item(a.Assessment, a.Item.Terms, a.Method))]);
        if (skipped.Count > 0)
            output["skipped"] = skipped;
        return selection.WithFindings(output, data.Inventory.Findings.Concat(data.Findings.Where(f => f.Kind == FindingKind.UnmatchedItem)));
    }

    /// <summary>
    /// Per item, the RMS of the forecast errors summed over its protection period, one sum per back-test origin
    /// (origins half a horizon apart); null when fewer than <see cref="MinimumSigmaFolds"/> origins were scored.
    /// </summary>
    private static double?[] Sigmas(Request request, SeriesInput[] series, int horizon, int[] protection, ProgressScale progress, CancellationToken cancellationToken)
    {
        ForecasterCatalog.TryGetBatch(request.Method, out var forecaster);
        var result = Backtest.Run(forecaster!, series, horizon, new BacktestOptions(request.SigmaFolds, Math.Max(1, (horizon + 1) / 2)),
            null, progress.Next($"backtest σ ({request.Method})", request.SigmaFolds), cancellationToken);
        return [.. protection.Select((p, i) => ProtectionSigma(result.Series[i].Errors, p))];
    }

    /// <summary>The RMS over back-test origins of the errors summed over the protection period; null below <see cref="MinimumSigmaFolds"/> origins.</summary>
    private static double? ProtectionSigma(IReadOnlyList<double[]> errors, int protection)
    {
        if (protection == 0 || errors.Count < MinimumSigmaFolds || errors.Any(e => e.Length < protection))
            return null;
        var squares = errors.Select(e => e.Take(protection).Sum()).Select(s => s * s).Average();
        return double.IsFinite(squares) ? Math.Sqrt(squares) : null;
    }

    /// <summary>The interval level whose upper bound is the service-level quantile: 95 % → the 90 % interval.</summary>
    private static int Level(double serviceLevel) => Math.Clamp((int)Math.Round((200 * serviceLevel) - 100), 1, 99);

    private static JsonObject Summary(IEnumerable<InventoryAssessment> assessed, int skipped)
    {
        var list = assessed.ToList();
        var summary = new JsonObject();
        foreach (var severity in Enum.GetValues<WarningSeverity>().Reverse())
            summary[InventoryJson.Name(severity)] = list.Count(a => a.Severity == severity);
        summary["none"] = list.Count(a => a.Severity is null);
        summary["suggestedOrders"] = list.Count(a => a.Suggestion is not null);
        summary["skipped"] = skipped;
        return summary;
    }

    private static JsonObject Skip(string item, string reason) => new() { ["item"] = item, ["reason"] = reason };
}
