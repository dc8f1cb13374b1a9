using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Zhizao.Core.Storage;

namespace Zhizao.Access.Audit;

/// <summary>
/// The append-only, hash-chained audit log. <see cref="AppendAsync"/> returns once the entry is durable in the store, so a decision is
/// never acted on before it is recorded. Concurrent appends are group-committed: one writer chains and writes whatever is waiting in
/// one store call, which keeps the chain strictly ordered without a lock around the database round trip per caller.
/// </summary>
public sealed partial class AuditLog : IAsyncDisposable
{
    private const int MaxBatch = 512;

    private readonly IAuditStore _store;
    private readonly TimeProvider _time;
    private readonly ILogger<AuditLog> _logger;
    private readonly Channel<(AuditEvent Event, TaskCompletionSource<AuditRecord> Done)> _queue =
        Channel.CreateBounded<(AuditEvent, TaskCompletionSource<AuditRecord>)>(new BoundedChannelOptions(10_000) { SingleReader = true });
    private readonly CancellationTokenSource _stopping = new();
    private Task? _writer;
    private AuditRecord? _last;

    /// <summary>Creates the log over a store; call <see cref="StartAsync"/> before appending.</summary>
    public AuditLog(IStore store, TimeProvider time, ILogger<AuditLog> logger)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store.Audit;
        _time = time;
        _logger = logger;
    }

    /// <summary>Entries appended since start.</summary>
    public long Appended { get; private set; }

    /// <summary>Reads the chain's head and starts the writer.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _last = await _store.LastAsync(cancellationToken);
        _writer = Task.Run(() => WriteLoopAsync(_stopping.Token), CancellationToken.None);
    }

    /// <summary>Appends an event; returns the stored entry once it is durable.</summary>
    public async Task<AuditRecord> AppendAsync(AuditEvent entry, CancellationToken cancellationToken)
    {
        if (_writer is null)
            throw new InvalidOperationException("the audit log is not started");
        var done = new TaskCompletionSource<AuditRecord>(TaskCreationOptions.RunContinuationsAsynchronously);
        await _queue.Writer.WriteAsync((entry, done), cancellationToken);
        return await done.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Entries after a sequence, in order.</summary>
    public Task<IReadOnlyList<AuditRecord>> ReadAsync(long afterSequence, int limit, CancellationToken cancellationToken) =>
        _store.ReadAsync(afterSequence, limit, cancellationToken);

    /// <summary>Verifies the whole stored chain, page by page.</summary>
    public async Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken)
    {
        AuditRecord? previous = null;
        long checkedCount = 0;
        while (true)
        {
            var page = await _store.ReadAsync(previous?.Sequence ?? 0, 5_000, cancellationToken);
            if (page.Count == 0)
                return new AuditVerification(checkedCount, previous?.Sequence ?? 0, null, null);
            var result = AuditChain.Verify(page, previous);
            checkedCount += result.Checked;
            if (!result.IsIntact)
                return result with { Checked = checkedCount };
            previous = page[^1];
        }
    }

    private async Task WriteLoopAsync(CancellationToken cancellationToken)
    {
        var batch = new List<(AuditEvent Event, TaskCompletionSource<AuditRecord> Done)>();
        var records = new List<AuditRecord>();
        try
        {
            while (await _queue.Reader.WaitToReadAsync(cancellationToken))
            {
                batch.Clear();
                records.Clear();
                while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var item))
                    batch.Add(item);
                var last = _last;
                foreach (var (entry, _) in batch)
                {
                    last = AuditChain.Next(last, _time.GetUtcNow(), JsonSerializer.Serialize(entry, AuditEvent.JsonOptions));
                    records.Add(last);
                }
                try
                {
                    await _store.AppendAsync(records, cancellationToken);
                    _last = last;
                    Appended += records.Count;
                    for (var i = 0; i < batch.Count; i++)
                        batch[i].Done.TrySetResult(records[i]);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // Nothing of the batch is stored (one transaction): the callers' decisions are not acted on.
                    LogAppendFailed(_logger, e, batch.Count);
                    foreach (var (_, done) in batch)
                        done.TrySetException(new AuditUnavailableException("the audit log could not be written; the call was not run", e));
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        foreach (var (_, done) in batch)
            done.TrySetCanceled(CancellationToken.None);
        while (_queue.Reader.TryRead(out var pending))
            pending.Done.TrySetCanceled(CancellationToken.None);
    }

    /// <summary>Stops the writer after what is queued.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        if (_writer is not null)
        {
            try
            {
                await _writer.WaitAsync(TimeSpan.FromSeconds(10));
            }
            catch (TimeoutException)
            {
                await _stopping.CancelAsync();
            }
        }
        _stopping.Dispose();
    }

    [LoggerMessage(EventId = 5001, Level = LogLevel.Error, Message = "Audit append of {Count} entries failed; the calls were refused")]
    private static partial void LogAppendFailed(ILogger logger, Exception exception, int count);
}

/// <summary>The audit log cannot be written: nothing may be acted on.</summary>
public sealed class AuditUnavailableException(string message, Exception inner) : Exception(message, inner);
