using Spectre.Console;
using Zhizao.Agents.Supply.Agent;

namespace Zhizao.Cli.Commands;

/// <summary>
/// Shows a running supply skill on stderr: on a terminal a progress bar labelled with the stage; otherwise (redirected,
/// CI) one line each time a stage starts and when the work is done; nothing with --quiet.
/// </summary>
internal static class ForecastCommandProgress
{
    private static readonly TimeSpan Refresh = TimeSpan.FromMilliseconds(200);

    public static async Task<T> RunAsync<T>(bool quiet, Func<IProgress<SupplyProgress>?, Task<T>> run)
    {
        if (quiet)
            return await run(null);
        if (!CliOutput.Error.Profile.Capabilities.Interactive || Console.IsErrorRedirected)
            return await run(new LineProgress());

        var latest = new LatestProgress();
        T result = default!;
        await CliOutput.Error.Progress().AutoClear(true)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask("starting…", maxValue: 1);
                var running = run(latest);
                while (!running.IsCompleted)
                {
                    await Task.WhenAny(running, Task.Delay(Refresh));
                    if (latest.Value is { Total: > 0 } p)
                    {
                        task.MaxValue = p.Total;
                        task.Value = Math.Min(p.Done, p.Total);
                        task.Description = Markup.Escape(p.Stage);
                    }
                }
                task.Value = task.MaxValue;
                result = await running;
            });
        return result;
    }

    /// <summary>One stderr line per stage and one at the end (reports come from worker threads).</summary>
    private sealed class LineProgress : IProgress<SupplyProgress>
    {
        private readonly Lock _gate = new();
        private string? _stage;
        private bool _done;

        public void Report(SupplyProgress value)
        {
            lock (_gate)
            {
                if (_done || (value.Stage == _stage && value.Done < value.Total))
                    return;
                _stage = value.Stage;
                _done = value.Done >= value.Total;
                Console.Error.WriteLine(_done ? $"progress: done ({value.Total}/{value.Total})" : $"progress: {value.Stage} ({value.Done}/{value.Total})");
            }
        }
    }

    /// <summary>Keeps the latest report for the bar to draw.</summary>
    private sealed class LatestProgress : IProgress<SupplyProgress>
    {
        private volatile SupplyProgress? _value;

        public SupplyProgress? Value => _value;

        public void Report(SupplyProgress value) => _value = value;
    }
}
