using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Zhizao.Core.Storage;

namespace Zhizao.Access.Audit;

/// <summary>
/// The append-only, hash-chained audit log. <see cref="AppendAsync"/> returns once the entry is durable in the store, so a decision is
/// never acted on before it is recorded. Concurrent appends are group-committed without a writer thread: the caller that finds the
/// log free chains and writes every entry waiting at that moment in one store call (its own first), and the others find theirs done
/// when their turn comes. A single caller therefore pays one store write and no thread hand-off.
/// </summary>
public sealed partial class AuditLog : IAsyncDisposable
{
    private const int MaxBatch = 512;

    private readonly IAuditStore _store;
    private readonly TimeProvider _time;
    private readonly ILogger<AuditLog> _logger;
    private readonly ConcurrentQueue<Pending> _queue = new();
    private readonly SemaphoreSlim _writer = new(1, 1);
    private bool _started;
    private AuditRecord? _last;
    private long _appended;

    /// <summary>Creates the log over a store; call <see cref="StartAsync"/> before appending.</summary>
    public AuditLog(IStore store, TimeProvider time, ILogger<AuditLog> logger)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store.Audit;
        _time = time;
        _logger = logger;
    }

    /// <summary>Entries appended since start.</summary>
    public long Appended => Interlocked.Read(ref _appended);

    /// <summary>Reads the chain's head.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _last = await _store.LastAsync(cancellationToken);
        _started = true;
    }

    /// <summary>Appends an event; returns the stored entry once it is durable.</summary>
    public async Task<AuditRecord> AppendAsync(AuditEvent entry, CancellationToken cancellationToken)
    {
        if (!_started)
            throw new InvalidOperationException("the audit log is not started");
        // Continuations run asynchronously so that the caller who writes a batch never runs the others' code on its own thread.
        var pending = new Pending(JsonSerializer.Serialize(entry, AuditEvent.JsonOptions), new TaskCompletionSource<AuditRecord>(TaskCreationOptions.RunContinuationsAsynchronously));
        _queue.Enqueue(pending);
        await _writer.WaitAsync(cancellationToken);
        try
        {
            if (!pending.Done.Task.IsCompleted)
                await WriteBatchAsync();
        }
        finally
        {
            _writer.Release();
        }
        return await pending.Done.Task;
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

    // Called with the writer held: chains whatever is queued (up to MaxBatch) and writes it in one store call.
    private async Task WriteBatchAsync()
    {
        var batch = new List<Pending>();
        while (batch.Count < MaxBatch && _queue.TryDequeue(out var next))
            batch.Add(next);
        var records = new AuditRecord[batch.Count];
        var last = _last;
        for (var i = 0; i < batch.Count; i++)
            records[i] = last = AuditChain.Next(last, _time.GetUtcNow(), batch[i].Json);
        try
        {
            // Never cancelled midway by one caller: the batch holds other callers' entries too, and each must learn its outcome.
            await _store.AppendAsync(records, CancellationToken.None);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Nothing of the batch is stored (one transaction): none of these decisions is acted on.
            LogAppendFailed(_logger, e, batch.Count);
            foreach (var failed in batch)
                failed.Done.TrySetException(new AuditUnavailableException("the audit log could not be written; the call was not run", e));
            return;
        }
        _last = last;
        Interlocked.Add(ref _appended, batch.Count);
        for (var i = 0; i < batch.Count; i++)
            batch[i].Done.TrySetResult(records[i]);
    }

    /// <summary>Nothing to flush: every append is durable before it returns.</summary>
    public ValueTask DisposeAsync()
    {
        _writer.Dispose();
        return ValueTask.CompletedTask;
    }

    private sealed record Pending(string Json, TaskCompletionSource<AuditRecord> Done);

    [LoggerMessage(EventId = 5001, Level = LogLevel.Error, Message = "Audit append of {Count} entries failed; the calls were refused")]
    private static partial void LogAppendFailed(ILogger logger, Exception exception, int count);
}

/// <summary>The audit log cannot be written: nothing may be acted on.</summary>
public sealed class AuditUnavailableException(string message, Exception inner) : Exception(message, inner);
