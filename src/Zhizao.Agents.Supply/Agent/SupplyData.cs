using Zhizao.Agents.Supply.Data;
using Zhizao.Forecasting;
using Zhizao.Forecasting.Ensemble;

namespace Zhizao.Agents.Supply.Agent;

/// <summary>The data a supply skill runs on: demand, and inventory terms for the inventory check.</summary>
/// <param name="Demand">Demand series and the findings of reading them.</param>
/// <param name="Inventory">Stock and terms per item, or null when none were given.</param>
/// <param name="Source">"demo", "dataset" or "file" (the CLI), echoed in outputs.</param>
/// <param name="Dataset">The data set's name (or the file's), echoed in outputs.</param>
public sealed record SupplyData(DemandData Demand, InventoryData? Inventory, string Source, string? Dataset);

/// <summary>Forecasts of many series with one method, and for "auto" the ensemble's weights per series.</summary>
/// <param name="Method">The method's catalogue name.</param>
/// <param name="Forecasts">One forecast per series, in input order.</param>
/// <param name="Weights">For "auto", each series' candidate weights and back-test MASE; null otherwise.</param>
/// <param name="Ensemble">For "auto", the whole run (its back-test errors give the inventory check a σ at no extra cost); null otherwise.</param>
internal sealed record ForecastBatch(string Method, IReadOnlyList<Forecast> Forecasts, IReadOnlyList<EnsembleWeights>? Weights, EnsembleRun? Ensemble = null)
{
    /// <summary>Units of progress a run reports: candidate runs for "auto", series otherwise.</summary>
    public static int Units(string method, int series) =>
        string.Equals(method, ForecasterCatalog.AutoName, StringComparison.OrdinalIgnoreCase)
            ? ForecasterCatalog.Auto.ProgressSteps(series)
            : series;

    /// <summary>Forecasts every series with a catalogue method (its name checked before).</summary>
    public static ForecastBatch Run(string method, IReadOnlyList<SeriesInput> series, int horizon, IReadOnlyList<int> levels,
        IProgress<int>? progress, CancellationToken cancellationToken)
    {
        if (string.Equals(method, ForecasterCatalog.AutoName, StringComparison.OrdinalIgnoreCase))
        {
            var run = ForecasterCatalog.Auto.Run(series, horizon, levels, progress, cancellationToken);
            return new ForecastBatch(ForecasterCatalog.AutoName, [.. run.Forecasts.Select(NonNegative)], run.Weights, run);
        }
        if (!ForecasterCatalog.TryGetBatch(method, out var forecaster))
            throw new ArgumentException($"unknown method '{method}'", nameof(method));
        return new ForecastBatch(forecaster.Name, [.. forecaster.ForecastAll(series, horizon, levels, progress, cancellationToken).Select(NonNegative)], null);
    }

    /// <summary>Demand is never negative (the readers refuse negative quantities): points and bounds below zero become zero.</summary>
    private static Forecast NonNegative(Forecast forecast)
    {
        static double[] Clip(double[] values) => values.Any(v => v < 0) ? [.. values.Select(v => Math.Max(0, v))] : values;
        return forecast with
        {
            Point = Clip(forecast.Point),
            Intervals = forecast.Intervals.ToDictionary(kv => kv.Key, kv => (Clip(kv.Value.Lower), Clip(kv.Value.Upper))),
        };
    }

    /// <summary>The catalogue's method names, for messages and schemas.</summary>
    public static IReadOnlyList<string> Names => [.. ForecasterCatalog.All.Select(f => f.Name)];

    /// <summary>The canonical name of a catalogue method, or null when there is none by that name.</summary>
    public static string? Canonical(string name) =>
        ForecasterCatalog.TryGet(name, out var forecaster) ? forecaster.Name : null;
}
