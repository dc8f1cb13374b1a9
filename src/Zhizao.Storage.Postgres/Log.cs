using Microsoft.Extensions.Logging;

namespace Zhizao.Storage.Postgres;

/// <summary>Log messages of the PostgreSQL store. Event ids are stable: 2100–2199 belong to this project.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 2100, Level = LogLevel.Information, Message = "PostgreSQL store ready on {Host}:{Port}/{Database} (schema version {SchemaVersion})")]
    public static partial void StoreReady(ILogger logger, string? host, int port, string? database, int schemaVersion);

    [LoggerMessage(EventId = 2201, Level = LogLevel.Warning, Message = "PostgreSQL readiness check failed")]
    public static partial void ReadinessCheckFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Debug, Message = "Wrote {Inserted} points ({Duplicates} duplicates) in {ElapsedMilliseconds:F1} ms")]
    public static partial void PointsWritten(ILogger logger, int inserted, int duplicates, double elapsedMilliseconds);

    [LoggerMessage(EventId = 2103, Level = LogLevel.Information, Message = "Saved plant {PlantId} revision {Revision}: {Signals} signals, {NewSignals} new")]
    public static partial void PlantSaved(ILogger logger, string plantId, int revision, int signals, int newSignals);

    [LoggerMessage(EventId = 2104, Level = LogLevel.Warning, Message = "Plant {PlantId} not saved: site {SiteId} belongs to plant {OwnerId}")]
    public static partial void PlantSiteConflict(ILogger logger, string plantId, string siteId, string ownerId);

    [LoggerMessage(EventId = 2105, Level = LogLevel.Debug, Message = "Quarantined {Count} points")]
    public static partial void Quarantined(ILogger logger, int count);
}
