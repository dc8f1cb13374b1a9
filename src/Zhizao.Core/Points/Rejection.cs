using System.Text.Json.Serialization;

namespace Zhizao.Core.Points;

/// <summary>Why a point or payload was rejected. The names are stable: they appear in the API and in metrics.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RejectReason>))]
public enum RejectReason
{
    /// <summary>The payload could not be parsed at all.</summary>
    Malformed,
    /// <summary>The signal path is not in any imported plant.</summary>
    UnknownSignal,
    /// <summary>The value does not fit the signal's data type.</summary>
    WrongType,
    /// <summary>NaN or ±∞.</summary>
    NotFinite,
    /// <summary>The timestamp is before the configured earliest time or too far in the future.</summary>
    TimestampOutOfRange,
    /// <summary>The unit sent cannot be converted to the signal's unit.</summary>
    WrongUnit,
    /// <summary>The payload exceeds the configured size limit.</summary>
    Oversize,
}

/// <summary>A rejected point (or payload) as kept in quarantine: what arrived, from where, and why it was refused.</summary>
public sealed record RejectedPoint(
    DateTimeOffset ReceivedAt,
    string Source,
    RejectReason Reason,
    string Message,
    string? Signal = null,
    string? Timestamp = null,
    string? Value = null)
{
    /// <summary>Longest raw text kept for a field, so that a hostile payload cannot fill the quarantine.</summary>
    public const int MaxFieldLength = 256;

    /// <summary>The same rejection with every text field cut to <see cref="MaxFieldLength"/>.</summary>
    public RejectedPoint Bounded() => this with
    {
        Message = Cut(Message)!,
        Signal = Cut(Signal),
        Timestamp = Cut(Timestamp),
        Value = Cut(Value),
        Source = Cut(Source)!,
    };

    private static string? Cut(string? text) => text is { Length: > MaxFieldLength } ? text[..MaxFieldLength] + "…" : text;
}
