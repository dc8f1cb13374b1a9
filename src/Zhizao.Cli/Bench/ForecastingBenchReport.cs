using System.Globalization;
using System.Text;
using Zhizao.Forecasting.Evaluation;

namespace Zhizao.Cli.Bench;

/// <summary>The Markdown details of the <c>forecasting</c> suite: the measured table beside the published M4 results.</summary>
internal static class ForecastingBenchReport
{
    /// <summary>Best published entries shown beside the measured methods.</summary>
    private const int BestPublished = 5;

    public static string Details(IReadOnlyList<(ForecastingMethodRun Run, ForecastingScore Score)> results, ForecastingScore reference,
        ForecastingBenchOptions options, IReadOnlyList<PublishedResult>? published)
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine(inv, $"| Method | sMAPE | MASE | OWA | {options.Level} % coverage | MSIS | Time (s) |").AppendLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var (run, s) in results)
        {
            var owa = Metrics.Owa(s.Smape, s.Mase, reference.Smape, reference.Mase);
            sb.AppendLine(inv, $"| {run.Method} (measured) | {s.Smape:F3} | {s.Mase:F3} | {owa:F3} | {s.Coverage * 100:F1} % | {s.Msis:F3} | {run.Elapsed.TotalSeconds:F2} |");
        }
        if (published is not { Count: > 0 })
            return sb.ToString();

        // The best entries, then the competition's own benchmarks for the methods measured here (Naive2, SES, Theta, …).
        var best = published.OrderBy(r => r.Owa).Take(BestPublished).ToList();
        var benchmarks = published.Where(r => results.Any(m => string.Equals(m.Run.Method, r.MethodId, StringComparison.OrdinalIgnoreCase)));
        foreach (var r in best.Concat(benchmarks.Except(best)))
            sb.AppendLine(inv, $"| {r.Team} ({r.MethodId}, published) | {r.Smape:F3} | {r.Mase:F3} | {r.Owa:F3} | | | |");
        sb.AppendLine().AppendLine("Published rows are the M4 competition's own figures for this frequency; MSIS and coverage are not in that table.");
        return sb.ToString();
    }
}
