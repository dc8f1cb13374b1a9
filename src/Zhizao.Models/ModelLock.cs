using System.Collections.Concurrent;

namespace Zhizao.Models;

/// <summary>
/// Serialises mutations of one model: an in-process gate per model folder, then an exclusive lock on its <c>.lock</c>
/// file (an advisory <c>flock</c> on Linux, honoured by other registry processes). The gate keeps threads of one process
/// from polling the file lock; only another process can make <see cref="AcquireAsync"/> wait on the file.
/// </summary>
internal sealed class ModelLock : IAsyncDisposable
{
    private const string LockFileName = ".lock";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Gates = new(StringComparer.Ordinal);

    private readonly SemaphoreSlim _gate;
    private readonly FileStream _file;

    private ModelLock(SemaphoreSlim gate, FileStream file)
    {
        _gate = gate;
        _file = file;
    }

    public static async Task<ModelLock> AcquireAsync(string modelDir, CancellationToken cancellationToken)
    {
        var gate = Gates.GetOrAdd(modelDir, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var path = Path.Combine(modelDir, LockFileName);
            var delay = TimeSpan.FromMilliseconds(5);
            var waited = TimeSpan.Zero;
            while (true)
            {
                try
                {
                    return new ModelLock(gate, new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
                }
                catch (IOException) when (waited < Timeout)
                {
                    // Held by another process: poll with back-off. This is lock polling, not domain time.
                    await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
                    waited += delay;
                    delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromMilliseconds(200).Ticks));
                }
            }
        }
        catch
        {
            gate.Release();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _file.DisposeAsync().ConfigureAwait(false);
        _gate.Release();
    }
}
