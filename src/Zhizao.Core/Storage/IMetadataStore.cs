using Zhizao.Core.Assets;
using Zhizao.Core.Points;

namespace Zhizao.Core.Storage;

/// <summary>A signal as the catalog knows it: stable numeric id, path and definition.</summary>
public sealed record SignalRecord(int Id, string PlantId, SignalPath Path, Signal Definition);

/// <summary>A stored plant with its revision and import time.</summary>
public sealed record PlantRecord(PlantModel Plant, DateTimeOffset UpdatedAt);

/// <summary>Filter for listing quarantined points, newest first.</summary>
public sealed record QuarantineQuery(int Limit = 100, RejectReason? Reason = null, string? Source = null, long? BeforeId = null);

/// <summary>A quarantined point with its id.</summary>
public sealed record QuarantineEntry(long Id, RejectedPoint Point);

/// <summary>A stored API key: only the hash of the secret is kept.</summary>
public sealed record ApiKeyRecord(string Id, string Name, string Role, byte[] SecretHash, byte[] Salt, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt);

/// <summary>An alarm raised by an agent.</summary>
public sealed record AlarmRecord(
    long Id,
    string Source,
    int SignalId,
    string Signal,
    string Priority,
    string Condition,
    string Message,
    double Value,
    double Limit,
    DateTimeOffset RaisedAt,
    DateTimeOffset? ClearedAt,
    DateTimeOffset? AcknowledgedAt);

/// <summary>
/// Low-volume platform state kept beside the points: plants and the signal catalog, quarantine,
/// API keys and alarms. Implemented on the same backends as <see cref="IPointStore"/>.
/// </summary>
public interface IMetadataStore
{
    /// <summary>All plants.</summary>
    Task<IReadOnlyList<PlantRecord>> ListPlantsAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Stores a plant atomically (insert, or replace with revision + 1) and returns the whole signal catalog.
    /// Signals keep their ids across revisions; signals removed from the plant keep their stored data.
    /// Site ids must not clash with another plant's sites.
    /// </summary>
    Task<PlantRecord> SavePlantAsync(PlantModel plant, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Every signal of every plant.</summary>
    Task<IReadOnlyList<SignalRecord>> ListSignalsAsync(CancellationToken cancellationToken);

    /// <summary>Adds rejected points to the quarantine.</summary>
    Task AddQuarantineAsync(IReadOnlyList<RejectedPoint> points, CancellationToken cancellationToken);

    /// <summary>Quarantined points, newest first.</summary>
    Task<IReadOnlyList<QuarantineEntry>> ListQuarantineAsync(QuarantineQuery query, CancellationToken cancellationToken);

    /// <summary>Number of quarantined points per reason.</summary>
    Task<IReadOnlyDictionary<RejectReason, long>> CountQuarantineAsync(CancellationToken cancellationToken);

    /// <summary>All API keys, revoked ones included.</summary>
    Task<IReadOnlyList<ApiKeyRecord>> ListApiKeysAsync(CancellationToken cancellationToken);

    /// <summary>Adds an API key.</summary>
    Task AddApiKeyAsync(ApiKeyRecord key, CancellationToken cancellationToken);

    /// <summary>Marks an API key revoked; false when no such key.</summary>
    Task<bool> RevokeApiKeyAsync(string id, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Stores a new alarm and returns it with its id.</summary>
    Task<AlarmRecord> RaiseAlarmAsync(AlarmRecord alarm, CancellationToken cancellationToken);

    /// <summary>Marks an active alarm cleared.</summary>
    Task ClearAlarmAsync(long id, DateTimeOffset clearedAt, CancellationToken cancellationToken);

    /// <summary>Acknowledges an alarm; false when no such alarm.</summary>
    Task<bool> AcknowledgeAlarmAsync(long id, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Alarms, newest first; only active ones when <paramref name="activeOnly"/>.</summary>
    Task<IReadOnlyList<AlarmRecord>> ListAlarmsAsync(bool activeOnly, int limit, CancellationToken cancellationToken);
}

/// <summary>Raised when a plant cannot be saved because it conflicts with stored state (e.g. a site owned by another plant).</summary>
public sealed class PlantConflictException(string message) : Exception(message);
