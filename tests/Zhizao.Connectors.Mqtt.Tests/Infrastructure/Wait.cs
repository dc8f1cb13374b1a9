namespace Zhizao.Connectors.Mqtt.Tests.Infrastructure;

internal static class Wait
{
    /// <summary>Waits until <paramref name="condition"/> holds, failing after <paramref name="seconds"/>.</summary>
    public static async Task UntilAsync(Func<bool> condition, string what, double seconds = 15)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Timed out after {seconds} s waiting for {what}.");
            await Task.Delay(10);
        }
    }
}
