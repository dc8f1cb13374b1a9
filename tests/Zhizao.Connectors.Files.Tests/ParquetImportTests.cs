using Parquet;
using Parquet.Schema;
using Zhizao.Core.Points;

namespace Zhizao.Connectors.Files.Tests;

public sealed class ParquetImportTests : IDisposable
{
    private static readonly DateTime T0 = new(2024, 3, 1, 8, 0, 0, DateTimeKind.Utc);
    private readonly TempDir _dir = new();
    private readonly RecordingIngestor _ingestor = new();
    private readonly FileImporter _importer;

    public ParquetImportTests() => _importer = new FileImporter(_ingestor, TimeProvider.System);

    public void Dispose() => _dir.Dispose();

    private Task<FileImportResult> Import(string file, FileImportOptions options) =>
        _importer.ImportAsync(file, options, null, CancellationToken.None);

    private static async Task WriteAsync(string path, DataField[] fields, Func<ParquetRowGroupWriter, Task> write)
    {
        await using var stream = File.Create(path);
        await using var writer = await ParquetWriter.CreateAsync(new ParquetSchema(fields), stream);
        using var group = writer.CreateRowGroup();
        await write(group);
    }

    [Fact]
    public async Task Wide_parquet_with_timestamp_and_nullable_columns_imports_non_null_cells()
    {
        var file = _dir.PathOf("wide.parquet");
        var ts = new DataField<DateTime>("ts");
        var speed = new DataField<double?>("spindle_speed");
        var count = new DataField<int>("parts");
        var running = new DataField<bool?>("running");
        await WriteAsync(file, [ts, speed, count, running], async g =>
        {
            await g.WriteAsync<DateTime>(ts, new[] { T0, T0.AddSeconds(1), T0.AddSeconds(2) });
            await g.WriteAsync<double>(speed, new double?[] { 1200, null, 1210.5 });
            await g.WriteAsync<int>(count, new[] { 1, 2, 3 });
            await g.WriteAsync<bool>(running, new bool?[] { true, false, null });
        });

        var result = await Import(file, new FileImportOptions { Mapping = new ImportMapping { Prefix = "p/l/m" } });

        Assert.Equal((3L, 7L, 7L), (result.Rows, result.PointsRead, result.Accepted));
        Assert.Contains(new IncomingPoint("p/l/m/spindle_speed", new DateTimeOffset(T0.AddSeconds(2)), RawValue.Of(1210.5)), _ingestor.Points);
        Assert.Contains(new IncomingPoint("p/l/m/parts", new DateTimeOffset(T0.AddSeconds(1)), RawValue.Of(2)), _ingestor.Points);
        Assert.Contains(new IncomingPoint("p/l/m/running", new DateTimeOffset(T0), RawValue.Of(true)), _ingestor.Points);
        Assert.Equal("file:wide.parquet", Assert.Single(_ingestor.Calls).Source);
    }

    [Fact]
    public async Task Long_parquet_with_epoch_milliseconds_and_units_imports_one_point_per_row()
    {
        var file = _dir.PathOf("long.data");
        var signal = new DataField<string>("signal");
        var ts = new DataField<long>("ts");
        var value = new DataField<double>("value");
        var unit = new DataField<string>("unit");
        var epoch = new DateTimeOffset(T0).ToUnixTimeMilliseconds();
        await WriteAsync(file, [signal, ts, value, unit], async g =>
        {
            await g.WriteAsync(signal, new[] { "p/l/m/temp", "p/l/m/temp", "power" });
            await g.WriteAsync<long>(ts, new[] { epoch, epoch + 250, epoch });
            await g.WriteAsync<double>(value, new[] { 68.0, 20, 3 });
            await g.WriteAsync(unit, new[] { "degF", null!, "kW" });
        });

        var options = new FileImportOptions
        {
            Layout = ImportLayout.Long,
            TimestampFormat = TimestampFormat.EpochMilliseconds,
            Mapping = new ImportMapping { Prefix = "p/l/m" },
        };
        var result = await Import(file, options);

        Assert.Equal(3, result.Accepted);
        Assert.Contains(new IncomingPoint("p/l/m/temp", new DateTimeOffset(T0).AddMilliseconds(250), RawValue.Of(20), null), _ingestor.Points);
        Assert.Contains(new IncomingPoint("p/l/m/power", new DateTimeOffset(T0), RawValue.Of(3), "kW"), _ingestor.Points);
        Assert.Contains(new IncomingPoint("p/l/m/temp", new DateTimeOffset(T0), RawValue.Of(68), "degF"), _ingestor.Points);
    }

    [Fact]
    public async Task Text_timestamps_in_parquet_are_parsed_in_the_zone_and_bad_rows_are_quarantined()
    {
        var file = _dir.PathOf("text.parquet");
        var ts = new DataField<string>("timestamp");
        var a = new DataField<double>("a");
        await WriteAsync(file, [ts, a], async g =>
        {
            await g.WriteAsync(ts, new[] { "2024-03-01 16:00:00", "yesterday", "2024-03-01 16:00:02" });
            await g.WriteAsync<double>(a, new[] { 1.0, 2, 3 });
        });
        var options = new FileImportOptions
        {
            TimeZone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"),
            Mapping = new ImportMapping { Prefix = "p/l/m" },
        };

        var result = await Import(file, options);

        Assert.Equal((3L, 2L, 1L, 1L), (result.PointsRead, result.Accepted, result.Rejected, result.MalformedRows));
        Assert.Contains(_ingestor.Points, p => p.Timestamp == new DateTimeOffset(T0) && p.Value == RawValue.Of(1));
        var payload = Assert.Single(_ingestor.Payloads);
        Assert.Contains("text.parquet row 2, column 'timestamp'", payload.Message, StringComparison.Ordinal);
        Assert.Equal(RejectReason.Malformed, payload.Reason);
    }

