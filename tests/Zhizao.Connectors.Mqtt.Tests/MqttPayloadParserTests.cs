using System.Buffers;
using System.Text;
using Zhizao.Core.Points;

namespace Zhizao.Connectors.Mqtt.Tests;

public sealed class MqttPayloadParserTests
{
    private static readonly DateTimeOffset Received = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);
    private readonly MqttPayloadParser parser = new();

    private (MqttParseResult Result, List<IncomingPoint> Points) Parse(string topic, string payload, MqttPayloadParser? with = null)
    {
        var points = new List<IncomingPoint>();
        var result = (with ?? parser).Parse(topic, new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(payload)), Received, points);
        return (result, points);
    }

    private IncomingPoint Single(string topic, string payload)
    {
        var (result, points) = Parse(topic, payload);
        Assert.Equal(MqttParseStatus.Parsed, result.Status);
        Assert.Equal(1, result.Points);
        return Assert.Single(points);
    }

    private string Rejected(string topic, string payload, RejectReason reason = RejectReason.Malformed)
    {
        var (result, points) = Parse(topic, payload);
        Assert.Equal(MqttParseStatus.Rejected, result.Status);
        Assert.Equal(reason, result.Reason);
        Assert.Empty(points);
        return result.Error!;
    }

    [Theory]
    [InlineData("21.5", 21.5)]
    [InlineData(" -3e2\n", -300)]
    [InlineData("0", 0)]
    public void Bare_number_on_a_signal_topic_is_one_point_at_the_receipt_time(string payload, double expected)
    {
        var point = Single("zhizao/plant1/line1/press1/temperature", payload);
        Assert.Equal(new IncomingPoint("plant1/line1/press1/temperature", Received, RawValue.Of(expected)), point);
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("false", false)]
    public void Bare_boolean_is_a_bool_value(string payload, bool expected)
    {
        Assert.Equal(RawValue.Of(expected), Single("zhizao/s/l/m/running", payload).Value);
    }

    [Fact]
    public void Object_carries_an_RFC3339_time_with_offset_and_a_unit()
    {
        var point = Single("zhizao/s/l/m/temp", """{"ts": "2026-03-01T16:00:00.250+08:00", "value": 71.5, "unit": "°C"}""");
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 8, 0, 0, 250, TimeSpan.Zero), point.Timestamp);
        Assert.Equal(RawValue.Of(71.5), point.Value);
        Assert.Equal("°C", point.Unit);
    }

    [Theory]
    [InlineData("1772352000000", 0)]
    [InlineData("1772352000000.5", 5_000)]
    public void Object_time_may_be_epoch_milliseconds(string ts, long extraTicks)
    {
        var point = Single("zhizao/s/l/m/temp", $$"""{"value": 1, "ts": {{ts}}}""");
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1772352000000).AddTicks(extraTicks), point.Timestamp);
    }

    [Fact]
    public void Object_without_ts_or_with_null_ts_gets_the_receipt_time_and_ignores_unknown_properties()
    {
        Assert.Equal(Received, Single("zhizao/s/l/m/x", """{"value": 2, "quality": {"good": true}}""").Timestamp);
        Assert.Equal(Received, Single("zhizao/s/l/m/x", """{"value": 2, "ts": null}""").Timestamp);
    }

    [Fact]
    public void String_value_is_kept_as_text_and_null_as_missing_for_the_validator()
    {
        Assert.Equal(RawValue.OfText("on"), Single("zhizao/s/l/m/x", "\"on\"").Value);
        Assert.Equal(RawValue.OfText("21.5"), Single("zhizao/s/l/m/x", """{"value": "21.5"}""").Value);
        Assert.Equal(RawValue.Missing, Single("zhizao/s/l/m/x", "null").Value);
        Assert.Equal(RawValue.Missing, Single("zhizao/s/l/m/x", """{"value": null}""").Value);
    }

    [Fact]
    public void Number_beyond_double_range_becomes_infinity_so_the_validator_reports_it_not_finite()
    {
        Assert.Equal(double.PositiveInfinity, Single("zhizao/s/l/m/x", "1e400").Value.Number);
        Assert.Equal(double.NegativeInfinity, Single("zhizao/s/l/m/x", """{"value": -1e400}""").Value.Number);
    }

    [Fact]
    public void Array_on_a_signal_topic_is_a_batch_sharing_one_path_string()
    {
        var (result, points) = Parse("zhizao/s/l/m/temp", """[{"ts": 1000, "value": 1}, {"ts": 2000, "value": 2, "unit": "K"}, {"ts": 3000, "value": 3, "unit": "K"}]""");
        Assert.Equal(3, result.Points);
        Assert.Equal([1.0, 2.0, 3.0], points.Select(p => p.Value.Number));
        Assert.Equal([1000L, 2000L, 3000L], points.Select(p => p.Timestamp.ToUnixTimeMilliseconds()));
        Assert.Same(points[0].Signal, points[2].Signal);
        Assert.Same(points[1].Unit, points[2].Unit);
    }

    [Fact]
    public void Machine_topic_object_gives_one_point_per_key_with_the_message_time_even_when_ts_comes_last()
    {
        var (result, points) = Parse("zhizao/s/l/press1", """{"values": {"temperature": 1.2, "running": true, "mode": "auto"}, "ts": "2026-03-01T09:00:00Z"}""");
        Assert.Equal(3, result.Points);
        var time = new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
        Assert.Equal(
            [
                new IncomingPoint("s/l/press1/temperature", time, RawValue.Of(1.2)),
                new IncomingPoint("s/l/press1/running", time, RawValue.Of(true)),
                new IncomingPoint("s/l/press1/mode", time, RawValue.OfText("auto")),
            ],
            points);
    }

    [Fact]
    public void Machine_topic_batch_reuses_the_signal_path_string_of_repeated_keys()
    {
        var (result, points) = Parse("zhizao/s/l/m", """[{"ts": 1, "values": {"a": 1, "b": 2}}, {"ts": 2, "values": {"b": 3, "a": 4}}, {"values": {"a": 5}}]""");
        Assert.Equal(5, result.Points);
        Assert.Equal(["s/l/m/a", "s/l/m/b", "s/l/m/b", "s/l/m/a", "s/l/m/a"], points.Select(p => p.Signal));
        Assert.Same(points[0].Signal, points[3].Signal);
        Assert.Same(points[0].Signal, points[4].Signal);
        Assert.Same(points[1].Signal, points[2].Signal);
        Assert.Equal(Received, points[4].Timestamp);
    }

    [Fact]
    public void Empty_batch_parses_to_no_points()
    {
        var (result, points) = Parse("zhizao/s/l/m/x", "[]");
        Assert.Equal(MqttParseStatus.Parsed, result.Status);
        Assert.Empty(points);
    }

    [Fact]
    public void Payload_split_over_several_buffer_segments_parses_like_a_contiguous_one()
    {
        var bytes = Encoding.UTF8.GetBytes("""[{"ts": "2026-03-01T09:00:00Z", "values": {"temperature": 1.25, "pressure": 3}}]""");
        var points = new List<IncomingPoint>();
        var result = parser.Parse("zhizao/s/l/m", Segmented(bytes, 7), Received, points);
        Assert.Equal(2, result.Points);
        Assert.Equal(["s/l/m/temperature", "s/l/m/pressure"], points.Select(p => p.Signal));
        Assert.Equal(1.25, points[0].Value.Number);
    }

    [Fact]
    public void Utf8_byte_order_mark_is_skipped()
    {
        Assert.Equal(4, Single("zhizao/s/l/m/x", "\uFEFF4").Value.Number);
    }

    [Fact]
    public void Custom_prefix_replaces_zhizao()
    {
        var custom = new MqttPayloadParser("factory/ingest");
        Assert.Equal(MqttParseStatus.Foreign, Parse("zhizao/s/l/m/x", "1", custom).Result.Status);
        Assert.Equal("s/l/m/x", Assert.Single(Parse("factory/ingest/s/l/m/x", "1", custom).Points).Signal);
    }

    [Theory]
    [InlineData("other/s/l/m/x")]
    [InlineData("zhizaox/s/l/m/x")]
    [InlineData("zhizao")]
    [InlineData("$SYS/broker/uptime")]
    public void Topics_outside_the_prefix_are_foreign(string topic)
    {
        var (result, points) = Parse(topic, "1");
        Assert.Equal(MqttParseStatus.Foreign, result.Status);
        Assert.Empty(points);
    }

    [Theory]
    [InlineData("zhizao/s/l", "has 2 segment(s)")]
    [InlineData("zhizao/s/l/m/x/extra", "has 5 segment(s)")]
    [InlineData("zhizao/", "has 1 segment(s)")]
    [InlineData("zhizao/s/l/m/bad.name", "segment 'bad.name' is not a valid identifier")]
    [InlineData("zhizao/s//m/x", "segment '' is not a valid identifier")]
    public void Topic_with_wrong_segments_is_malformed(string topic, string expected)
    {
        var (result, _) = Parse(topic, "1");
        Assert.Equal(MqttParseStatus.Rejected, result.Status);
        Assert.Equal(RejectReason.Malformed, result.Reason);
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
        Assert.Equal(topic, result.Signal);
    }

    [Theory]
    [InlineData("21,5", "Invalid JSON")]
    [InlineData("{\"value\": 1", "Invalid JSON")]
    [InlineData("abc", "Invalid JSON")]
    [InlineData("1 2", "Invalid JSON")]
    [InlineData("{\"value\": 1} x", "Invalid JSON")]
    [InlineData("", "The payload is empty")]
    [InlineData("  \n", "The payload is empty")]
    [InlineData("{\"ts\": 1}", "no \"value\"")]
    [InlineData("{\"values\": {\"a\": 1}}", "belongs on a machine topic (zhizao/{site}/{line}/{machine})")]
    [InlineData("{\"value\": [1, 2]}", "\"value\" must be a number, true/false, a string or null, not an array")]
    [InlineData("[1, 2]", "Batch item 0: Expected an object")]
    [InlineData("[{\"value\": 1}, {\"value\": 2}, {\"value\": {}}]", "Batch item 2: \"value\" must be")]
    [InlineData("{\"value\": 1, \"unit\": 5}", "\"unit\" must be a string, not a number")]
    public void Bad_signal_payload_is_malformed_with_a_precise_message(string payload, string expected)
    {
        Assert.Contains(expected, Rejected("zhizao/s/l/m/x", payload), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("21.5", "A machine topic expects")]
    [InlineData("{\"ts\": 1}", "no \"values\"")]
    [InlineData("{\"values\": [1]}", "\"values\" must be an object")]
    [InlineData("{\"values\": {\"a\": {\"value\": 1}}}", "A value in \"values\" must be a number")]
    [InlineData("[{\"values\": {\"a\": 1}}, 3]", "Batch item 1: Expected an object")]
    public void Bad_machine_payload_is_malformed_with_a_precise_message(string payload, string expected)
    {
        Assert.Contains(expected, Rejected("zhizao/s/l/m", payload), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"2026-03-01T08:00:00\"", "is not an RFC 3339 time with offset")]
    [InlineData("\"2026-03-01\"", "is not an RFC 3339 time with offset")]
    [InlineData("\"yesterday\"", "is not an RFC 3339 time with offset")]
    [InlineData("\"2026-13-01T08:00:00Z\"", "is not an RFC 3339 time with offset")]
    [InlineData("true", "\"ts\" must be an RFC 3339 string or a number of epoch milliseconds, not a boolean")]
    [InlineData("99999999999999999", "outside the range of dates")]
    [InlineData("-1e300", "outside the range of dates")]
    public void Bad_timestamp_is_malformed(string ts, string expected)
    {
        Assert.Contains(expected, Rejected("zhizao/s/l/m/x", $$"""{"ts": {{ts}}, "value": 1}"""), StringComparison.Ordinal);
    }

    [Fact]
    public void Rejection_of_a_batch_removes_the_points_already_read_and_keeps_earlier_ones()
    {
        var points = new List<IncomingPoint> { new("earlier/x/y/z", Received, RawValue.Of(1)) };
        var result = parser.Parse("zhizao/s/l/m", new ReadOnlySequence<byte>("""[{"values": {"a": 1}}, {"values": {"a": "#"}, "ts": "never"}]"""u8.ToArray()), Received, points);
        Assert.Equal(MqttParseStatus.Rejected, result.Status);
        Assert.Contains("Batch item 1", result.Error, StringComparison.Ordinal);
        Assert.Equal("earlier/x/y/z", Assert.Single(points).Signal);
    }

    [Fact]
    public void Payload_over_the_limit_is_oversize_without_being_read()
    {
        var small = new MqttPayloadParser(maxPayloadBytes: 100);
        var (result, points) = Parse("zhizao/s/l/m/x", new string(' ', 100) + "1", small);
        Assert.Equal(RejectReason.Oversize, result.Reason);
        Assert.Equal("Payload of 101 bytes exceeds the limit of 100 bytes.", result.Error);
        Assert.Equal("s/l/m/x", result.Signal);
        Assert.Empty(points);
    }

    [Fact]
    public void Huge_valid_batch_under_the_default_limit_parses_completely()
    {
        var json = new StringBuilder("[");
        for (var i = 0; i < 20_000; i++)
            json.Append(i == 0 ? "" : ",").Append("{\"ts\":").Append(1_772_352_000_000L + i).Append(",\"values\":{\"a\":").Append(i).Append(",\"b\":true}}");
        json.Append(']');
        Assert.True(json.Length < MqttPayloadParser.DefaultMaxPayloadBytes);
        var (result, points) = Parse("zhizao/s/l/m", json.ToString());
        Assert.Equal(40_000, result.Points);
        Assert.Equal(19_999, points[^2].Value.Number);
    }

    [Fact]
    public void Deeply_nested_payload_is_malformed_not_a_crash()
    {
        var nested = "{\"extra\": " + new string('[', 10_000) + new string(']', 10_000) + ", \"value\": 1}";
        Assert.Contains("Invalid JSON", Rejected("zhizao/s/l/m/x", nested), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("zhizao/#")]
    [InlineData("zhizao/")]
    [InlineData(" ")]
    public void Parser_refuses_a_prefix_that_cannot_match_topics(string prefix)
    {
        Assert.ThrowsAny<ArgumentException>(() => new MqttPayloadParser(prefix));
    }

    private static ReadOnlySequence<byte> Segmented(byte[] bytes, int size)
    {
        Segment? first = null, last = null;
        for (var offset = 0; offset < bytes.Length; offset += size)
        {
            var memory = bytes.AsMemory(offset, Math.Min(size, bytes.Length - offset));
            if (last is null)
                first = last = new Segment(memory, 0);
            else
                last = last.Append(memory);
        }
        return new ReadOnlySequence<byte>(first!, 0, last!, last!.Memory.Length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
