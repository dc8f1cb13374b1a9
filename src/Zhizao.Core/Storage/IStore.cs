namespace Zhizao.Core.Storage;

/// <summary>A storage backend: its points, its metadata, and its lifecycle.</summary>
public interface IStore : IAsyncDisposable
{
    /// <summary>Backend name ("duckdb", "postgres").</summary>
    string Backend { get; }

    /// <summary>Time-series points.</summary>
    IPointStore Points { get; }

    /// <summary>Plants, catalog, quarantine, keys, alarms.</summary>
    IMetadataStore Metadata { get; }

    /// <summary>JSON documents of the registry, identity and access capabilities.</summary>
    IDocumentStore Documents { get; }

    /// <summary>The append-only, hash-chained audit log.</summary>
    IAuditStore Audit { get; }

    /// <summary>Creates the schema if needed (idempotent) and opens connections.</summary>
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>True when the backend answers a trivial query.</summary>
    Task<bool> IsReadyAsync(CancellationToken cancellationToken);
}
