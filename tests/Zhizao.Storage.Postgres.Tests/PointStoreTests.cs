using Zhizao.Core.Points;
using Zhizao.Core.Storage;

namespace Zhizao.Storage.Postgres.Tests;

public sealed class PointStoreTests(PostgresServerFixture server) : PostgresStoreTest(server)
{
    private static DataPoint[] Series(int signalId, long startMicros, long stepMicros, int count, Func<int, double>? value = null) =>
        [.. Enumerable.Range(0, count).Select(i => new DataPoint(signalId, startMicros + (i * stepMicros), value?.Invoke(i) ?? i))];

    [Fact]
    public async Task Writing_the_same_points_again_stores_nothing_and_counts_duplicates()
    {
        var first = Series(1, 1_000_000, 1_000, 100);
        Assert.Equal(new(100, 0), await Store.Points.WriteAsync(first, Ct));
        Assert.Equal(new(0, 100), await Store.Points.WriteAsync(first, Ct));

        var overlapping = Series(1, 1_000_000 + (50 * 1_000), 1_000, 100);
        Assert.Equal(new(50, 50), await Store.Points.WriteAsync(overlapping, Ct));
        Assert.Equal(150, await Store.Points.CountAsync(Ct));
    }

    [Fact]
    public async Task Duplicates_within_a_batch_count_as_duplicates_and_the_first_occurrence_wins()
    {
        DataPoint[] batch = [new(7, 10, 1.5), new(7, 20, 2.5), new(7, 10, 99), new(8, 10, 3.5), new(7, 20, 98)];

        var result = await Store.Points.WriteAsync(batch, Ct);

        Assert.Equal(new(3, 2), result);
        var page = await Store.Points.ReadRawAsync(7, 0, 100, 10, null, Ct);
        Assert.Equal([new DataPoint(7, 10, 1.5), new DataPoint(7, 20, 2.5)], page.Points);
        var latest = await Store.Points.ReadLatestAsync([7], Ct);
        Assert.Equal([new LatestValue(7, 20, 2.5)], latest);
    }

    [Fact]
    public async Task Concurrent_writers_of_the_same_points_store_each_point_once()
    {
        var points = Series(11, 0, 1_000, 5_000, i => i);
        var writers = Enumerable.Range(0, 4)
            .Select(seed => Task.Run(() => Store.Points.WriteAsync([.. points.OrderBy(_ => Random.Shared.Next())], Ct)));

        var results = await Task.WhenAll(writers);

        Assert.Equal(points.Length, results.Sum(r => r.Inserted));
        Assert.Equal(3 * points.Length, results.Sum(r => r.Duplicates));
        Assert.Equal(points.Length, await Store.Points.CountAsync(Ct));
        Assert.Equal([new LatestValue(11, points[^1].TimestampMicros, points[^1].Value)], await Store.Points.ReadLatestAsync([11], Ct));
    }

    [Fact]
    public async Task An_empty_write_stores_nothing()
    {
        Assert.Equal(new(0, 0), await Store.Points.WriteAsync([], Ct));
        Assert.Equal(0, await Store.Points.CountAsync(Ct));
    }

    [Theory]
    [InlineData(2_500, 1_000)]
    [InlineData(2_000, 1_000)]
    [InlineData(3, 1)]
    public async Task Raw_pages_follow_the_cursor_through_every_point_in_range_once(int count, int limit)
    {
        var points = Series(3, -500_000, 1_000, count, i => i * 0.5);
        await Store.Points.WriteAsync(points, Ct);
        await Store.Points.WriteAsync(Series(4, -500_000, 1_000, 10), Ct);
        var from = points[0].TimestampMicros;
        var to = points[^1].TimestampMicros + 1;

        var read = new List<DataPoint>();
        long? cursor = null;
        var pages = 0;
        do
        {
            var page = await Store.Points.ReadRawAsync(3, from, to, limit, cursor, Ct);
            Assert.True(page.Points.Count <= limit);
            read.AddRange(page.Points);
            cursor = page.NextAfterMicros;
            pages++;
            Assert.True(pages <= (count / limit) + 1, "the cursor must not loop");
        }
        while (cursor is not null);

        Assert.Equal(points, read);
        Assert.Equal((count / limit) + 1, pages);
    }

