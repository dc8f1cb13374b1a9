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
    DateTimeOffset? AcknowledgedAt)
{
    /// <summary>The asset the alarm is about (machine path, e.g. <c>site/line/machine</c>), when it is not a single signal's alarm.</summary>
    public string? Asset { get; init; }

    /// <summary>The message in Chinese; <see cref="Message"/> is English.</summary>
    public string? MessageZh { get; init; }

    /// <summary>How many times the condition was raised while this alarm was active (deduplication keeps one alarm).</summary>
    public int Occurrences { get; init; } = 1;

    /// <summary>When the condition was last raised again while active.</summary>
    public DateTimeOffset? LastRaisedAt { get; init; }

    /// <summary>Shelved (suppressed from annunciation by an operator) until this time; null when not shelved.</summary>
    public DateTimeOffset? ShelvedUntil { get; init; }

    /// <summary>Structured details as JSON (e.g. an anomaly explanation), or null.</summary>
    public string? Details { get; init; }
}

/// <summary>Work-order states.</summary>
public static class WorkOrderStatus
{
    /// <summary>Created, not yet planned.</summary>
    public const string Open = "open";
    /// <summary>Planned into the schedule.</summary>
    public const string Scheduled = "scheduled";
    /// <summary>Being worked on.</summary>
    public const string InProgress = "in-progress";
    /// <summary>Finished.</summary>
    public const string Done = "done";
    /// <summary>Dropped.</summary>
    public const string Cancelled = "cancelled";

    /// <summary>Every state.</summary>
    public static readonly IReadOnlyList<string> All = [Open, Scheduled, InProgress, Done, Cancelled];

    /// <summary>States in which the suggested window still blocks the machine.</summary>
    public static bool IsActive(string status) => status is Open or Scheduled or InProgress;
}

/// <summary>
/// A maintenance work order: what to do on which machine, and the window in which the machine should be taken out of production
/// (the scheduling agent treats active windows as blocked intervals).
/// </summary>
public sealed record WorkOrderRecord(
    long Id,
    string Source,
    string Asset,
    string Priority,
    string Status,
    string Title,
    string TitleZh,
    string Description,
    string DescriptionZh,
    DateTimeOffset WindowStart,
    DateTimeOffset WindowEnd,
    long? AlarmId,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

/// <summary>Filter for listing work orders, newest first.</summary>
public sealed record WorkOrderQuery(string? Status = null, string? Asset = null, bool ActiveOnly = false, int Limit = 100);

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

    /// <summary>Records that an active alarm's condition was raised again (deduplication): counts it and keeps the latest value.</summary>
    Task<bool> RepeatAlarmAsync(long id, DateTimeOffset at, double value, CancellationToken cancellationToken);

    /// <summary>
    /// Revises an active alarm's classification as its explanation improves (e.g. a spike that turns out to be a frozen sensor):
    /// signal, priority, condition, messages and details; false when no such active alarm.
    /// </summary>
    Task<bool> ReviseAlarmAsync(AlarmRecord revised, CancellationToken cancellationToken);

    /// <summary>Shelves an alarm until a time, or unshelves it when <paramref name="until"/> is null; false when no such alarm.</summary>
    Task<bool> ShelveAlarmAsync(long id, DateTimeOffset? until, CancellationToken cancellationToken);

    /// <summary>Stores a new work order and returns it with its id.</summary>
    Task<WorkOrderRecord> CreateWorkOrderAsync(WorkOrderRecord order, CancellationToken cancellationToken);

    /// <summary>Work orders, newest first.</summary>
    Task<IReadOnlyList<WorkOrderRecord>> ListWorkOrdersAsync(WorkOrderQuery query, CancellationToken cancellationToken);

    /// <summary>Changes a work order's status and, optionally, its window; null when no such order.</summary>
    Task<WorkOrderRecord?> UpdateWorkOrderAsync(long id, string status, DateTimeOffset? windowStart, DateTimeOffset? windowEnd, DateTimeOffset now, CancellationToken cancellationToken);
}

/// <summary>Raised when a plant cannot be saved because it conflicts with stored state (e.g. a site owned by another plant).</summary>
public sealed class PlantConflictException(string message) : Exception(message);
