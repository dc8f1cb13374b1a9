namespace Zhizao.Core.Storage;

/// <summary>A stored JSON document with its revision (for optimistic concurrency).</summary>
/// <param name="Collection">Collection name (e.g. <c>agent-versions</c>).</param>
/// <param name="Key">Key, unique within the collection.</param>
/// <param name="Json">The document.</param>
/// <param name="Revision">1 on insert, + 1 on every write.</param>
/// <param name="UpdatedAt">Time of the last write.</param>
public sealed record StoredDocument(string Collection, string Key, string Json, long Revision, DateTimeOffset UpdatedAt);

/// <summary>
/// Low-volume JSON documents by collection and key: the registry's agents, versions, installations and reviews, publishers and
/// their keys, approvals. Writes are atomic per document; <see cref="TryInsertAsync"/> never overwrites (immutable records) and
/// <see cref="PutAsync"/> with an expected revision fails instead of losing a concurrent write.
/// </summary>
public interface IDocumentStore
{
    /// <summary>One document; null when absent.</summary>
    Task<StoredDocument?> GetAsync(string collection, string key, CancellationToken cancellationToken);

    /// <summary>Documents of a collection whose key starts with <paramref name="keyPrefix"/> (all when null), ordered by key.</summary>
    Task<IReadOnlyList<StoredDocument>> ListAsync(string collection, string? keyPrefix, CancellationToken cancellationToken);

    /// <summary>Inserts a document; false (and nothing written) when the key exists.</summary>
    Task<bool> TryInsertAsync(string collection, string key, string json, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Writes a document: when <paramref name="expectedRevision"/> is given, only if the stored revision is that one (false otherwise,
    /// nothing written); when null, inserts or replaces.
    /// </summary>
    Task<bool> PutAsync(string collection, string key, string json, long? expectedRevision, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Deletes a document; false when absent.</summary>
    Task<bool> DeleteAsync(string collection, string key, CancellationToken cancellationToken);
}

/// <summary>One entry of the append-only audit log: its JSON and its place in the hash chain.</summary>
/// <param name="Sequence">1, 2, 3 … without gaps.</param>
/// <param name="At">When the decision was made.</param>
/// <param name="Json">The entry (principal, action, target, decision, details) as canonical JSON.</param>
/// <param name="PreviousHash">Hex SHA-256 of the previous entry (64 zeros for the first).</param>
/// <param name="Hash">Hex SHA-256 over the sequence, time, previous hash and JSON.</param>
public sealed record AuditRecord(long Sequence, DateTimeOffset At, string Json, string PreviousHash, string Hash);

/// <summary>The append-only audit log. There is no update or delete: tampering shows as a broken hash chain.</summary>
public interface IAuditStore
{
    /// <summary>Appends entries (in sequence order, continuing the stored chain) durably before returning.</summary>
    Task AppendAsync(IReadOnlyList<AuditRecord> entries, CancellationToken cancellationToken);

    /// <summary>Entries with a sequence above <paramref name="afterSequence"/>, in order, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<AuditRecord>> ReadAsync(long afterSequence, int limit, CancellationToken cancellationToken);

    /// <summary>The last entry; null when the log is empty.</summary>
    Task<AuditRecord?> LastAsync(CancellationToken cancellationToken);
}
