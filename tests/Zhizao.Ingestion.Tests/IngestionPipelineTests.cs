using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Zhizao.Core.Agents;
using Zhizao.Core.Assets;
using Zhizao.Core.Ingestion;
using Zhizao.Core.Points;
using Zhizao.Core.Storage;
using Zhizao.Storage.DuckDb;

namespace Zhizao.Ingestion.Tests;

/// <summary>The pipeline end to end on the real embedded store in a temporary directory.</summary>
public sealed class IngestionPipelineTests : IAsyncLifetime
{
    private const string Temp = "sh/line1/press1/temp";
    private const string Count = "sh/line1/press1/count";
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 8, 0, 0, TimeSpan.Zero);
    private static readonly CancellationToken Ct = CancellationToken.None;

    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"zhizao-ingest-{Guid.NewGuid():N}");
    private readonly FakeTimeProvider _time = new(Now);
    private readonly IngestionMetrics _metrics = new();
    private readonly List<IngestionPipeline> _pipelines = [];
    private DuckDbStore _store = null!;
    private CatalogService _catalog = null!;

    public async Task InitializeAsync()
    {
        _store = new DuckDbStore(new DuckDbStoreOptions { Path = Path.Combine(_directory, "ingest.duckdb"), CompactionThresholdRows = 10_000, Threads = 2 }, NullLogger<DuckDbStore>.Instance);
        await _store.InitializeAsync(Ct);
        _catalog = new CatalogService(_store);
        await ImportAsync(Signal("temp", "°C", SignalDataType.Float), Signal("count", "1", SignalDataType.Int));
    }

    private static Signal Signal(string id, string unit, SignalDataType type) =>
        new(id, unit, type, 1, type == SignalDataType.Float ? new NormalRange(0, 100) : null, new LocalizedText(id, ""));

    private async Task ImportAsync(params Signal[] signals)
    {
        var plant = new PlantModel(PlantModel.CurrentSchemaVersion, "demo", new LocalizedText("Demo", "演示"), 1,
            [new Site("sh", new LocalizedText("Shanghai", "上海"), "Asia/Shanghai", [new Line("line1", new LocalizedText("Line 1", ""), [new Machine("press1", new LocalizedText("Press 1", ""), "press", signals)])])]);
        await _store.Metadata.SavePlantAsync(plant, Now, Ct);
        await _catalog.ReloadAsync(Ct);
    }

    private int IdOf(string path) => _catalog.Current.TryGet(path, out var signal) ? signal.Id : throw new InvalidOperationException(path);

    private IngestionPipeline Start(IStore? store = null, IngestionOptions? options = null, params IPointStreamSubscriber[] subscribers)
    {
        var pipeline = new IngestionPipeline(
            store ?? _store, _catalog, new PointStream(subscribers, NullLogger<PointStream>.Instance), options ?? new IngestionOptions(), _metrics, _time, NullLogger<IngestionPipeline>.Instance);
        pipeline.Start();
        _pipelines.Add(pipeline);
        return pipeline;
    }

    private static List<IncomingPoint> Points(string signal, int count, int offsetSeconds = 0) =>
        [.. Enumerable.Range(0, count).Select(i => new IncomingPoint(signal, Now.AddSeconds(-(offsetSeconds + i)), RawValue.Of(i)))];

    private async Task<List<DataPoint>> ReadAllAsync(string signal) =>
        [.. (await _store.Points.ReadRawAsync(IdOf(signal), long.MinValue, long.MaxValue, 100_000, null, Ct)).Points];

    [Fact]
    public async Task Ingest_makes_accepted_points_readable_as_soon_as_it_returns()
    {
        var pipeline = Start();

        var result = await pipeline.IngestAsync(
            [new IncomingPoint(Temp, Now.AddSeconds(-2), RawValue.Of(20.5)), new IncomingPoint(Temp, Now.AddSeconds(-1), RawValue.Of(21.5)), new IncomingPoint(Count, Now, RawValue.Of(7))],
            "test", Ct);

        Assert.Equal(new IngestResult(3, 0, 0, []), result with { Rejections = [] });
        Assert.Empty(result.Rejections);
        Assert.Equal(
            [new DataPoint(IdOf(Temp), Timestamps.ToMicros(Now.AddSeconds(-2)), 20.5), new DataPoint(IdOf(Temp), Timestamps.ToMicros(Now.AddSeconds(-1)), 21.5)],
            await ReadAllAsync(Temp));
        Assert.Equal([7.0], (await ReadAllAsync(Count)).Select(p => p.Value));
        Assert.Equal(3, _metrics.AcceptedTotal);
    }

    [Fact]
    public async Task Ingest_rejects_unknown_signal_and_keeps_the_rest()
    {
        var pipeline = Start();

        var result = await pipeline.IngestAsync(
        [
            new IncomingPoint(Temp, Now.AddSeconds(-1), RawValue.Of(20)),
            new IncomingPoint("sh/line1/press1/ghost", Now, RawValue.Of(1)),
            new IncomingPoint(Count, Now, RawValue.Of(2.5)),
            new IncomingPoint(Temp, Now, RawValue.Of(21)),
        ], "mqtt:client-7", Ct);

        Assert.Equal((2, 0, 2), (result.Accepted, result.Duplicates, result.Rejected));
        Assert.Equal([RejectReason.UnknownSignal, RejectReason.WrongType], result.Rejections.Select(r => r.Reason));
        Assert.Equal([20.0, 21.0], (await ReadAllAsync(Temp)).Select(p => p.Value));
        Assert.Empty(await ReadAllAsync(Count));
        var quarantined = await _store.Metadata.ListQuarantineAsync(new QuarantineQuery(), Ct);
        Assert.Equal([RejectReason.WrongType, RejectReason.UnknownSignal], quarantined.Select(q => q.Point.Reason));
        Assert.All(quarantined, q => Assert.Equal("mqtt:client-7", q.Point.Source));
        Assert.All(quarantined, q => Assert.Equal(Now, q.Point.ReceivedAt));
        Assert.Equal("sh/line1/press1/ghost", quarantined[1].Point.Signal);
        Assert.Equal("2.5", quarantined[0].Point.Value);
        Assert.Equal(2, _metrics.RejectedTotal);
    }

    [Fact]
    public async Task Ingest_stores_the_converted_value_when_a_unit_is_given()
    {
        var pipeline = Start();

        var result = await pipeline.IngestAsync([new IncomingPoint(Temp, Now, RawValue.Of(212), "°F"), new IncomingPoint(Temp, Now.AddSeconds(-1), RawValue.Of(1), "bar")], "test", Ct);

        Assert.Equal(RejectReason.WrongUnit, Assert.Single(result.Rejections).Reason);
        Assert.Equal(100, Assert.Single(await ReadAllAsync(Temp)).Value, 9);
    }

    [Fact]
    public async Task Ingest_of_a_replayed_call_reports_duplicates_and_stores_nothing_twice()
    {
        var pipeline = Start();
        await pipeline.IngestAsync(Points(Temp, 50), "test", Ct);

        var replay = await pipeline.IngestAsync(Points(Temp, 80), "test", Ct);

        Assert.Equal((80, 50, 0), (replay.Accepted, replay.Duplicates, replay.Rejected));
        Assert.Equal(80, await _store.Points.CountAsync(Ct));
    }

    [Fact]
    public async Task Ingest_rejects_an_oversize_call_whole()
    {
        var pipeline = Start(options: new IngestionOptions { MaxPointsPerCall = 10 });

        var result = await pipeline.IngestAsync(Points(Temp, 11), "http:big", Ct);

        Assert.Equal((0, 11), (result.Accepted, result.Rejected));
        Assert.Equal(RejectReason.Oversize, Assert.Single(result.Rejections).Reason);
        Assert.Equal(0, await _store.Points.CountAsync(Ct));
        var entry = Assert.Single(await _store.Metadata.ListQuarantineAsync(new QuarantineQuery(), Ct));
        Assert.Equal((RejectReason.Oversize, "http:big"), (entry.Point.Reason, entry.Point.Source));
        Assert.Equal(10, (await pipeline.IngestAsync(Points(Temp, 10), "http:ok", Ct)).Accepted);
    }

    [Fact]
    public async Task Ingest_of_no_points_returns_an_empty_result()
    {
        var pipeline = Start();

        Assert.Same(IngestResult.Empty, await pipeline.IngestAsync([], "test", Ct));
    }

    [Fact]
    public async Task Ingest_accepts_a_signal_once_its_plant_is_imported()
    {
        var pipeline = Start();
        var early = await pipeline.IngestAsync([new IncomingPoint("sh/line1/press1/speed", Now, RawValue.Of(1500))], "test", Ct);

        await ImportAsync(Signal("temp", "°C", SignalDataType.Float), Signal("count", "1", SignalDataType.Int), Signal("speed", "rpm", SignalDataType.Float));
        var late = await pipeline.IngestAsync([new IncomingPoint("sh/line1/press1/speed", Now, RawValue.Of(1500))], "test", Ct);

        Assert.Equal(RejectReason.UnknownSignal, Assert.Single(early.Rejections).Reason);
        Assert.Equal(1, late.Accepted);
        Assert.Equal([1500.0], (await ReadAllAsync("sh/line1/press1/speed")).Select(p => p.Value));
    }

    [Fact]
    public async Task Ingest_from_many_concurrent_callers_stores_every_point()
    {
        var subscriber = new RecordingSubscriber();
        var pipeline = Start(subscribers: subscriber);

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(caller =>
            Task.Run(() => pipeline.IngestAsync(Points(caller % 2 == 0 ? Temp : Count, 1_000, offsetSeconds: caller * 1_000), $"client-{caller}", Ct))));

        Assert.All(results, r => Assert.Equal((1_000, 0), (r.Accepted, r.Rejected)));
        Assert.Equal(20_000, await _store.Points.CountAsync(Ct));
        Assert.Equal(10_000, (await ReadAllAsync(Temp)).Count);
        Assert.Equal(20_000, _metrics.AcceptedTotal);
        await subscriber.WaitForPointsAsync(20_000).WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task Subscriber_receives_every_durable_batch()
    {
        var subscriber = new RecordingSubscriber();
        var pipeline = Start(subscribers: subscriber);

        for (var call = 0; call < 5; call++)
            await pipeline.IngestAsync([.. Points(Temp, 100, call * 100), new IncomingPoint("x/y/z/w", Now, RawValue.Of(1))], "test", Ct);
        await subscriber.WaitForPointsAsync(500).WaitAsync(TimeSpan.FromSeconds(30));

        var delivered = subscriber.Batches.SelectMany(b => b).OrderBy(p => p.TimestampMicros).ToList();
        Assert.Equal(await ReadAllAsync(Temp), delivered);
    }

    [Fact]
    public async Task A_failing_subscriber_does_not_stop_the_others()
    {
        var subscriber = new RecordingSubscriber();
        var pipeline = Start(null, null, new ThrowingSubscriber(), subscriber);

        await pipeline.IngestAsync(Points(Temp, 10), "test", Ct);
        await pipeline.IngestAsync(Points(Temp, 10, 10), "test", Ct);

        await subscriber.WaitForPointsAsync(20).WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task A_flood_of_rejections_is_quarantined_in_detail_up_to_the_limit_and_summarised()
    {
        var pipeline = Start();
        var flood = Enumerable.Range(0, IngestionPipeline.MaxQuarantinedPerCall + 5).Select(i => new IncomingPoint("x/y/z/w", Now.AddSeconds(-i), RawValue.Of(i))).ToList();

        var result = await pipeline.IngestAsync([.. flood, new IncomingPoint(Temp, Now, RawValue.Of(1))], "flood", Ct);

        Assert.Equal((1, flood.Count), (result.Accepted, result.Rejected));
        Assert.Equal(IngestResult.MaxReportedRejections, result.Rejections.Count);
        Assert.Equal(IngestionPipeline.MaxQuarantinedPerCall + 1, (await _store.Metadata.CountQuarantineAsync(Ct))[RejectReason.UnknownSignal]);
        var summary = (await _store.Metadata.ListQuarantineAsync(new QuarantineQuery(Limit: 1), Ct))[0];
        Assert.StartsWith("5 more points", summary.Point.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dispose_writes_the_queued_requests_before_it_returns()
    {
        var store = new ControlledStore(_store);
        var pipeline = Start(store);
        var writing = store.HoldWrites();
        var first = pipeline.IngestAsync(Points(Temp, 10), "a", Ct);
        await writing.WaitAsync(TimeSpan.FromSeconds(30));
        var queued = Enumerable.Range(1, 5).Select(i => pipeline.IngestAsync(Points(Temp, 10, i * 10), $"b{i}", Ct)).ToList();

        var disposing = pipeline.DisposeAsync().AsTask();
        Assert.False(disposing.IsCompleted);
        store.Release();
        await disposing.WaitAsync(TimeSpan.FromSeconds(30));

        // Durable by the time dispose returns; the callers are released just after (continuations run asynchronously).
        Assert.Equal(60, await _store.Points.CountAsync(Ct));
        var results = await Task.WhenAll([first, .. queued]).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.All(results, r => Assert.Equal(10, r.Accepted));
    }

    [Fact]
    public async Task Store_failure_fails_the_call_and_the_pipeline_keeps_working()
    {
        var store = new ControlledStore(_store) { FailWrites = true };
        var pipeline = Start(store);

        var failure = await Assert.ThrowsAsync<StoreUnavailableException>(() => pipeline.IngestAsync(Points(Temp, 10), "test", Ct));
        store.FailWrites = false;
        var result = await pipeline.IngestAsync(Points(Temp, 10, 100), "test", Ct);

        Assert.IsType<IOException>(failure.InnerException);
        Assert.Equal(10, result.Accepted);
        Assert.Equal(10, await _store.Points.CountAsync(Ct));
        Assert.Equal(10, _metrics.AcceptedTotal);
    }

    [Fact]
    public async Task RejectPayload_quarantines_the_payload_and_counts_it()
    {
        var pipeline = Start();

        await pipeline.RejectPayloadAsync(new RejectedPoint(Now, "mqtt:c", RejectReason.Malformed, "not JSON", Value: "{{{"), Ct);

        Assert.Equal(1, (await _store.Metadata.CountQuarantineAsync(Ct))[RejectReason.Malformed]);
        Assert.Equal(1, _metrics.RejectedTotal);
    }

    [Fact]
    public async Task Ingest_rejects_timestamps_too_far_ahead_of_the_server_clock()
    {
        var pipeline = Start(options: new IngestionOptions { MaxFutureSkew = TimeSpan.FromMinutes(5) });

        var result = await pipeline.IngestAsync([new IncomingPoint(Temp, Now.AddMinutes(6), RawValue.Of(1)), new IncomingPoint(Temp, Now.AddMinutes(4), RawValue.Of(2))], "test", Ct);
        _time.Advance(TimeSpan.FromMinutes(2));
        var later = await pipeline.IngestAsync([new IncomingPoint(Temp, Now.AddMinutes(6), RawValue.Of(1))], "test", Ct);

        Assert.Equal(RejectReason.TimestampOutOfRange, Assert.Single(result.Rejections).Reason);
        Assert.Equal(1, later.Accepted);
    }

    public async Task DisposeAsync()
    {
        foreach (var pipeline in _pipelines)
            await pipeline.DisposeAsync();
        await _store.DisposeAsync();
        _metrics.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary directory is harmless.
        }
    }
}
