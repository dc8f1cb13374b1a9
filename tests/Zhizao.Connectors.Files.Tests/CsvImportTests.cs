using Microsoft.Extensions.Time.Testing;
using Zhizao.Core.Points;

namespace Zhizao.Connectors.Files.Tests;

public sealed class CsvImportTests : IDisposable
{
    private const string Prefix = "plant1/line1/cnc-01";
    private readonly TempDir _dir = new();
    private readonly RecordingIngestor _ingestor = new();
    private readonly FileImporter _importer;

    public CsvImportTests() => _importer = new FileImporter(_ingestor, new FakeTimeProvider(Utc("2026-01-01T00:00:00Z")));

    public void Dispose() => _dir.Dispose();

    private static FileImportOptions Wide(ImportMapping? mapping = null) => new() { Mapping = mapping ?? new ImportMapping { Prefix = Prefix } };

    private Task<FileImportResult> Import(string file, FileImportOptions options, IProgress<ImportProgress>? progress = null) =>
        _importer.ImportAsync(file, options, progress, CancellationToken.None);

    private static DateTimeOffset Utc(string text) => DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task Wide_file_with_prefix_maps_each_column_to_a_signal_of_the_machine()
    {
        var file = _dir.Write("wide.csv", "ts,spindle_speed,vibration_rms\n2024-03-01T08:00:00Z,1200,0.5\n2024-03-01T08:00:01Z,1210.5,0.25\n");

        var result = await Import(file, Wide());

        Assert.Equal((2L, 4L, 4L, 0L), (result.Rows, result.PointsRead, result.Accepted, result.Rejected));
        var points = _ingestor.Points.OrderBy(p => p.Timestamp).ThenBy(p => p.Signal, StringComparer.Ordinal).ToList();
        Assert.Equal(new IncomingPoint($"{Prefix}/spindle_speed", Utc("2024-03-01T08:00:00Z"), RawValue.Of(1200)), points[0]);
        Assert.Equal(new IncomingPoint($"{Prefix}/vibration_rms", Utc("2024-03-01T08:00:01Z"), RawValue.Of(0.25)), points[3]);
        Assert.All(_ingestor.Calls, c => Assert.Equal("file:wide.csv", c.Source));
        // One string instance per column, however many rows.
        Assert.Same(points[0].Signal, points[2].Signal);
    }

