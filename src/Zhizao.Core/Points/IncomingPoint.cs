namespace Zhizao.Core.Points;

/// <summary>How a value arrived on the wire, so that type checks can be precise.</summary>
public enum RawValueKind
{
    /// <summary>A JSON or text number.</summary>
    Number,
    /// <summary>true/false.</summary>
    Bool,
    /// <summary>Text that is not a number.</summary>
    Text,
    /// <summary>null or missing.</summary>
    Missing,
}

/// <summary>A value as received, before it is checked against the signal's data type.</summary>
public readonly record struct RawValue(RawValueKind Kind, double Number, string? Text)
{
    public static RawValue Of(double number) => new(RawValueKind.Number, number, null);
    public static RawValue Of(bool value) => new(RawValueKind.Bool, value ? 1 : 0, null);
    public static RawValue OfText(string text) => new(RawValueKind.Text, double.NaN, text);
    public static RawValue Missing { get; } = new(RawValueKind.Missing, double.NaN, null);

    public override string ToString() => Kind switch
    {
        RawValueKind.Number => Number.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        RawValueKind.Bool => Number != 0 ? "true" : "false",
        RawValueKind.Text => Text ?? "",
        _ => "null",
    };
}

/// <summary>
/// A point as a connector received it: the signal path text ("site/line/machine/signal"), its time,
/// its raw value and optionally the unit the sender measured it in.
/// </summary>
public readonly record struct IncomingPoint(string Signal, DateTimeOffset Timestamp, RawValue Value, string? Unit = null);
