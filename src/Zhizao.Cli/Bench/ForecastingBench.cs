using System.Diagnostics;
using System.Globalization;
using Zhizao.Forecasting;
using Zhizao.Forecasting.Evaluation;

namespace Zhizao.Cli.Bench;

/// <summary>What the <c>forecasting</c> suite runs: an M4 train/test pair, horizon, seasonal period, methods and interval level.</summary>
internal sealed record ForecastingBenchOptions(string Train, string Test, int Horizon, int Season, IReadOnlyList<string> Methods, int Level, string Suite);

/// <summary>One method's forecasts of every series (in input order) and the wall time they took.</summary>
internal sealed record ForecastingMethodRun(string Method, double[][] Point, double[][] Lower, double[][] Upper, TimeSpan Elapsed, int Fallbacks, string? FirstNote);

/// <summary>One method's accuracy, averaged over series as M4 does: sMAPE (%), MASE, interval coverage (0–1) and MSIS.</summary>
internal sealed record ForecastingScore(double Smape, double Mase, double Coverage, double Msis);

/// <summary>
/// The <c>forecasting</c> suite: the M4 competition's evaluation on one frequency (Hourly by default). Each method forecasts
/// every series from its training values (in parallel, one worker per core); sMAPE, MASE, interval coverage and MSIS are the
/// means over series of the per-series values, and OWA is relative to Naive2, which always runs as the reference.
/// The forecasts are written in the M4 submission layout so that the run can be re-scored independently.
/// </summary>
internal static class ForecastingBench
{
    /// <summary>The reference method of OWA.</summary>
    public const string Reference = "naive2";

    // Every method of the library's catalog: a method added there is benchmarked without touching this command.
    private static readonly Dictionary<string, IBatchForecaster> Known =
        ForecasterCatalog.Batch.ToDictionary(f => f.Name, StringComparer.Ordinal);

    /// <summary>The M4 competition's own benchmarks: measured for reference, so the issue's targets are not set on them.</summary>
    private static readonly HashSet<string> Baselines = new(["naive", "snaive", Reference, "ses", "theta"], StringComparer.Ordinal);

    /// <summary>The method names <c>--methods</c> accepts.</summary>
    public static IEnumerable<string> KnownMethods => Known.Keys;

    /// <summary>Parses a comma list of methods; Naive2 is put first (added when absent), since OWA is relative to it.</summary>
    public static IReadOnlyList<string> Methods(string list)
    {
        var names = list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(n => n.ToLowerInvariant()).Distinct().ToList();
        if (names.FirstOrDefault(n => !Known.ContainsKey(n)) is { } unknown)
            throw new ArgumentException($"--methods: unknown method '{unknown}' (known: {string.Join(", ", Known.Keys)})");
        return [Reference, .. names.Where(n => n != Reference)];
    }

    /// <summary>The default data: the M4 Hourly pair under the shared data folder.</summary>
    public static (string Train, string Test) DefaultFiles()
    {
        var m4 = Agents.Maintenance.SharedData.Resolve("m4");
        return (Path.Combine(m4, "Hourly-train.csv"), Path.Combine(m4, "Hourly-test.csv"));
    }