    [Fact]
    public async Task Wide_file_with_explicit_map_uses_the_given_paths()
    {
        var file = _dir.Write("map.csv", "time,Spindle Speed,Temp\n2024-03-01 08:00:00,1200,21.5\n");
        var mapping = new ImportMapping
        {
            Columns = new Dictionary<string, string> { ["Spindle Speed"] = "p/l/m/spindle_speed", ["Temp"] = "p/l/m2/temperature" },
        };

        var result = await Import(file, Wide(mapping));

        Assert.Equal(2, result.Accepted);
        Assert.Equal(["p/l/m/spindle_speed", "p/l/m2/temperature"], _ingestor.Points.Select(p => p.Signal).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Unmapped_columns_fail_the_import_unless_ignored()
    {
        var file = _dir.Write("extra.csv", "ts,speed,comment\n2024-03-01T08:00:00Z,1200,ok\n");
        var map = new Dictionary<string, string> { ["speed"] = "p/l/m/speed" };

        var error = await Assert.ThrowsAsync<FileImportException>(() => Import(file, Wide(new ImportMapping { Columns = map })));
        Assert.Contains("'comment' is not mapped", error.Message, StringComparison.Ordinal);
        Assert.Empty(_ingestor.Calls);

        var result = await Import(file, Wide(new ImportMapping { Columns = map, IgnoreUnmapped = true }));
        Assert.Equal(1, result.Accepted);
    }

    [Fact]
    public async Task Long_file_reads_signal_timestamp_value_and_unit_columns()
    {
        var file = _dir.Write("long.csv",
            "signal,ts,value,unit\np/l/m/temp,2024-03-01T08:00:00Z,68,degF\np/l/m/temp,2024-03-01T08:00:01Z,20,\nspeed,2024-03-01T08:00:00Z,true,\n");
        var options = new FileImportOptions { Layout = ImportLayout.Long, Mapping = new ImportMapping { Prefix = "p/l/m", Unit = "°C" } };

        var result = await Import(file, options);

        Assert.Equal(3, result.Accepted);
        var points = _ingestor.Points.OrderBy(p => p.Signal, StringComparer.Ordinal).ThenBy(p => p.Timestamp).ToList();
        Assert.Equal(new IncomingPoint("p/l/m/speed", Utc("2024-03-01T08:00:00Z"), RawValue.Of(true), "°C"), points[0]);
        Assert.Equal(new IncomingPoint("p/l/m/temp", Utc("2024-03-01T08:00:00Z"), RawValue.Of(68), "degF"), points[1]);
        Assert.Equal("°C", points[2].Unit);
        Assert.Same(points[1].Signal, points[2].Signal);
    }

    [Fact]
    public async Task Long_file_column_names_are_configurable()
    {
        var file = _dir.Write("long2.csv", "tag;zeit;wert\np/l/m/a;2024-03-01T08:00:00Z;1,5\n");
        var options = new FileImportOptions
        {
            Layout = ImportLayout.Long,
            Mapping = new ImportMapping { SignalColumn = "tag", TimestampColumn = "zeit", ValueColumn = "wert" },
        };

        var result = await Import(file, options);

        // "1,5" is not a number in the invariant culture: the validator rejects it, the import completes.
        Assert.Equal((1L, 0L, 1L), (result.PointsRead, result.Accepted, result.Rejected));
    }

    [Theory]
    [InlineData(';', null)]
    [InlineData('\t', null)]
    [InlineData(';', ';')]
    public async Task Separator_is_detected_or_taken_from_options(char separator, char? configured)
    {
        var file = _dir.Write("sep.csv", $"ts{separator}a{separator}b\n2024-03-01T08:00:00Z{separator}1.5{separator}2\n");

        var result = await Import(file, Wide() with { Separator = configured });

        Assert.Equal(2, result.Accepted);
        Assert.Contains(_ingestor.Points, p => p.Signal == $"{Prefix}/a" && p.Value == RawValue.Of(1.5));
    }

    [Fact]
    public async Task Local_times_are_read_in_the_configured_zone_and_stored_in_utc()
    {
        var file = _dir.Write("cn.csv", "ts,a\n2024-03-01 08:00:00.250,1\n2024-03-01T08:00:00+09:00,2\n");
        var shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

        await Import(file, Wide() with { TimeZone = shanghai });

        var times = _ingestor.Points.OrderBy(p => p.Value.Number).Select(p => p.Timestamp).ToList();
        Assert.Equal(Utc("2024-03-01T00:00:00.250Z"), times[0]);
        // An explicit offset wins over the zone.
        Assert.Equal(Utc("2024-02-29T23:00:00Z"), times[1]);
        Assert.All(times, t => Assert.Equal(TimeSpan.Zero, t.Offset));
    }

    [Theory]
    [InlineData(TimestampFormat.EpochSeconds, "1709280000", "2024-03-01T08:00:00Z")]
    [InlineData(TimestampFormat.EpochSeconds, "1709280000.5", "2024-03-01T08:00:00.5Z")]
    [InlineData(TimestampFormat.EpochMilliseconds, "1709280000250", "2024-03-01T08:00:00.25Z")]
    public async Task Epoch_timestamps_are_read_in_the_configured_unit(TimestampFormat format, string cell, string expected)
    {
        var file = _dir.Write("epoch.csv", $"ts,a\n{cell},1\n");

        await Import(file, Wide() with { TimestampFormat = format });

        Assert.Equal(Utc(expected), Assert.Single(_ingestor.Points).Timestamp);
    }

    [Fact]
    public async Task Units_are_passed_per_column_or_for_all_columns()
    {
        var file = _dir.Write("units.csv", "ts,temp,power\n2024-03-01T08:00:00Z,70,3\n");
        var mapping = new ImportMapping { Prefix = Prefix, Unit = "kW", ColumnUnits = new Dictionary<string, string> { ["temp"] = "degF" } };

        await Import(file, Wide(mapping));

        var units = _ingestor.Points.ToDictionary(p => p.Signal[(Prefix.Length + 1)..], p => p.Unit);
        Assert.Equal("degF", units["temp"]);
        Assert.Equal("kW", units["power"]);
    }

    [Fact]
    public async Task Text_cells_are_rejected_and_counted_while_the_import_goes_on()
    {
        var file = _dir.Write("bad.csv", "ts,a,b\n2024-03-01T08:00:00Z,1,oops\n2024-03-01T08:00:01Z,n/a,FALSE\n");

        var result = await Import(file, Wide());

        Assert.Equal((4L, 2L, 2L), (result.PointsRead, result.Accepted, result.Rejected));
        Assert.Contains(result.Rejections, r => r.Reason == RejectReason.WrongType && r.Value == "oops");
        Assert.Contains(_ingestor.Points, p => p.Signal.EndsWith("/b", StringComparison.Ordinal) && p.Value == RawValue.Of(false));
    }

    [Fact]
    public async Task Empty_cells_are_not_points()
    {
        var file = _dir.Write("gaps.csv", "ts,a,b,c\n2024-03-01T08:00:00Z,,2,\n2024-03-01T08:00:01Z,1,  ,\"\"\n");

        var result = await Import(file, Wide());

        Assert.Equal((2L, 2L, 2L, 0L), (result.Rows, result.PointsRead, result.Accepted, result.Rejected));
    }

    [Fact]
    public async Task A_row_with_a_bad_timestamp_is_quarantined_with_its_line_and_the_rest_is_imported()
    {
        var file = _dir.Write("ts.csv", "ts,a,b\n2024-03-01T08:00:00Z,1,2\n2024-13-01T08:00:00Z,3,4\n2024-03-01T08:00:02Z,5,6\n");

        var result = await Import(file, Wide());

        Assert.Equal((3L, 6L, 4L, 2L, 1L), (result.Rows, result.PointsRead, result.Accepted, result.Rejected, result.MalformedRows));
        var payload = Assert.Single(_ingestor.Payloads);
        Assert.Equal(RejectReason.Malformed, payload.Reason);
        Assert.Equal("file:ts.csv", payload.Source);
        Assert.Contains("ts.csv line 3, column 'ts'", payload.Message, StringComparison.Ordinal);
        Assert.Contains("2024-13-01T08:00:00Z", payload.Message, StringComparison.Ordinal);
        Assert.Equal("2024-13-01T08:00:00Z", payload.Timestamp);
        Assert.Equal(Utc("2026-01-01T00:00:00Z"), payload.ReceivedAt);
    }

    [Fact]
    public async Task A_ragged_row_is_quarantined_with_its_line()
    {
        var file = _dir.Write("ragged.csv", "ts,a,b\n2024-03-01T08:00:00Z,1\n2024-03-01T08:00:01Z,5,6\n");

        var result = await Import(file, Wide());

        Assert.Equal(2, result.Accepted);
        Assert.Contains("line 2: 2 columns, the header has 3", Assert.Single(_ingestor.Payloads).Message, StringComparison.Ordinal);
    }

    public static TheoryData<string, string?, string> StructuralErrors => new()
    {
        { "missing.csv", null, "file not found" },
        { "empty.csv", "", "no header" },
        { "noheader.csv", "2024-03-01T08:00:00Z,1,2\n2024-03-01T08:00:01Z,1,2\n", "no header row" },
        { "nots.csv", "when,a\n2024-03-01T08:00:00Z,1\n", "timestamp column 'ts' or 'timestamp'" },
        { "badname.csv", "ts,spindle speed\n2024-03-01T08:00:00Z,1\n", "'spindle speed' is not a valid signal id" },
        { "notparquet.parquet", "ts,a\n2024-03-01T08:00:00Z,1\n", "not a readable Parquet file" },
    };

    [Theory]
    [MemberData(nameof(StructuralErrors))]
    public async Task A_structural_problem_throws_before_anything_is_ingested(string name, string? content, string expected)
    {
        var file = content is null ? _dir.PathOf(name) : _dir.Write(name, content);

        var error = await Assert.ThrowsAsync<FileImportException>(() => Import(file, Wide()));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Equal(file, error.File);
        Assert.StartsWith(file, error.Message, StringComparison.Ordinal);
        Assert.Empty(_ingestor.Calls);
        Assert.Empty(_ingestor.Payloads);
    }

    [Fact]
    public async Task Progress_is_reported_per_chunk_and_ends_at_the_whole_file()
    {
        var file = _dir.PathOf("progress.csv");
        WideCsvGenerator.Write(file, ["a", "b"], 1000, Utc("2024-03-01T00:00:00Z"), TimeSpan.FromSeconds(1));
        var progress = new ProgressLog();

        var result = await Import(file, Wide() with { ChunkSize = 300 }, progress);

        Assert.True(progress.Reports.Count >= 7);
        var last = progress.Reports[^1];
        Assert.Equal((new FileInfo(file).Length, new FileInfo(file).Length, 1000L, 2000L, 0L), (last.BytesRead, last.TotalBytes, last.Rows, last.Accepted, last.Rejected));
        Assert.Equal(1.0, last.Fraction);
        Assert.True(progress.Reports.Zip(progress.Reports.Skip(1)).All(p => p.First.Rows <= p.Second.Rows));
        Assert.Equal(2000, result.Accepted);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task Every_point_arrives_whatever_the_chunking(int inFlight)
    {
        var file = _dir.PathOf("chunks.csv");
        WideCsvGenerator.Write(file, ["a", "b", "c"], 777, Utc("2024-03-01T00:00:00Z"), TimeSpan.FromMilliseconds(100));

        var result = await Import(file, Wide() with { ChunkSize = 100, MaxChunksInFlight = inFlight });

        Assert.Equal((2331L, 2331L, 0L), (result.PointsRead, result.Accepted, result.Duplicates));
        Assert.Equal(2331, _ingestor.Points.Distinct().Count());
        Assert.All(_ingestor.Calls, c => Assert.InRange(c.Count, 1, 102));
        Assert.InRange(_ingestor.MaxConcurrentCalls, 1, Math.Max(1, inFlight - 1));
    }

    [Fact]
    public async Task Importing_twice_counts_duplicates()
    {
        var file = _dir.Write("dup.csv", "ts,a\n2024-03-01T08:00:00Z,1\n");

        await Import(file, Wide());
        var second = await Import(file, Wide());

        Assert.Equal((1L, 1L), (second.Accepted, second.Duplicates));
    }

    [Fact]
    public async Task A_million_point_wide_file_is_parsed_completely()
    {
        var ingestor = new RecordingIngestor(keepPoints: false);
        var importer = new FileImporter(ingestor, TimeProvider.System);
        var file = _dir.PathOf("big.csv");
        var signals = Enumerable.Range(0, 10).Select(i => $"s{i:00}").ToArray();
        var written = WideCsvGenerator.Write(file, signals, 100_000, Utc("2024-03-01T00:00:00Z"), TimeSpan.FromSeconds(1));

        var result = await importer.ImportAsync(file, Wide(), null, CancellationToken.None);

        Assert.Equal(1_000_000, written);
        Assert.Equal((100_000L, 1_000_000L, 1_000_000L, 0L), (result.Rows, result.PointsRead, result.Accepted, result.Rejected));
        Assert.Equal(1_000_000, ingestor.PointCount);
        Assert.True(result.PointsPerSecond > 0);
    }
}
