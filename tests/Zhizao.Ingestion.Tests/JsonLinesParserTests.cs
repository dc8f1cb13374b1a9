using System.Text;
using Zhizao.Core.Points;

namespace Zhizao.Ingestion.Tests;

public sealed class JsonLinesParserTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 8, 0, 0, TimeSpan.Zero);

    private static (List<IncomingPoint> Points, List<(int Line, string Error, string Text)> Errors) Parse(string body) =>
        JsonLinesParser.Parse(Encoding.UTF8.GetBytes(body), Now);

    [Fact]
    public void Parses_one_point_per_line()
    {
        var (points, errors) = Parse("""
            {"signal":"s/l/m/temp","ts":"2026-11-25T07:00:00Z","value":21.5,"unit":"°C"}
            {"signal":"s/l/m/run","ts":"2026-11-25T07:00:01Z","value":true}
            {"signal":"s/l/m/name","ts":"2026-11-25T07:00:02Z","value":"idle","extra":{"nested":[1,2]}}
            """);

        Assert.Empty(errors);
        Assert.Equal(
            [
                new IncomingPoint("s/l/m/temp", Now.AddHours(-1), RawValue.Of(21.5), "°C"),
                new IncomingPoint("s/l/m/run", Now.AddHours(-1).AddSeconds(1), RawValue.Of(true)),
                new IncomingPoint("s/l/m/name", Now.AddHours(-1).AddSeconds(2), RawValue.OfText("idle")),
            ],
            points);
    }

    [Fact]
    public void Reads_ts_as_epoch_milliseconds()
    {
        var (points, errors) = Parse("""{"signal":"s/l/m/t","ts":1764057600123,"value":1}""");

        Assert.Empty(errors);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1_764_057_600_123), Assert.Single(points).Timestamp);
    }

    [Fact]
    public void Reads_ts_as_rfc3339_with_an_offset()
    {
        var (points, _) = Parse("""{"signal":"s/l/m/t","ts":"2026-11-25T16:00:00.250+08:00","value":1}""");

        Assert.Equal(Timestamps.ToMicros(Now.AddMilliseconds(250)), Timestamps.ToMicros(Assert.Single(points).Timestamp));
    }

    [Fact]
    public void Uses_the_time_of_receipt_when_ts_is_missing()
    {
        var (points, _) = Parse("""{"signal":"s/l/m/t","value":1}""");

        Assert.Equal(Now, Assert.Single(points).Timestamp);
    }

    [Theory]
    [InlineData("\"yesterday\"")]
    [InlineData("1.5e3")]
    [InlineData("true")]
    [InlineData("null")]
    public void Reports_a_ts_that_is_not_a_time(string ts)
    {
        var (points, errors) = Parse($$"""{"signal":"s/l/m/t","ts":{{ts}},"value":1}""");

        Assert.Empty(points);
        Assert.Contains("'ts'", Assert.Single(errors).Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Accepts_crlf_line_ends_and_skips_blank_lines_but_keeps_line_numbers()
    {
        var body = "{\"signal\":\"s/l/m/a\",\"value\":1}\r\n\r\n   \r\n{\"signal\":\"s/l/m/b\",\"value\":2}\r\nnot json\r\n";

        var (points, errors) = Parse(body);

        Assert.Equal(["s/l/m/a", "s/l/m/b"], points.Select(p => p.Signal));
        Assert.Equal(5, Assert.Single(errors).Line);
    }

    [Fact]
    public void Reports_bad_lines_with_their_numbers_and_keeps_the_good_ones()
    {
        var (points, errors) = Parse("""
            {"signal":"s/l/m/a","value":1}
            {"signal":"s/l/m/b","value":
            [1,2,3]
            {"value":3}
            {"signal":"s/l/m/c"}
            {"signal":42,"value":1}
            {"signal":"s/l/m/d","value":4}
            """);

        Assert.Equal(["s/l/m/a", "s/l/m/d"], points.Select(p => p.Signal));
        Assert.Equal([2, 3, 4, 5, 6], errors.Select(e => e.Line));
        Assert.Contains("not valid JSON", errors[0].Error, StringComparison.Ordinal);
        Assert.Equal("""{"signal":"s/l/m/b","value":""", errors[0].Text);
        Assert.Contains("JSON object", errors[1].Error, StringComparison.Ordinal);
        Assert.Contains("'signal'", errors[2].Error, StringComparison.Ordinal);
        Assert.Contains("'value'", errors[3].Error, StringComparison.Ordinal);
        Assert.Contains("'signal'", errors[4].Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Keeps_a_null_value_as_missing_for_the_validator_to_reject()
    {
        var (points, errors) = Parse("""{"signal":"s/l/m/a","value":null}""");

        Assert.Empty(errors);
        Assert.Equal(RawValueKind.Missing, Assert.Single(points).Value.Kind);
    }

    [Fact]
    public void Reports_a_unit_that_is_not_text()
    {
        var (points, errors) = Parse("""
            {"signal":"s/l/m/a","value":70,"unit":{"name":"°F"}}
            {"signal":"s/l/m/a","value":70,"unit":5}
            """);

        Assert.Empty(points);
        Assert.Equal([1, 2], errors.Select(e => e.Line));
        Assert.All(errors, e => Assert.Contains("'unit'", e.Error, StringComparison.Ordinal));
    }

    [Fact]
    public void Reports_content_after_the_object()
    {
        var (points, errors) = Parse("""{"signal":"s/l/m/a","value":1} {"signal":"s/l/m/b","value":2}""");

        Assert.Empty(points);
        Assert.Single(errors);
    }

    [Fact]
    public void Cuts_the_echoed_text_of_a_long_bad_line()
    {
        var (_, errors) = Parse(new string('x', 5_000));

        Assert.Equal(200, Assert.Single(errors).Text.Length);
    }

    [Fact]
    public void Parses_an_empty_body_to_nothing()
    {
        var (points, errors) = Parse("");

        Assert.Empty(points);
        Assert.Empty(errors);
    }
}