    public static async Task RunAsync(ForecastingBenchOptions options, string outDirectory, CancellationToken cancellationToken)
    {
        var series = ForecastingBenchData.Read(options.Train, options.Test, options.Horizon);
        var published = ForecastingBenchData.ReadPublished(options.Train);
        var run = new BenchRun(options.Suite, $"Forecasting: M4 {Path.GetFileNameWithoutExtension(options.Train)} ({series.Count} series, horizon {options.Horizon}), accuracy, {options.Level} % intervals and time");
        run.DataPaths.Add(options.Train);
        run.DataPaths.Add(options.Test);
        if (published is { } p)
            run.DataPaths.Add(p.Path);
        run.Parameter("series", series.Count);
        run.Parameter("horizon", options.Horizon);
        run.Parameter("seasonal period", options.Season);
        run.Parameter("interval level", $"{options.Level} %");
        run.Parameter("methods", string.Join(", ", options.Methods));
        run.Parameter("workers", Environment.ProcessorCount);

        var submissions = Path.Combine(outDirectory, options.Suite);
        Directory.CreateDirectory(submissions);
        var results = await ForecastingBenchProgress.RunAsync(options.Methods, series.Count,
            (method, counter) =>
            {
                var forecasts = Forecast(method, series, options, counter, cancellationToken);
                return (Run: forecasts, Score: Score(forecasts, series, options));
            },
            r => Describe(r.Run, r.Score, series.Count),
            cancellationToken);

        var reference = results.Single(r => r.Run.Method == Reference).Score;
        foreach (var (result, score) in results)
        {
            var name = result.Method;
            var owa = Metrics.Owa(score.Smape, score.Mase, reference.Smape, reference.Mase);
            var underTest = !Baselines.Contains(name);
            run.Metric($"{name}: sMAPE", score.Smape, "%", better: "lower");
            run.Metric($"{name}: MASE", score.Mase, "", better: "lower");
            run.Metric($"{name}: OWA", owa, "", underTest ? "< 0.410" : null, "lower");
            run.Metric($"{name}: {options.Level} % interval coverage", score.Coverage * 100, "%", underTest ? "93–97 %" : null);
            run.Metric($"{name}: MSIS", score.Msis, "", better: "lower");
            run.Metric($"{name}: run time", result.Elapsed.TotalSeconds, "s", underTest ? "≤ 120 s" : null, "lower");
            if (result.Fallbacks > 0)
                run.Note($"{name} fell back on {result.Fallbacks} of {series.Count} series (first: {result.FirstNote}).");
            foreach (var (kind, rows) in new[] { ("point", result.Point), ("lower", result.Lower), ("upper", result.Upper) })
            {
                var file = kind == "point" ? $"{name}.csv" : $"{name}-{kind}-{options.Level}.csv";
                await ForecastingBenchData.WriteSubmissionAsync(Path.Combine(submissions, file), series, rows, cancellationToken);
            }
        }
        if (published is { Results.Count: > 0 } table)
        {
            var best = table.Results.MinBy(r => r.Owa)!;
            run.Metric($"published: best M4 entry ({best.Team}) OWA", best.Owa, "", better: "lower");
        }
        run.Note($"sMAPE, MASE (seasonal period {options.Season}), coverage and MSIS (α = {(100 - options.Level) / 100.0:0.###}) are means over series of the per-series values, as in the M4 competition's code; OWA = ½ (sMAPE/sMAPE_Naive2 + MASE/MASE_Naive2) from those means. Run time is the wall time to forecast every series with {Environment.ProcessorCount} workers, scoring excluded.");
        run.Note($"Forecasts in the M4 submission layout (id,F1,…,F{options.Horizon}): {submissions}/<method>.csv, with the interval bounds in <method>-lower-{options.Level}.csv and <method>-upper-{options.Level}.csv.");
        run.Details = ForecastingBenchReport.Details(results, reference, options, published?.Results);
        await run.WriteAsync(outDirectory, cancellationToken);
    }

    private static string Describe(ForecastingMethodRun result, ForecastingScore s, int count) => string.Create(CultureInfo.InvariantCulture,
            $"{result.Method}: {count} series in {result.Elapsed.TotalSeconds:F1} s, sMAPE {s.Smape:F3}, MASE {s.Mase:F3}, coverage {s.Coverage * 100:F1} %");

    /// <summary>Forecasts every series with one method (per-series methods in parallel, one worker per core; global models in one batch), validating each forecast's shape.</summary>
    private static ForecastingMethodRun Forecast(string method, IReadOnlyList<M4Series> series, ForecastingBenchOptions options, SeriesCounter counter,
        CancellationToken cancellationToken)
    {
        var forecaster = Known[method];
        var n = series.Count;
        var (point, lower, upper, notes) = (new double[n][], new double[n][], new double[n][], new string?[n]);
        int[] levels = [options.Level];
        var inputs = series.Select(s => new SeriesInput(s.Id, s.Train, options.Season)).ToArray();
        var clock = Stopwatch.StartNew();
        IReadOnlyList<Forecast> forecasts;
        try
        {
            forecasts = forecaster.ForecastAll(inputs, options.Horizon, levels, counter, cancellationToken);
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"{method}: {e.Message}", e);
        }
        var elapsed = clock.Elapsed;
        for (var i = 0; i < n; i++)
        {
            var forecast = forecasts[i];
            if (forecast.Point.Length != options.Horizon || !forecast.Intervals.TryGetValue(options.Level, out var bounds)
                || bounds.Lower.Length != options.Horizon || bounds.Upper.Length != options.Horizon)
                throw new InvalidOperationException($"{method}: series {series[i].Id}: the forecast does not hold {options.Horizon} points with {options.Level} % bounds");
            (point[i], lower[i], upper[i], notes[i]) = (forecast.Point, bounds.Lower, bounds.Upper, forecast.Note);
        }
        return new ForecastingMethodRun(method, point, lower, upper, elapsed, notes.Count(n => n is not null), notes.FirstOrDefault(n => n is not null));
    }

    /// <summary>Means over series of the per-series sMAPE, MASE, coverage and MSIS.</summary>
    private static ForecastingScore Score(ForecastingMethodRun result, IReadOnlyList<M4Series> series, ForecastingBenchOptions options)
    {
        var alpha = (100 - options.Level) / 100.0;
        double smape = 0, mase = 0, coverage = 0, msis = 0;
        for (var i = 0; i < series.Count; i++)
        {
            var s = series[i];
            smape += Metrics.Smape(s.Test, result.Point[i]);
            mase += Metrics.Mase(s.Train, s.Test, result.Point[i], options.Season);
            coverage += Metrics.Coverage(s.Test, result.Lower[i], result.Upper[i]);
            msis += Metrics.Msis(s.Train, s.Test, result.Lower[i], result.Upper[i], options.Season, alpha);
        }
        var n = series.Count;
        return new ForecastingScore(smape / n, mase / n, coverage / n, msis / n);
    }
}
