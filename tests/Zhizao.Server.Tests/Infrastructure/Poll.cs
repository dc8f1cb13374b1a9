using System.Diagnostics;

namespace Zhizao.Server.Tests.Infrastructure;

/// <summary>Waits for a condition on the running server by asking it again until it holds or time runs out.</summary>
internal static class Poll
{
    /// <summary>Calls <paramref name="probe"/> until <paramref name="done"/> holds for its answer; returns that answer.</summary>
    public static async Task<T> UntilAsync<T>(Func<Task<T>> probe, Func<T, bool> done, string what, double seconds = 20, Func<string>? context = null)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var value = await probe();
            if (done(value))
                return value;
            if (clock.Elapsed.TotalSeconds > seconds)
                throw new TimeoutException($"Timed out after {seconds} s waiting for {what}; last answer: {value}{(context is null ? "" : Environment.NewLine + context())}");
            await Task.Delay(50);
        }
    }
}
