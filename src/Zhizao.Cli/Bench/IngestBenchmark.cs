using Parquet;
using Parquet.Schema;
using Zhizao.Connectors.Files;
using Zhizao.Core.Points;
using Zhizao.Ingestion;

namespace Zhizao.Cli.Bench;

/// <summary>Options of the <c>ingest</c> suite.</summary>
internal sealed record IngestBenchmarkOptions(int Signals, int Rows, int SignalsPerMachine, int ChunkPoints, int MaxBatchPoints, string? WorkDirectory, bool Keep);

/// <summary>
/// The <c>ingest</c> suite: a generated wide file (CSV, then the same values as Parquet) imported end to end into a fresh embedded
/// store through <see cref="FileImporter"/> and the ingestion pipeline: parse, validate, durable writes. Each format gets its own store,
/// so neither import sees the other's points as duplicates.
/// </summary>
internal static class IngestBenchmark
{
    private const int ParquetRowGroupRows = 10_000;
    private static readonly DateTimeOffset Start = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static async Task RunAsync(IngestBenchmarkOptions options, string outDirectory, CancellationToken cancellationToken)
    {
        var run = new BenchRun("ingest", "File import into the embedded store");
        var plant = new BenchPlant(options.Signals, options.SignalsPerMachine);
        var points = (long)options.Rows * options.Signals;
        run.Parameter("signals", options.Signals);
        run.Parameter("rows", options.Rows);
        run.Parameter("points", points);
        run.Parameter("machines", plant.Machines);
        run.Parameter("period", "1 s");
        run.Parameter("chunk", options.ChunkPoints);
        run.Parameter("max batch", options.MaxBatchPoints);
        using var scratch = new BenchScratch("ingest", options.WorkDirectory, options.Keep);

        var columns = Enumerable.Range(0, options.Signals).Select(plant.ColumnName).ToList();
        var csv = scratch.Combine("wide.csv");
        var parquet = scratch.Combine("wide.parquet");
        BenchRun.Progress($"generating {points:N0} points ({options.Rows:N0} rows × {options.Signals:N0} signals) as CSV and Parquet in {scratch.Path}");
        WideCsvGenerator.Write(csv, columns, options.Rows, Start, TimeSpan.FromSeconds(1));
        await WriteParquetAsync(parquet, columns, options.Rows, cancellationToken);
        run.DataPaths.Add(scratch.Describe(csv));
        run.DataPaths.Add(scratch.Describe(parquet));
        run.Parameter("csv size", $"{BenchEnvironment.MiB(new FileInfo(csv).Length):F1} MiB");
        run.Parameter("parquet size", $"{BenchEnvironment.MiB(new FileInfo(parquet).Length):F1} MiB");

        var peakResets = true;
        foreach (var (format, file) in new[] { ("CSV", csv), ("Parquet", parquet) })
        {
            var store = scratch.Combine($"store-{format.ToLowerInvariant()}");
            await using var platform = await LocalPlatform.OpenAsync(store, null, cancellationToken, new IngestionOptions { MaxBatchPoints = options.MaxBatchPoints });
            await platform.SavePlantAsync(plant.Model(), cancellationToken);
            var mapping = new ImportMapping { Columns = plant.ColumnMapping() };
            peakResets &= BenchEnvironment.ResetPeakWorkingSet();
            BenchRun.Progress($"importing {Path.GetFileName(file)}");
            var result = await new FileImporter(platform.Pipeline, TimeProvider.System)
                .ImportAsync(file, new FileImportOptions { Mapping = mapping, ChunkSize = options.ChunkPoints }, null, cancellationToken);
            var peak = BenchEnvironment.PeakWorkingSetBytes();
            var stored = await platform.Store.Points.CountAsync(cancellationToken);
            if (result.Accepted != points || result.Rejected != 0 || stored != points)
                throw new InvalidOperationException($"{format} import lost data: {points} points in the file, {result.Accepted} accepted, {result.Rejected} rejected, {stored} stored");
            run.Metric($"{format} import rate", result.PointsPerSecond, "points/s", "≥ 1,000,000", "higher");
            run.Metric($"{format} import time", result.Elapsed.TotalSeconds, "s", better: "lower");
            run.Metric($"{format} import peak RSS", BenchEnvironment.MiB(peak), "MiB", better: "lower");
        }
        var storeOnly = await WriteStoreOnlyAsync(scratch.Combine("store-only"), plant, options, cancellationToken);
        run.Metric("store writes alone (same points, one chunk per call)", points / storeOnly.TotalSeconds, "points/s", better: "higher");

        run.Note($"Rates are points read from the file per second of wall time from opening it until the last chunk is durable (parse + validate + DuckDB transactions), in chunks of {options.ChunkPoints:N0} points; the store count is checked equal to the file's points.");
        run.Note(peakResets
            ? "Peak RSS is the process's resident peak during each import alone (reset through /proc/self/clear_refs after generating the files)."
            : "Peak RSS is the process's resident peak since start, file generation included (this kernel refused to reset it).");
        await run.WriteAsync(outDirectory, cancellationToken);
    }

