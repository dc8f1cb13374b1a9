namespace Zhizao.Server.Hosting;

/// <summary>What the start-up sequence produced, for readiness and for the CLI to show once.</summary>
public sealed class PlatformState
{
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The admin key created on first start (null when keys already existed). Shown once, never logged.</summary>
    public string? FirstAdminKey { get; internal set; }

    /// <summary>True once the store, catalog, keys and agents are ready.</summary>
    public bool IsStarted => _started.Task.IsCompletedSuccessfully;

    /// <summary>Completes when start-up has finished.</summary>
    public Task Started => _started.Task;

    internal void MarkStarted() => _started.TrySetResult();
}