    [Fact]
    public async Task Raw_read_includes_from_and_excludes_to()
    {
        await Store.Points.WriteAsync(Series(5, 0, 10, 10), Ct);

        var page = await Store.Points.ReadRawAsync(5, 20, 50, 100, null, Ct);

        Assert.Equal([20L, 30, 40], page.Points.Select(p => p.TimestampMicros));
        Assert.Null(page.NextAfterMicros);
    }

    [Fact]
    public async Task Raw_read_rejects_a_limit_above_the_bound()
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Store.Points.ReadRawAsync(1, 0, 1, PostgresStore.MaxReadLimit + 1, null, Ct));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Store.Points.ReadRawAsync(1, 0, 1, 0, null, Ct));
    }

    [Fact]
    public async Task Aggregates_match_values_computed_from_the_points_with_epoch_aligned_buckets()
    {
        const long bucket = 60_000_000;
        var random = new Random(42);
        // Irregular times on both sides of the epoch, written shuffled so that "last" must follow time, not arrival.
        var points = Enumerable.Range(0, 3_000)
            .Select(i => new DataPoint(9, -90_000_000 + (i * 97_003L), Math.Round(random.NextDouble() * 100, 3)))
            .ToArray();
        await Store.Points.WriteAsync([.. points.OrderBy(_ => random.Next())], Ct);
        var from = -75_000_000L;
        var to = 150_000_000L;

        var buckets = await Store.Points.ReadAggregatesAsync(9, from, to, bucket, Ct);

        var expected = points
            .Where(p => p.TimestampMicros >= from && p.TimestampMicros < to)
            .GroupBy(p => (long)Math.Floor(p.TimestampMicros / (double)bucket) * bucket)
            .OrderBy(g => g.Key)
            .ToList();
        Assert.Contains(expected, g => g.Key < 0);
        Assert.Equal(expected.Select(g => g.Key), buckets.Select(b => b.StartMicros));
        foreach (var (group, actual) in expected.Zip(buckets))
        {
            Assert.Equal(group.Min(p => p.Value), actual.Min);
            Assert.Equal(group.Max(p => p.Value), actual.Max);
            Assert.Equal(group.Average(p => p.Value), actual.Avg, 1e-9);
            Assert.Equal(group.MaxBy(p => p.TimestampMicros).Value, actual.Last);
            Assert.Equal(group.Count(), actual.Count);
        }
    }

    [Fact]
    public async Task Aggregates_refuse_a_bucket_too_small_for_the_range()
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(
            () => Store.Points.ReadAggregatesAsync(1, 0, 1_000_000_000, 1, Ct));
    }

    [Fact]
    public async Task Latest_follows_time_not_arrival_order()
    {
        await Store.Points.WriteAsync([new(1, 300, 3), new(2, 50, 20)], Ct);
        await Store.Points.WriteAsync([new(1, 100, 1), new(1, 200, 2)], Ct);
        Assert.Equal([new LatestValue(1, 300, 3), new LatestValue(2, 50, 20)], await Store.Points.ReadLatestAsync([1, 2, 3], Ct));

        await Store.Points.WriteAsync([new(1, 500, 5), new(1, 400, 4)], Ct);
        await Store.Points.WriteAsync([new(1, 500, 55)], Ct);

        Assert.Equal([new LatestValue(1, 500, 5)], await Store.Points.ReadLatestAsync([1], Ct));
        Assert.Empty(await Store.Points.ReadLatestAsync([3], Ct));
    }

    [Fact]
    public async Task A_large_batch_is_copied_in_one_write()
    {
        const int signals = 10;
        const int perSignal = 20_000;
        var points = Enumerable.Range(0, signals * perSignal)
            .Select(i => new DataPoint(100 + (i % signals), 1_700_000_000_000_000 + ((i / signals) * 1_000_000L), i))
            .ToArray();

        var result = await Store.Points.WriteAsync(points, Ct);

        Assert.Equal(new(signals * perSignal, 0), result);
        Assert.Equal(signals * perSignal, await Store.Points.CountAsync(Ct));
        var day = await Store.Points.ReadAggregatesAsync(
            105, 1_700_000_000_000_000, 1_700_000_000_000_000 + (perSignal * 1_000_000L), 86_400_000_000, Ct);
        Assert.Equal(perSignal, day.Sum(b => b.Count));
        var latest = Assert.Single(await Store.Points.ReadLatestAsync([105], Ct));
        Assert.Equal(points.Where(p => p.SignalId == 105).MaxBy(p => p.TimestampMicros), new DataPoint(latest.SignalId, latest.TimestampMicros, latest.Value));
    }
}