    /// <summary>
    /// Writes the file's points, already as <see cref="DataPoint"/>s, straight into a fresh store one chunk per call, in file order:
    /// what the store's write path costs without parsing and validation, to tell where the import spends its time.
    /// </summary>
    private static async Task<TimeSpan> WriteStoreOnlyAsync(string directory, BenchPlant plant, IngestBenchmarkOptions options, CancellationToken cancellationToken)
    {
        await using var platform = await LocalPlatform.OpenAsync(directory, null, cancellationToken);
        await platform.SavePlantAsync(plant.Model(), cancellationToken);
        var catalog = platform.Catalog.Current;
        var ids = Enumerable.Range(0, plant.Signals).Select(n => catalog.TryGet(plant.SignalPath(n), out var s) ? s.Id : throw new InvalidOperationException($"{plant.SignalPath(n)} is not in the catalog")).ToArray();
        var all = new DataPoint[(long)options.Rows * plant.Signals];
        var start = Timestamps.ToMicros(Start);
        for (var r = 0; r < options.Rows; r++)
        {
            for (var n = 0; n < ids.Length; n++)
                all[((long)r * ids.Length) + n] = new DataPoint(ids[n], start + (r * 1_000_000L), Math.Round(WideCsvGenerator.Value(r, n), 3));
        }
        BenchRun.Progress("writing the same points straight into a store");
        var started = TimeProvider.System.GetTimestamp();
        for (var first = 0; first < all.Length; first += options.ChunkPoints)
            await platform.Store.Points.WriteAsync(new ArraySegment<DataPoint>(all, first, Math.Min(options.ChunkPoints, all.Length - first)), cancellationToken);
        return TimeProvider.System.GetElapsedTime(started);
    }

    /// <summary>Writes the values <see cref="WideCsvGenerator"/> writes (rounded as its text is) as Parquet: a UTC timestamp column and one double column per signal.</summary>
    private static async Task WriteParquetAsync(string path, IReadOnlyList<string> columns, int rows, CancellationToken cancellationToken)
    {
        var ts = new DateTimeDataField("ts", DateTimeFormat.DateAndTime, isAdjustedToUTC: true, isNullable: false);
        var fields = columns.Select(c => new DataField<double>(c)).ToArray();
        await using var stream = File.Create(path);
        await using var writer = await ParquetWriter.CreateAsync(new ParquetSchema([ts, .. fields]), stream, cancellationToken: cancellationToken);
        for (var first = 0; first < rows; first += ParquetRowGroupRows)
        {
            var count = Math.Min(ParquetRowGroupRows, rows - first);
            using var group = writer.CreateRowGroup();
            var times = Enumerable.Range(first, count).Select(r => Start.UtcDateTime.AddSeconds(r)).ToArray();
            await group.WriteAsync<DateTime>(ts, times, cancellationToken: cancellationToken);
            var values = new double[count];
            for (var s = 0; s < fields.Length; s++)
            {
                for (var r = 0; r < count; r++)
                    values[r] = Math.Round(WideCsvGenerator.Value(first + r, s), 3);
                await group.WriteAsync<double>(fields[s], values, cancellationToken: cancellationToken);
            }
        }
    }
}
