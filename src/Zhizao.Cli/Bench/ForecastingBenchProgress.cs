using Spectre.Console;

namespace Zhizao.Cli.Bench;

/// <summary>Series forecast so far by one method; reported from the forecasting threads, read by the progress display.</summary>
internal sealed class SeriesCounter : IProgress<int>
{
    private int _done;

    public int Done => Volatile.Read(ref _done);

    /// <summary>Records that <paramref name="value"/> series are done (counts only grow).</summary>
    public void Report(int value)
    {
        int current;
        do
        {
            current = Volatile.Read(ref _done);
            if (value <= current)
                return;
        }
        while (Interlocked.CompareExchange(ref _done, value, current) != current);
    }
}

/// <summary>
/// Runs the methods one after another, showing them on stderr: on a terminal a progress bar per method over the series,
/// labelled with its result once done; otherwise (redirected, CI) one line per finished method.
/// </summary>
internal static class ForecastingBenchProgress
{
    private static readonly TimeSpan Refresh = TimeSpan.FromMilliseconds(200);

    /// <summary>Runs <paramref name="run"/> for each method on the thread pool (it blocks while the series are forecast in parallel).</summary>
    public static async Task<IReadOnlyList<T>> RunAsync<T>(IReadOnlyList<string> methods, int seriesCount, Func<string, SeriesCounter, T> run,
        Func<T, string> describe, CancellationToken cancellationToken)
    {
        var results = new List<T>(methods.Count);
        if (!CliOutput.Error.Profile.Capabilities.Interactive || Console.IsErrorRedirected)
        {
            foreach (var method in methods)
            {
                var result = await Task.Run(() => run(method, new SeriesCounter()), cancellationToken);
                BenchRun.Progress(describe(result));
                results.Add(result);
            }
            return results;
        }

        await CliOutput.Error.Progress().AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async context =>
            {
                foreach (var method in methods)
                {
                    var task = context.AddTask(Markup.Escape(method), maxValue: seriesCount);
                    var counter = new SeriesCounter();
                    var running = Task.Run(() => run(method, counter), cancellationToken);
                    while (!running.IsCompleted)
                    {
                        await Task.WhenAny(running, Task.Delay(Refresh, cancellationToken));
                        task.Value = counter.Done;
                    }
                    var result = await running;
                    task.Value = seriesCount;
                    task.Description = Markup.Escape(describe(result));
                    task.StopTask();
                    results.Add(result);
                }
            });
        return results;
    }
}
