using System.Globalization;

namespace Zhizao.Connectors.Files.Tests;

public sealed class TimestampParserTests
{
    private static readonly TimestampParser Utc = new(TimestampFormat.Text, TimeZoneInfo.Utc);

    private static DateTimeOffset At(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("2024-03-01T08:00:00Z", "2024-03-01T08:00:00Z")]
    [InlineData("2024-03-01t08:00:00z", "2024-03-01T08:00:00Z")]
    [InlineData("2024-03-01T08:00:00.123456789+08:00", "2024-03-01T00:00:00.1234567Z")]
    [InlineData("2024-03-01T08:00:00,5-0130", "2024-03-01T09:30:00.5Z")]
    [InlineData("2024-03-01T08:00+08", "2024-03-01T00:00:00Z")]
    [InlineData("2024-03-01 08:00:00.250", "2024-03-01T08:00:00.25Z")]
    [InlineData(" 2024-03-01 08:00:00 ", "2024-03-01T08:00:00Z")]
    [InlineData("2024-02-29", "2024-02-29T00:00:00Z")]
    public void Iso_and_sql_style_timestamps_parse_to_utc(string text, string expected)
    {
        Assert.True(Utc.TryParse(text, out var parsed));
        Assert.Equal(At(expected), parsed);
        Assert.Equal(TimeSpan.Zero, parsed.Offset);
    }

    [Theory]
    [InlineData("")]
    [InlineData("2023-02-29T00:00:00Z")]
    [InlineData("2024-03-01T24:00:00Z")]
    [InlineData("2024-03-01T08:60:00Z")]
    [InlineData("2024-03-01T08:00:00.Z")]
    [InlineData("2024-03-01T08:00:00+8")]
    [InlineData("2024-03-01T08:00:00 UTC")]
    [InlineData("01/03/2024 08:00")]
    [InlineData("1709280000")]
    [InlineData("0000-01-01T00:00:00Z")]
    public void Malformed_text_is_not_a_timestamp(string text) => Assert.False(Utc.TryParse(text, out _));

    [Fact]
    public void A_local_time_in_a_spring_forward_gap_moves_forward_by_the_gap()
    {
        var newYork = new TimestampParser(TimestampFormat.Text, TimeZoneInfo.FindSystemTimeZoneById("America/New_York"));

        Assert.True(newYork.TryParse("2024-03-10 02:30:00", out var inGap));
        Assert.True(newYork.TryParse("2024-03-10 01:59:00", out var before));

        Assert.Equal(At("2024-03-10T07:30:00Z"), inGap); // = 03:30 EDT
        Assert.Equal(At("2024-03-10T06:59:00Z"), before);
    }

    [Fact]
    public void An_ambiguous_local_time_takes_the_earlier_instant()
    {
        var newYork = new TimestampParser(TimestampFormat.Text, TimeZoneInfo.FindSystemTimeZoneById("America/New_York"));

        Assert.True(newYork.TryParse("2024-11-03 01:30:00", out var ambiguous));
        Assert.True(newYork.TryParse("2024-11-03 02:30:00", out var after));

        Assert.Equal(At("2024-11-03T05:30:00Z"), ambiguous); // 01:30 EDT, the first of the two
        Assert.Equal(At("2024-11-03T07:30:00Z"), after);
    }

    [Fact]
    public void The_zone_offset_follows_daylight_saving_across_a_year()
    {
        var berlin = new TimestampParser(TimestampFormat.Text, TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin"));

        Assert.True(berlin.TryParse("2024-01-15 12:00:00", out var winter));
        Assert.True(berlin.TryParse("2024-07-15 12:00:00", out var summer));

        Assert.Equal(At("2024-01-15T11:00:00Z"), winter);
        Assert.Equal(At("2024-07-15T10:00:00Z"), summer);
    }

    [Theory]
    [InlineData(TimestampFormat.EpochSeconds, "-1", "1969-12-31T23:59:59Z")]
    [InlineData(TimestampFormat.EpochMilliseconds, "1709280000250.5", "2024-03-01T08:00:00.2505Z")]
    public void Epochs_parse_exactly(TimestampFormat format, string text, string expected)
    {
        Assert.True(new TimestampParser(format, TimeZoneInfo.Utc).TryParse(text, out var parsed));
        Assert.Equal(At(expected), parsed);
    }

    [Theory]
    [InlineData("2024-03-01T08:00:00Z")]
    [InlineData("1e30")]
    [InlineData("99999999999999999999")]
    public void Epoch_cells_out_of_range_or_not_numeric_fail(string text) =>
        Assert.False(new TimestampParser(TimestampFormat.EpochSeconds, TimeZoneInfo.Utc).TryParse(text, out _));
}

public sealed class WideCsvGeneratorTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void The_same_arguments_write_the_same_bytes()
    {
        var start = new DateTimeOffset(2024, 3, 1, 0, 0, 0, TimeSpan.Zero);
        var a = _dir.PathOf("a.csv");
        var b = _dir.PathOf("b.csv");

        var points = WideCsvGenerator.Write(a, ["x", "y"], 50, start, TimeSpan.FromMilliseconds(500));
        WideCsvGenerator.Write(b, ["x", "y"], 50, start, TimeSpan.FromMilliseconds(500));

        Assert.Equal(100, points);
        Assert.Equal(File.ReadAllBytes(a), File.ReadAllBytes(b));
        var lines = File.ReadAllLines(a);
        Assert.Equal("ts,x,y", lines[0]);
        Assert.StartsWith("2024-03-01T00:00:00.500Z,", lines[2], StringComparison.Ordinal);
        Assert.Equal(51, lines.Length);
    }
}
