using Zhizao.Core.Points;
using Zhizao.Core.Storage;

namespace Zhizao.Storage.DuckDb.Tests;

public sealed class PointStoreTests : DuckDbStoreTest
{
    private const long Second = 1_000_000;
    private static readonly long T0 = Timestamps.ToMicros(new DateTimeOffset(2026, 11, 25, 0, 0, 0, TimeSpan.Zero));

    private static List<DataPoint> Series(int signalId, int count, long start, long step, Func<int, double>? value = null) =>
        [.. Enumerable.Range(0, count).Select(i => new DataPoint(signalId, start + (i * step), value?.Invoke(i) ?? i))];

    [Fact]
    public async Task Write_stores_points_and_reports_them_inserted()
    {
        var result = await Store.Points.WriteAsync(Series(1, 100, T0, Second), Ct);

        Assert.Equal(new WriteResult(100, 0), result);
        Assert.Equal(100, await Store.Points.CountAsync(Ct));
    }

    [Fact]
    public async Task Write_of_an_empty_batch_does_nothing()
    {
        Assert.Equal(default, await Store.Points.WriteAsync([], Ct));
        Assert.Equal(0, await Store.Points.CountAsync(Ct));
    }

    [Fact]
    public async Task Write_ignores_points_already_stored_and_counts_them_as_duplicates()
    {
        await Store.Points.WriteAsync(Series(1, 100, T0, Second), Ct);

        var again = Series(1, 150, T0, Second, i => -i);
        var result = await Store.Points.WriteAsync(again, Ct);

        Assert.Equal(new WriteResult(50, 100), result);
        Assert.Equal(150, await Store.Points.CountAsync(Ct));
        // The first value written wins: a replay cannot change history.
        var page = await Store.Points.ReadRawAsync(1, T0, T0 + (10 * Second), 10, null, Ct);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (double)i), page.Points.Select(p => p.Value));
    }

    [Fact]
    public async Task Write_counts_duplicates_within_one_batch()
    {
        List<DataPoint> batch = [new(1, T0, 1), new(1, T0, 2), new(2, T0, 3), new(1, T0 + 1, 4), new(2, T0, 5)];

        var result = await Store.Points.WriteAsync(batch, Ct);

        Assert.Equal(new WriteResult(3, 2), result);
        Assert.Equal(3, await Store.Points.CountAsync(Ct));
    }

    [Fact]
    public async Task Write_detects_duplicates_after_compaction()
    {
        var points = Series(1, CompactionThreshold + 500, T0, Second);
        await Store.Points.WriteAsync(points, Ct);
        Assert.Equal(0, await CountRowsAsync("points_hot"));
        Assert.Equal(points.Count, await CountRowsAsync("points"));

        var result = await Store.Points.WriteAsync(points, Ct);

        Assert.Equal(new WriteResult(0, points.Count), result);
        Assert.Equal(points.Count, await Store.Points.CountAsync(Ct));
    }

    [Fact]
    public async Task Write_detects_duplicates_split_between_compacted_and_hot_rows()
    {
        await Store.Points.WriteAsync(Series(1, CompactionThreshold, T0, Second), Ct);
        await Store.Points.WriteAsync(Series(1, 100, T0 + (CompactionThreshold * Second), Second), Ct);
        Assert.Equal(100, await CountRowsAsync("points_hot"));

        var result = await Store.Points.WriteAsync(Series(1, CompactionThreshold + 200, T0, Second), Ct);

        Assert.Equal(new WriteResult(100, CompactionThreshold + 100), result);
        Assert.Equal(CompactionThreshold + 200, await Store.Points.CountAsync(Ct));
    }

    [Fact]
    public async Task ReadRaw_pages_with_the_cursor_across_hot_and_compacted_rows()
    {
        // Signal 1 interleaved with signal 2: the first write is compacted, the second stays hot.
        var first = Series(1, 6_000, T0, Second).Concat(Series(2, 6_000, T0, Second, i => -i)).ToList();
        var second = Series(1, 3_000, T0 + (6_000 * Second), Second, i => 6_000 + i);
        await Store.Points.WriteAsync(first, Ct);
        await Store.Points.WriteAsync(second, Ct);
        Assert.Equal(3_000, await CountRowsAsync("points_hot"));

        var read = new List<DataPoint>();
        long? cursor = null;
        var pages = 0;
        do
        {
            var page = await Store.Points.ReadRawAsync(1, T0, T0 + (9_000 * Second), 2_000, cursor, Ct);
            read.AddRange(page.Points);
            cursor = page.NextAfterMicros;
            pages++;
        }
        while (cursor is not null && pages < 100);

        Assert.Equal(5, pages);
        Assert.Equal(Series(1, 9_000, T0, Second), read);
    }

    [Fact]
    public async Task ReadRaw_reads_from_inclusive_to_exclusive_in_time_order()
    {
        // Written newest first: the read must still be ordered by time.
        await Store.Points.WriteAsync([.. Series(1, 10, T0, Second).AsEnumerable().Reverse()], Ct);

        var page = await Store.Points.ReadRawAsync(1, T0 + (2 * Second), T0 + (5 * Second), 100, null, Ct);

        Assert.Equal([T0 + (2 * Second), T0 + (3 * Second), T0 + (4 * Second)], page.Points.Select(p => p.TimestampMicros));
        Assert.Null(page.NextAfterMicros);
    }

    [Fact]
    public async Task ReadRaw_of_an_unknown_signal_is_empty()
    {
        await Store.Points.WriteAsync(Series(1, 10, T0, Second), Ct);

        var page = await Store.Points.ReadRawAsync(99, long.MinValue, long.MaxValue, 100, null, Ct);

        Assert.Empty(page.Points);
        Assert.Null(page.NextAfterMicros);
    }

    [Fact]
    public async Task ReadAggregates_matches_values_computed_directly()
    {
        var random = new Random(42);
        // Irregular timestamps written in shuffled order, half compacted and half hot.
        var points = Enumerable.Range(0, 14_000)
            .Select(i => new DataPoint(7, T0 + (i * 700_000L) + random.Next(0, 500_000), Math.Round(random.NextDouble() * 100, 3)))
            .OrderBy(_ => random.Next())
            .ToList();
        await Store.Points.WriteAsync(points[..CompactionThreshold], Ct);
        await Store.Points.WriteAsync(points[CompactionThreshold..], Ct);
        var bucket = 60 * Second;
        var from = T0 + (17 * Second);
        var to = T0 + (7_000 * Second);

        var buckets = await Store.Points.ReadAggregatesAsync(7, from, to, bucket, Ct);

        var expected = points
            .Where(p => p.TimestampMicros >= from && p.TimestampMicros < to)
            .GroupBy(p => p.TimestampMicros - (p.TimestampMicros % bucket))
            .OrderBy(g => g.Key)
            .Select(g => new AggregateBucket(g.Key, g.Min(p => p.Value), g.Max(p => p.Value), g.Average(p => p.Value), g.MaxBy(p => p.TimestampMicros).Value, g.Count()))
            .ToList();
        Assert.Equal(expected.Count, buckets.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i] with { Avg = 0 }, buckets[i] with { Avg = 0 });
            Assert.Equal(expected[i].Avg, buckets[i].Avg, 9);
        }
    }

    [Fact]
    public async Task ReadAggregates_aligns_buckets_to_the_epoch_for_negative_timestamps()
    {
        // -2.5 s, -1 s, -0.5 s, 0 s, 0.9 s, 1.5 s with one-second buckets.
        long[] times = [-2_500_000, -1_000_000, -500_000, 0, 900_000, 1_500_000];
        await Store.Points.WriteAsync([.. times.Select((t, i) => new DataPoint(3, t, i + 1))], Ct);

        var buckets = await Store.Points.ReadAggregatesAsync(3, -10 * Second, 10 * Second, Second, Ct);

        Assert.Equal(
            [
                new AggregateBucket(-3_000_000, 1, 1, 1, 1, 1),
                new AggregateBucket(-1_000_000, 2, 3, 2.5, 3, 2),
                new AggregateBucket(0, 4, 5, 4.5, 5, 2),
                new AggregateBucket(1_000_000, 6, 6, 6, 6, 1),
            ],
            buckets);
    }

    [Fact]
    public async Task ReadAggregates_refuses_a_bucket_that_is_not_positive() =>
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Store.Points.ReadAggregatesAsync(1, 0, 10, 0, Ct));

    [Fact]
    public async Task ReadLatest_keeps_the_newest_point_after_out_of_order_writes()
    {
        await Store.Points.WriteAsync([new(1, T0 + (10 * Second), 10), new(2, T0, 20)], Ct);
        await Store.Points.WriteAsync([new(1, T0 + (5 * Second), 5), new(1, T0 + (12 * Second), 12), new(1, T0 + (11 * Second), 11)], Ct);
        await Store.Points.WriteAsync([new(1, T0 + Second, 1), new(2, T0 - Second, 19)], Ct);

        var latest = await Store.Points.ReadLatestAsync([1, 2, 3], Ct);

        Assert.Equal(
            [new LatestValue(1, T0 + (12 * Second), 12), new LatestValue(2, T0, 20)],
            latest.OrderBy(l => l.SignalId));
    }

    [Fact]
    public async Task ReadLatest_returns_only_the_signals_asked_for()
    {
        await Store.Points.WriteAsync([new(1, T0, 1), new(2, T0, 2), new(3, T0, 3)], Ct);

        var latest = await Store.Points.ReadLatestAsync([2], Ct);

        Assert.Equal(new LatestValue(2, T0, 2), Assert.Single(latest));
    }

    [Fact]
    public async Task Count_includes_hot_and_compacted_points()
    {
        await Store.Points.WriteAsync(Series(1, CompactionThreshold, T0, Second), Ct);
        await Store.Points.WriteAsync(Series(2, 42, T0, Second), Ct);

        Assert.Equal(CompactionThreshold + 42, await Store.Points.CountAsync(Ct));
        Assert.Equal(42, await CountRowsAsync("points_hot"));
    }

    [Fact]
    public async Task Store_reports_ready_once_initialised()
    {
        Assert.True(await Store.IsReadyAsync(Ct));
        Assert.Equal("duckdb", Store.Backend);
    }
}
