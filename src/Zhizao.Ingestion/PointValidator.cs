using System.Globalization;
using Zhizao.Core.Assets;
using Zhizao.Core.Points;
using Zhizao.Core.Storage;

namespace Zhizao.Ingestion;

/// <summary>Checks one incoming point against its signal's definition and converts it to a stored point.</summary>
public static class PointValidator
{
    /// <summary>
    /// Validates <paramref name="point"/>. On success <paramref name="result"/> holds the stored point;
    /// otherwise <paramref name="reason"/> and <paramref name="message"/> say why, in words a plant engineer understands.
    /// </summary>
    public static bool TryValidate(
        in IncomingPoint point, SignalCatalog catalog, long earliestMicros, long latestMicros,
        out DataPoint result, out RejectReason reason, out string? message)
    {
        result = default;
        if (!catalog.TryGet(point.Signal, out var signal))
            return Reject(out reason, out message, RejectReason.UnknownSignal, $"unknown signal '{point.Signal}': it is not in any imported plant");

        var micros = Timestamps.ToMicros(point.Timestamp);
        if (micros < earliestMicros || micros > latestMicros)
            return Reject(out reason, out message, RejectReason.TimestampOutOfRange,
                $"timestamp {point.Timestamp.UtcDateTime:O} is outside the accepted range [{Timestamps.FromMicros(earliestMicros).UtcDateTime:O}, {Timestamps.FromMicros(latestMicros).UtcDateTime:O}]");

        if (!TryConvertValue(point.Value, signal, out var value, out reason, out message))
            return false;

        if (point.Unit is { Length: > 0 } unit && !string.Equals(unit, signal.Definition.Unit, StringComparison.Ordinal))
        {
            if (signal.Definition.DataType != SignalDataType.Float || !Units.TryGetConversion(unit, signal.Definition.Unit, out var convert))
                return Reject(out reason, out message, RejectReason.WrongUnit, $"unit '{unit}' cannot be converted to the signal's unit '{signal.Definition.Unit}'");
            value = convert(value);
        }

        result = new DataPoint(signal.Id, micros, value);
        reason = default;
        message = null;
        return true;
    }

    private static bool TryConvertValue(RawValue raw, SignalRecord signal, out double value, out RejectReason reason, out string? message)
    {
        value = raw.Number;
        var type = signal.Definition.DataType;
        switch (raw.Kind)
        {
            case RawValueKind.Missing:
                return Reject(out reason, out message, RejectReason.WrongType, "value is missing");
            case RawValueKind.Text:
                return Reject(out reason, out message, RejectReason.WrongType, $"value '{raw.Text}' is not {Describe(type)}");
            case RawValueKind.Bool when type != SignalDataType.Bool:
                return Reject(out reason, out message, RejectReason.WrongType, $"value {raw} is a bool but the signal is {Describe(type)}");
        }
        if (!double.IsFinite(value))
            return Reject(out reason, out message, RejectReason.NotFinite, $"value {value.ToString(CultureInfo.InvariantCulture)} is not finite");
        if (type == SignalDataType.Int && (Math.Floor(value) != value || Math.Abs(value) > 9_007_199_254_740_992))
            return Reject(out reason, out message, RejectReason.WrongType, $"value {value.ToString(CultureInfo.InvariantCulture)} is not an integer");
        if (type == SignalDataType.Bool && value is not (0 or 1))
            return Reject(out reason, out message, RejectReason.WrongType, $"value {value.ToString(CultureInfo.InvariantCulture)} is not a bool (true/false/0/1)");
        reason = default;
        message = null;
        return true;
    }

    private static string Describe(SignalDataType type) => type switch
    {
        SignalDataType.Int => "an integer",
        SignalDataType.Bool => "a bool",
        _ => "a number",
    };

    private static bool Reject(out RejectReason reason, out string? message, RejectReason why, string text)
    {
        reason = why;
        message = text;
        return false;
    }
}
