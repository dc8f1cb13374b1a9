using Zhizao.Core.Assets;
using Zhizao.Core.Points;
using Zhizao.Core.Storage;

namespace Zhizao.Server.Apis;

/// <summary>Queries: raw points with paging, downsampled aggregates, latest values.</summary>
public static class PointsApi
{
    private const int MaxBuckets = 100_000;

    public static RouteGroupBuilder MapPointsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/points").WithTags("Points").RequireAuthorization();
        group.MapGet("/raw", Raw).WithName("QueryRaw").WithSummary("Raw points of one signal in [from, to), paged with 'after'");
        group.MapGet("/aggregates", Aggregates).WithName("QueryAggregates").WithSummary("min/max/avg/last/count per bucket of one signal");
        group.MapGet("/latest", Latest).WithName("QueryLatest").WithSummary("Latest value of every signal under a path prefix (or all)");
        return group;
    }

    internal static async Task<IResult> Raw(string? signal, string? from, string? to, int? limit, long? after, IStore store, CatalogService catalog, TimeProvider time, CancellationToken cancellationToken)
    {
        if (Resolve(signal, catalog) is not { } record)
            return UnknownSignal(signal);
        if (ParseRange(from, to, time, out var start, out var end) is { } problem)
            return problem;
        var page = await store.Points.ReadRawAsync(record.Id, start, end, Math.Clamp(limit ?? 1000, 1, 100_000), after, cancellationToken);
        return Results.Ok(new RawResponse(record.Path.ToString(), record.Definition.Unit,
            [.. page.Points.Select(p => new PointDto(Timestamps.FromMicros(p.TimestampMicros), p.Value))], page.NextAfterMicros));
    }

    internal static async Task<IResult> Aggregates(string? signal, string? from, string? to, string? bucket, IStore store, CatalogService catalog, TimeProvider time, CancellationToken cancellationToken)
    {
        if (Resolve(signal, catalog) is not { } record)
            return UnknownSignal(signal);
        if (ParseRange(from, to, time, out var start, out var end) is { } problem)
            return problem;
        if (!ApiTime.TryParseDuration(bucket ?? "1m", out var size) || size < TimeSpan.FromMilliseconds(1))
            return Problems.BadRequest("invalid-bucket", $"bucket '{bucket}' is not a duration such as 10s, 1m, 1h or 1d");
        var bucketMicros = size.Ticks / 10;
        if ((end - start) / bucketMicros > MaxBuckets)
            return Problems.BadRequest("too-many-buckets", $"the range holds more than {MaxBuckets} buckets of {bucket}; use a larger bucket");
        var buckets = await store.Points.ReadAggregatesAsync(record.Id, start, end, bucketMicros, cancellationToken);
        return Results.Ok(new AggregatesResponse(record.Path.ToString(), record.Definition.Unit, bucket ?? "1m",
            [.. buckets.Select(b => new BucketDto(Timestamps.FromMicros(b.StartMicros), b.Min, b.Max, b.Avg, b.Last, b.Count))]));
    }

    internal static async Task<IResult> Latest(string? prefix, IStore store, CatalogService catalog, CancellationToken cancellationToken)
    {
        var current = catalog.Current;
        var signals = current.All.Where(s => prefix is null || s.Path.ToString().StartsWith(prefix, StringComparison.Ordinal)).ToDictionary(s => s.Id);
        var latest = await store.Points.ReadLatestAsync(signals.Keys, cancellationToken);
        return Results.Ok(latest.OrderBy(l => l.SignalId).Select(l => new LatestDto(
            signals[l.SignalId].Path.ToString(), Timestamps.FromMicros(l.TimestampMicros), l.Value, signals[l.SignalId].Definition.Unit)).ToArray());
    }

    private static SignalRecord? Resolve(string? signal, CatalogService catalog) =>
        signal is not null && catalog.Current.TryGet(signal, out var record) ? record : null;

    private static IResult UnknownSignal(string? signal) => signal is null
        ? Problems.BadRequest("missing-signal", "query parameter 'signal' (site/line/machine/signal) is required")
        : Problems.NotFound("unknown-signal", $"unknown signal '{signal}'");

    private static IResult? ParseRange(string? from, string? to, TimeProvider time, out long start, out long end)
    {
        var now = time.GetUtcNow();
        start = end = 0;
        if (!ApiTime.TryParseTime(from, now, now.AddHours(-1), out var f))
            return Problems.BadRequest("invalid-time", $"'from' = '{from}' is not a time (RFC 3339, epoch ms, now, -15m)");
        if (!ApiTime.TryParseTime(to, now, now.AddSeconds(1), out var t))
            return Problems.BadRequest("invalid-time", $"'to' = '{to}' is not a time (RFC 3339, epoch ms, now, -15m)");
        if (t <= f)
            return Problems.BadRequest("invalid-range", "'to' must be after 'from'");
        (start, end) = (Timestamps.ToMicros(f), Timestamps.ToMicros(t));
        return null;
    }
}

public sealed record PointDto(DateTimeOffset Ts, double Value);
public sealed record RawResponse(string Signal, string Unit, IReadOnlyList<PointDto> Points, long? NextAfter);
public sealed record BucketDto(DateTimeOffset Start, double Min, double Max, double Avg, double Last, long Count);
public sealed record AggregatesResponse(string Signal, string Unit, string Bucket, IReadOnlyList<BucketDto> Buckets);
public sealed record LatestDto(string Signal, DateTimeOffset Ts, double Value, string Unit);
