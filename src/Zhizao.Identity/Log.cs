using Microsoft.Extensions.Logging;

namespace Zhizao.Identity;

/// <summary>Log messages of the identity services. Event ids are stable: 7100–7199 belong to this project.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 7101, Level = LogLevel.Information, Message = "Generated the platform signing key {Kid} at {Path}")]
    public static partial void PlatformKeyGenerated(ILogger logger, string kid, string path);

    [LoggerMessage(EventId = 7102, Level = LogLevel.Information, Message = "Loaded the platform signing key {Kid} from {Path}")]
    public static partial void PlatformKeyLoaded(ILogger logger, string kid, string path);

    [LoggerMessage(EventId = 7103, Level = LogLevel.Warning, Message = "The platform key file {Path} was readable by others; its mode is now 0600")]
    public static partial void PlatformKeyModeFixed(ILogger logger, string path);

    [LoggerMessage(EventId = 7110, Level = LogLevel.Information, Message = "Publisher {Namespace} registered ({Level})")]
    public static partial void PublisherRegistered(ILogger logger, string @namespace, string level);

    [LoggerMessage(EventId = 7111, Level = LogLevel.Information, Message = "Publisher {Namespace}: key {Kid} added")]
    public static partial void KeyAdded(ILogger logger, string @namespace, string kid);

    [LoggerMessage(EventId = 7112, Level = LogLevel.Information, Message = "Publisher {Namespace}: key {Kid} retired")]
    public static partial void KeyRetired(ILogger logger, string @namespace, string kid);

    [LoggerMessage(EventId = 7113, Level = LogLevel.Warning, Message = "Publisher {Namespace}: key {Kid} revoked ({Reason})")]
    public static partial void KeyRevoked(ILogger logger, string @namespace, string kid, string reason);

    [LoggerMessage(EventId = 7114, Level = LogLevel.Information, Message = "Publisher {Namespace} is now {Level}")]
    public static partial void LevelChanged(ILogger logger, string @namespace, string level);

    [LoggerMessage(EventId = 7115, Level = LogLevel.Information, Message = "Publisher {Namespace}: domain {Domain} not verified by {Method}: {Reason}")]
    public static partial void DomainProofFailed(ILogger logger, string @namespace, string domain, string method, string reason);

    [LoggerMessage(EventId = 7116, Level = LogLevel.Information, Message = "Trust roots loaded: {Publishers} publishers")]
    public static partial void TrustRootsLoaded(ILogger logger, int publishers);

    [LoggerMessage(EventId = 7120, Level = LogLevel.Information, Message = "OAuth client {ClientId} created ({Kind}, workspace {Workspace})")]
    public static partial void ClientCreated(ILogger logger, string clientId, string kind, string workspace);

    [LoggerMessage(EventId = 7121, Level = LogLevel.Warning, Message = "OAuth client {ClientId} revoked")]
    public static partial void ClientRevoked(ILogger logger, string clientId);

    [LoggerMessage(EventId = 7122, Level = LogLevel.Debug, Message = "Issued an access token to {ClientId} for {Lifetime}")]
    public static partial void TokenIssued(ILogger logger, string clientId, TimeSpan lifetime);

    [LoggerMessage(EventId = 7123, Level = LogLevel.Warning, Message = "Token request refused for client {ClientId}: {Error} ({Reason})")]
    public static partial void TokenRequestRefused(ILogger logger, string? clientId, string error, string reason);
}
