using System.Collections.Concurrent;
using Zhizao.Core.Storage;

namespace Zhizao.Tests.Shared;

/// <summary>
/// A test double of <see cref="IDocumentStore"/> for unit tests of one class (the real stores are tested with
/// DocumentStoreContract against DuckDB and PostgreSQL). Same semantics: insert never overwrites, revisions guard writes.
/// </summary>
internal sealed class MemoryDocumentStore : IDocumentStore
{
    private readonly ConcurrentDictionary<(string, string), StoredDocument> _documents = new();
    private readonly Lock _gate = new();

    public Task<StoredDocument?> GetAsync(string collection, string key, CancellationToken cancellationToken) =>
        Task.FromResult(_documents.TryGetValue((collection, key), out var d) ? d : null);

    public Task<IReadOnlyList<StoredDocument>> ListAsync(string collection, string? keyPrefix, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<StoredDocument>>([.. _documents.Values
            .Where(d => d.Collection == collection && (keyPrefix is null || d.Key.StartsWith(keyPrefix, StringComparison.Ordinal)))
            .OrderBy(d => d.Key, StringComparer.Ordinal)]);

    public Task<bool> TryInsertAsync(string collection, string key, string json, DateTimeOffset now, CancellationToken cancellationToken) =>
        Task.FromResult(_documents.TryAdd((collection, key), new StoredDocument(collection, key, json, 1, now)));

    public Task<bool> PutAsync(string collection, string key, string json, long? expectedRevision, DateTimeOffset now, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var exists = _documents.TryGetValue((collection, key), out var current);
            if (expectedRevision is { } expected && (!exists || current!.Revision != expected))
                return Task.FromResult(false);
            _documents[(collection, key)] = new StoredDocument(collection, key, json, (current?.Revision ?? 0) + 1, now);
            return Task.FromResult(true);
        }
    }

    public Task<bool> DeleteAsync(string collection, string key, CancellationToken cancellationToken) =>
        Task.FromResult(_documents.TryRemove((collection, key), out _));
}
