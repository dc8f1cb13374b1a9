using Zhizao.Core.Points;

namespace Zhizao.Core.Tests;

public sealed class PointsTests
{
    [Fact]
    public void Timestamps_count_microseconds_from_the_unix_epoch()
    {
        Assert.Equal(0, Timestamps.ToMicros(DateTimeOffset.UnixEpoch));
        Assert.Equal(1_000_000, Timestamps.ToMicros(DateTimeOffset.UnixEpoch.AddSeconds(1)));
        Assert.Equal(-1_500_000, Timestamps.ToMicros(DateTimeOffset.UnixEpoch.AddSeconds(-1.5)));
    }

    [Fact]
    public void Timestamps_use_utc_whatever_the_offset()
    {
        var utc = new DateTimeOffset(2026, 11, 25, 0, 0, 0, TimeSpan.Zero);
        var shanghai = new DateTimeOffset(2026, 11, 25, 8, 0, 0, TimeSpan.FromHours(8));

        Assert.Equal(Timestamps.ToMicros(utc), Timestamps.ToMicros(shanghai));
        Assert.Equal(TimeSpan.Zero, Timestamps.FromMicros(Timestamps.ToMicros(shanghai)).Offset);
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(1_764_028_800_123_456L)]
    [InlineData(-631_152_000_000_001L)]
    public void Timestamps_round_trip_microseconds(long micros) =>
        Assert.Equal(micros, Timestamps.ToMicros(Timestamps.FromMicros(micros)));

    [Fact]
    public void Bounded_cuts_every_long_text_field()
    {
        var longText = new string('x', 10_000);
        var point = new RejectedPoint(DateTimeOffset.UnixEpoch, longText, RejectReason.Malformed, longText, longText, longText, longText);

        var bounded = point.Bounded();

        foreach (var field in new[] { bounded.Source, bounded.Message, bounded.Signal, bounded.Timestamp, bounded.Value })
        {
            Assert.Equal(RejectedPoint.MaxFieldLength + 1, field!.Length);
            Assert.EndsWith("…", field, StringComparison.Ordinal);
        }
        Assert.Equal(RejectReason.Malformed, bounded.Reason);
    }

    [Fact]
    public void Bounded_keeps_short_and_missing_fields_as_they_are()
    {
        var exact = new string('y', RejectedPoint.MaxFieldLength);
        var point = new RejectedPoint(DateTimeOffset.UnixEpoch, "mqtt:c1", RejectReason.WrongType, exact, null, "2026-01-01T00:00:00Z", null);

        Assert.Equal(point, point.Bounded());
    }

    [Fact]
    public void RawValue_prints_as_it_arrived()
    {
        Assert.Equal("1.5", RawValue.Of(1.5).ToString());
        Assert.Equal("true", RawValue.Of(true).ToString());
        Assert.Equal("abc", RawValue.OfText("abc").ToString());
        Assert.Equal("null", RawValue.Missing.ToString());
    }
}
