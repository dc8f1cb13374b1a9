using System.Diagnostics;
using Zhizao.Forecasting;
using Zhizao.Forecasting.Evaluation;
using Zhizao.Simulation.Supply;

namespace Zhizao.Cli.Bench;

/// <summary>What the <c>forecasting-scale</c> suite runs: how many daily item series, how long, the horizon and the methods.</summary>
internal sealed record ForecastingScaleOptions(int Series, int Days, int Horizon, IReadOnlyList<string> Methods, int Seed);

/// <summary>
/// The <c>forecasting-scale</c> suite: many daily item series like a factory's purchased items (the demo plant's generator:
/// smooth, weekly-seasonal, trending and intermittent demand, each item with its own level, trend and noise; 20 items per
/// seed, seeds 1, 2, …), forecast with each method in one batch. Reports the wall time and, on the held-out last
/// <c>horizon</c> days, the mean sMAPE, MASE (weekly seasonal scale) and 95 % coverage.
/// </summary>
internal static class ForecastingScaleBench
{
    private const int Period = 7;

    public static async Task RunAsync(ForecastingScaleOptions options, string outDirectory, CancellationToken cancellationToken)
    {
        var run = new BenchRun("forecasting-scale",
            $"Forecasting at scale: {options.Series:N0} daily item series, {options.Days} days of history, horizon {options.Horizon}");
        run.DataPaths.Add($"generated: the demo plant's supply generator (Zhizao.Simulation DemoSupply), seeds {options.Seed}…, {options.Days + options.Horizon} days per item");
        run.Parameter("series", options.Series);
        run.Parameter("history (days)", options.Days);
        run.Parameter("horizon (days)", options.Horizon);
        run.Parameter("seasonal period", Period);
        run.Parameter("methods", string.Join(", ", options.Methods));
        run.Parameter("workers", Environment.ProcessorCount);

        var generated = Generate(options);
        var history = generated.Select(s => s with { Values = s.Values.Take(options.Days).ToArray() }).ToArray();
        int[] levels = [95];
        foreach (var name in options.Methods)
        {
            if (!ForecasterCatalog.TryGetBatch(name, out var forecaster))
                throw new ArgumentException($"--methods: unknown method '{name}'");
            var counter = new SeriesCounter();
            var clock = Stopwatch.StartNew();
            var forecasts = await Task.Run(() => forecaster.ForecastAll(history, options.Horizon, levels, counter, cancellationToken), cancellationToken);
            var seconds = clock.Elapsed.TotalSeconds;
            double smape = 0, mase = 0, coverage = 0;
            for (var i = 0; i < history.Length; i++)
            {
                var actual = generated[i].Values.Skip(options.Days).ToArray();
                smape += Metrics.Smape(actual, forecasts[i].Point);
                mase += Metrics.Mase(history[i].Values, actual, forecasts[i].Point, Period) is var m && double.IsFinite(m) ? m : 0;
                coverage += Metrics.Coverage(actual, forecasts[i].Intervals[95].Lower, forecasts[i].Intervals[95].Upper);
            }
            var n = history.Length;
            var automatic = name == ForecasterCatalog.AutoName;
            run.Metric($"{name}: run time", seconds, "s", automatic ? "≤ 60 s" : null, "lower");
            run.Metric($"{name}: sMAPE", smape / n, "%", better: "lower");
            run.Metric($"{name}: MASE", mase / n, "", better: "lower");
            run.Metric($"{name}: 95 % interval coverage", coverage / n * 100, "%");
        }
        run.Note("Run time is the wall time of one batch call (back-tests, model training and forecasts included), data generation and scoring excluded. MASE of an item whose history has no weekly change (an all-zero spare) is counted as 0.");
        await run.WriteAsync(outDirectory, cancellationToken);
    }

    /// <summary>The first <see cref="ForecastingScaleOptions.Series"/> items of the demo generator over seeds Seed, Seed + 1, ….</summary>
    private static SeriesInput[] Generate(ForecastingScaleOptions options)
    {
        var start = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var series = new List<SeriesInput>(options.Series);
        for (var seed = options.Seed; series.Count < options.Series; seed++)
        {
            foreach (var item in DemoSupply.Items(seed, start, options.Days + options.Horizon))
            {
                if (series.Count == options.Series)
                    break;
                series.Add(new SeriesInput($"{item.Id}#{seed}", [.. item.History.Select(d => (double)d.Quantity)], Period));
            }
        }
        return [.. series];
    }
}
