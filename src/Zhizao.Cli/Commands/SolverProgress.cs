using System.Diagnostics;
using System.Globalization;
using Spectre.Console;
using Zhizao.Scheduling.Solving;

namespace Zhizao.Cli.Commands;

/// <summary>
/// Shows a running solve on stderr: on a terminal a progress bar over the time limit whose label is the best objective,
/// the bound and the gap; otherwise (redirected, CI) one line per improving solution.
/// </summary>
internal static class SolverProgress
{
    public static async Task<T> RunAsync<T>(TimeSpan timeLimit, Func<IProgress<SchedulingProgress>, Task<T>> solve)
    {
        if (!CliOutput.Error.Profile.Capabilities.Interactive || Console.IsErrorRedirected)
            return await solve(new LineProgress());

        var latest = new LatestProgress();
        var clock = Stopwatch.StartNew();
        T result = default!;
        await CliOutput.Error.Progress().AutoClear(false)
            .Columns(new ProgressBarColumn(), new PercentageColumn(), new TaskDescriptionColumn { Alignment = Justify.Left })
            .StartAsync(async context =>
            {
                var task = context.AddTask("searching…", maxValue: timeLimit.TotalSeconds);
                var running = solve(latest);
                while (!running.IsCompleted)
                {
                    await Task.WhenAny(running, Task.Delay(200));
                    task.Value = Math.Min(task.MaxValue, clock.Elapsed.TotalSeconds);
                    task.Description = Markup.Escape(latest.Text);
                }
                task.Value = task.MaxValue;
                task.Description = Markup.Escape(latest.Text);
                result = await running;
            });
        return result;
    }

    private static string Describe(SchedulingProgress p)
    {
        var gap = p.Objective > 0 ? (p.Objective - p.Bound) / Math.Abs(p.Objective) : 0;
        return string.Create(CultureInfo.InvariantCulture, $"best {p.Objective:0.##}, bound {p.Bound:0.##}, gap {gap:P1}, {p.Solutions} solution(s), {p.Elapsed.TotalSeconds:F1} s");
    }

    /// <summary>One stderr line per improving solution (called on the solver's thread).</summary>
    private sealed class LineProgress : IProgress<SchedulingProgress>
    {
        public void Report(SchedulingProgress value) => Console.Error.WriteLine("progress: " + Describe(value));
    }

    /// <summary>Keeps the latest report for the bar to draw.</summary>
    private sealed class LatestProgress : IProgress<SchedulingProgress>
    {
        private volatile string _text = "searching for a first schedule…";

        public string Text => _text;

        public void Report(SchedulingProgress value) => _text = Describe(value);
    }
}