    [Fact]
    public async Task Integer_timestamps_without_an_epoch_unit_fail_before_ingesting()
    {
        var file = _dir.PathOf("epoch.parquet");
        var ts = new DataField<long>("ts");
        var a = new DataField<double>("a");
        await WriteAsync(file, [ts, a], async g =>
        {
            await g.WriteAsync<long>(ts, new[] { 1709280000L });
            await g.WriteAsync<double>(a, new[] { 1.0 });
        });

        var error = await Assert.ThrowsAsync<FileImportException>(() => Import(file, new FileImportOptions { Mapping = new ImportMapping { Prefix = "p/l/m" } }));

        Assert.Contains("epoch seconds or milliseconds", error.Message, StringComparison.Ordinal);
        Assert.Empty(_ingestor.Calls);
    }

    [Fact]
    public async Task Many_row_groups_and_small_chunks_deliver_every_point()
    {
        var file = _dir.PathOf("groups.parquet");
        var ts = new DataField<DateTime>("ts");
        var a = new DataField<float>("a");
        var b = new DataField<long?>("b");
        await using (var stream = File.Create(file))
        await using (var writer = await ParquetWriter.CreateAsync(new ParquetSchema(ts, a, b), stream))
        {
            for (var g = 0; g < 4; g++)
            {
                using var group = writer.CreateRowGroup();
                var times = Enumerable.Range(0, 250).Select(i => T0.AddSeconds((g * 250) + i)).ToArray();
                await group.WriteAsync<DateTime>(ts, times);
                await group.WriteAsync<float>(a, Enumerable.Range(0, 250).Select(i => (float)i).ToArray());
                await group.WriteAsync<long>(b, Enumerable.Range(0, 250).Select(i => i % 2 == 0 ? (long?)i : null).ToArray());
            }
        }
        var progress = new ProgressLog();

        var result = await _importer.ImportAsync(file, new FileImportOptions { ChunkSize = 64, Mapping = new ImportMapping { Prefix = "p/l/m" } }, progress, CancellationToken.None);

        Assert.Equal((1000L, 1500L, 1500L, 0L), (result.Rows, result.PointsRead, result.Accepted, result.Duplicates));
        Assert.Equal(1500, _ingestor.Points.Distinct().Count());
        Assert.Equal(new FileInfo(file).Length, progress.Reports[^1].BytesRead);
    }

    [Fact]
    public async Task Wide_parquet_points_arrive_row_by_row_in_time_order_with_text_cells_kept()
    {
        var file = _dir.PathOf("ordered.parquet");
        var ts = new DataField<DateTime>("ts");
        var a = new DataField<double?>("a");
        var state = new DataField<string>("state");
        var b = new DataField<int>("b");
        await using (var stream = File.Create(file))
        await using (var writer = await ParquetWriter.CreateAsync(new ParquetSchema(ts, a, state, b), stream))
        {
            for (var g = 0; g < 2; g++)
            {
                using var group = writer.CreateRowGroup();
                await group.WriteAsync<DateTime>(ts, Enumerable.Range(0, 5).Select(i => T0.AddSeconds((g * 5) + i)).ToArray());
                await group.WriteAsync<double>(a, Enumerable.Range(0, 5).Select(i => i == 2 ? null : (double?)i).ToArray());
                await group.WriteAsync(state, Enumerable.Range(0, 5).Select(i => i % 2 == 0 ? "idle" : "").ToArray());
                await group.WriteAsync<int>(b, Enumerable.Range(0, 5).Select(i => (g * 5) + i).ToArray());
            }
        }

        var result = await Import(file, new FileImportOptions { ChunkSize = 4, MaxChunksInFlight = 1, Mapping = new ImportMapping { Prefix = "p/l/m" } });

        var points = _ingestor.Points;
        // The test ingestor keeps numbers only and rejects the text cells ("idle") as the wrong type.
        Assert.Equal((10L, 24L, 18L, 6L), (result.Rows, result.PointsRead, result.Accepted, result.Rejected));
        Assert.Equal(points.OrderBy(p => p.Timestamp).Select(p => p.Timestamp), points.Select(p => p.Timestamp));
        Assert.Equal(
            [("p/l/m/a", T0), ("p/l/m/b", T0), ("p/l/m/a", T0.AddSeconds(1)), ("p/l/m/b", T0.AddSeconds(1)), ("p/l/m/b", T0.AddSeconds(2))],
            points.Take(5).Select(p => (p.Signal, p.Timestamp.UtcDateTime)));
        Assert.Equal(RawValue.Of(9), points[^1].Value);
        Assert.All(result.Rejections, r => Assert.Equal(("p/l/m/state", "idle"), (r.Signal, r.Value)));
    }
}
