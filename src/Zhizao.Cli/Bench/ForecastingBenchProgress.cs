using Spectre.Console;

namespace Zhizao.Cli.Bench;

/// <summary>Series forecast so far by one method; incremented from the parallel loop, read by the progress display.</summary>
internal sealed class SeriesCounter
{
    private int _done;

    public int Done => Volatile.Read(ref _done);

    public void Increment() => Interlocked.Increment(ref _done);
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
