using Zhizao.Core.Assets;
using Zhizao.Core.Points;
using Zhizao.Core.Storage;

namespace Zhizao.Ingestion.Tests;

public sealed class PointValidatorTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 8, 0, 0, TimeSpan.Zero);
    private static readonly long Earliest = Timestamps.ToMicros(new DateTimeOffset(1990, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private static readonly long Latest = Timestamps.ToMicros(Now.AddHours(1));

    private static readonly SignalCatalog Catalog = new(
    [
        Record(1, "temp", "°C", SignalDataType.Float),
        Record(2, "count", "1", SignalDataType.Int),
        Record(3, "run", "1", SignalDataType.Bool),
        Record(4, "power", "kW", SignalDataType.Float),
    ]);

    private static SignalRecord Record(int id, string name, string unit, SignalDataType type) =>
        new(id, "p", new SignalPath("s", "l", "m", name), new Signal(name, unit, type, 1, null, new LocalizedText(name, "")));

    private static (bool Ok, DataPoint Point, RejectReason Reason, string? Message) Validate(string signal, RawValue value, string? unit = null, DateTimeOffset? at = null)
    {
        var ok = PointValidator.TryValidate(new IncomingPoint($"s/l/m/{signal}", at ?? Now, value, unit), Catalog, Earliest, Latest, out var point, out var reason, out var message);
        return (ok, point, reason, message);
    }

    [Fact]
    public void Accepts_a_float_and_stores_it_with_the_signal_id_and_microseconds()
    {
        var (ok, point, _, message) = Validate("temp", RawValue.Of(21.5));

        Assert.True(ok);
        Assert.Null(message);
        Assert.Equal(new DataPoint(1, Timestamps.ToMicros(Now), 21.5), point);
    }

    [Fact]
    public void Accepts_integers_and_bools_as_exact_doubles()
    {
        Assert.Equal(-42, Validate("count", RawValue.Of(-42)).Point.Value);
        Assert.Equal(1, Validate("run", RawValue.Of(true)).Point.Value);
        Assert.Equal(0, Validate("run", RawValue.Of(false)).Point.Value);
        Assert.Equal(1, Validate("run", RawValue.Of(1)).Point.Value);
        Assert.Equal(7, Validate("temp", RawValue.Of(7)).Point.Value);
    }

    [Fact]
    public void Rejects_an_unknown_signal()
    {
        var result = PointValidator.TryValidate(new IncomingPoint("s/l/m/nope", Now, RawValue.Of(1)), Catalog, Earliest, Latest, out _, out var reason, out var message);

        Assert.False(result);
        Assert.Equal(RejectReason.UnknownSignal, reason);
        Assert.Contains("s/l/m/nope", message, StringComparison.Ordinal);
    }

    public static TheoryData<string, RawValue> WrongTypes => new()
    {
        { "temp", RawValue.OfText("hot") },
        { "temp", RawValue.Of(true) },
        { "temp", RawValue.Missing },
        { "count", RawValue.Of(true) },
        { "count", RawValue.Of(1.5) },
        { "count", RawValue.Of(1e17) },
        { "count", RawValue.OfText("12") },
        { "run", RawValue.Of(2) },
        { "run", RawValue.Of(0.5) },
        { "run", RawValue.OfText("true") },
    };

    [Theory]
    [MemberData(nameof(WrongTypes))]
    public void Rejects_a_value_of_the_wrong_type(string signal, RawValue value)
    {
        var (ok, _, reason, message) = Validate(signal, value);

        Assert.False(ok);
        Assert.Equal(RejectReason.WrongType, reason);
        Assert.False(string.IsNullOrEmpty(message));
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void Rejects_values_that_are_not_finite(double value)
    {
        Assert.Equal(RejectReason.NotFinite, Validate("temp", RawValue.Of(value)).Reason);
        Assert.Equal(RejectReason.NotFinite, Validate("count", RawValue.Of(value)).Reason);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(1)]
    public void Rejects_timestamps_just_outside_the_accepted_range(int side)
    {
        var at = side < 0 ? Timestamps.FromMicros(Earliest - 1) : Timestamps.FromMicros(Latest + 1);

        var (ok, _, reason, message) = Validate("temp", RawValue.Of(1), at: at);

        Assert.False(ok);
        Assert.Equal(RejectReason.TimestampOutOfRange, reason);
        Assert.Contains("outside the accepted range", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Accepts_timestamps_on_the_range_bounds()
    {
        Assert.True(Validate("temp", RawValue.Of(1), at: Timestamps.FromMicros(Earliest)).Ok);
        Assert.True(Validate("temp", RawValue.Of(1), at: Timestamps.FromMicros(Latest)).Ok);
    }

    [Theory]
    [InlineData("temp", "°F", 212, 100)]
    [InlineData("temp", "K", 273.15, 0)]
    [InlineData("power", "W", 2500, 2.5)]
    [InlineData("temp", "°C", 30, 30)]
    [InlineData("temp", "", 30, 30)]
    public void Converts_a_value_sent_in_another_unit_of_the_same_dimension(string signal, string unit, double sent, double stored)
    {
        var (ok, point, _, _) = Validate(signal, RawValue.Of(sent), unit);

        Assert.True(ok);
        Assert.Equal(stored, point.Value, 9);
    }

    [Theory]
    [InlineData("temp", "kPa")]
    [InlineData("temp", "furlongs")]
    [InlineData("count", "kW")]
    [InlineData("run", "%")]
    public void Rejects_a_unit_that_cannot_be_converted(string signal, string unit)
    {
        var (ok, _, reason, message) = Validate(signal, RawValue.Of(1), unit);

        Assert.False(ok);
        Assert.Equal(RejectReason.WrongUnit, reason);
        Assert.Contains($"'{unit}'", message, StringComparison.Ordinal);
    }
}
