using System.Net;
using Zhizao.Server.Tests.Infrastructure;

namespace Zhizao.Server.Tests;

public sealed class PointsApiTests(ServerFixture fixture) : IClassFixture<ServerFixture>, IAsyncLifetime
{
    private readonly ServerHost _server = fixture.Server;
    private readonly TestPlant _plant = TestPlant.Create("points");
    private readonly DateTimeOffset _start = ApiCalls.MinuteAgo(10);
    private HttpClient _admin = null!;

    /// <summary>Two minutes of temp at 1 Hz: 0..59 in the first minute, 940 down to 881 in the second; count 0..119.</summary>
    public async Task InitializeAsync()
    {
        _admin = _server.Admin();
        await _admin.ImportPlantAsync(_plant);
        await _admin.IngestOkAsync(Enumerable.Range(0, 120).SelectMany(i => new[]
        {
            ApiCalls.Line(_plant.Temp, _start.AddSeconds(i), i < 60 ? i : 1000 - i),
            ApiCalls.Line(_plant.Count, _start.AddSeconds(i), i),
        }));
    }

    public Task DisposeAsync()
    {
        _admin.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Aggregates_give_min_max_avg_last_and_count_per_bucket()
    {
        var body = await _admin.GetJsonAsync(AggregatesPath(_plant.Temp, "1m"));

        Assert.Equal(_plant.Temp, body["signal"]!.GetValue<string>());
        Assert.Equal("°C", body["unit"]!.GetValue<string>());
        Assert.Equal("1m", body["bucket"]!.GetValue<string>());
        var buckets = body["buckets"]!.AsArray();
        Assert.Equal(2, buckets.Count);
        Assert.Equal(_start, buckets[0]!["start"]!.GetValue<DateTimeOffset>());
        Assert.Equal((0.0, 59.0, 29.5, 59.0, 60L), Bucket(buckets[0]!));
        Assert.Equal(_start.AddMinutes(1), buckets[1]!["start"]!.GetValue<DateTimeOffset>());
        Assert.Equal((881.0, 940.0, 910.5, 881.0, 60L), Bucket(buckets[1]!));
    }

    [Theory]
    [InlineData("30s", 4)]
    [InlineData("PT20S", 6)]
    [InlineData("1m", 2)]
    public async Task Aggregates_honour_the_bucket_size(string bucket, int expected)
    {
        var buckets = (await _admin.GetJsonAsync(AggregatesPath(_plant.Count, bucket)))["buckets"]!.AsArray();

        Assert.Equal(expected, buckets.Count);
        Assert.Equal(120, buckets.Sum(b => b!["count"]!.GetValue<long>()));
        Assert.Equal(119, buckets[^1]!["last"]!.GetValue<double>());
    }

    [Fact]
    public async Task Latest_gives_the_last_value_of_each_signal_under_a_prefix()
    {
        var latest = (await _admin.GetJsonAsync($"api/v1/points/latest?prefix={Uri.EscapeDataString(_plant.MachinePath)}")).AsArray();

        Assert.Equal([_plant.Temp, _plant.Count], latest.Select(l => l!["signal"]!.GetValue<string>()));
        Assert.Equal(881, latest[0]!["value"]!.GetValue<double>());
        Assert.Equal(_start.AddSeconds(119), latest[0]!["ts"]!.GetValue<DateTimeOffset>());
        Assert.Equal("°C", latest[0]!["unit"]!.GetValue<string>());
        Assert.Equal(119, latest[1]!["value"]!.GetValue<double>());
    }

    [Fact]
    public async Task Latest_without_a_prefix_covers_every_plant_and_an_unmatched_prefix_is_empty()
    {
        var all = (await _admin.GetJsonAsync("api/v1/points/latest")).AsArray();
        var none = (await _admin.GetJsonAsync("api/v1/points/latest?prefix=no-such-site")).AsArray();

        Assert.Contains(all, l => l!["signal"]!.GetValue<string>() == _plant.Temp);
        Assert.Empty(none);
    }

    [Theory]
    [InlineData("api/v1/points/raw?from=-1h", "missing-signal")]
    [InlineData("api/v1/points/raw?signal=SIGNAL&from=yesterday", "invalid-time")]
    [InlineData("api/v1/points/raw?signal=SIGNAL&to=later", "invalid-time")]
    [InlineData("api/v1/points/raw?signal=SIGNAL&from=-5m&to=-10m", "invalid-range")]
    [InlineData("api/v1/points/raw?signal=SIGNAL&from=99999999999999999", "invalid-time")]
    [InlineData("api/v1/points/aggregates?signal=SIGNAL&bucket=abc", "invalid-bucket")]
    [InlineData("api/v1/points/aggregates?signal=SIGNAL&bucket=0s", "invalid-bucket")]
    [InlineData("api/v1/points/aggregates?signal=SIGNAL&bucket=-1m", "invalid-bucket")]
    [InlineData("api/v1/points/aggregates?signal=SIGNAL&from=-7d&bucket=1ms", "too-many-buckets")]
    [InlineData("api/v1/points/raw?signal=SIGNAL&limit=abc", "bad-request")]
    [InlineData("api/v1/points/raw?signal=SIGNAL&after=soon", "bad-request")]
    [InlineData("api/v1/alarms?all=maybe", "bad-request")]
    public async Task Bad_query_parameters_are_a_400_problem_with_a_stable_type(string path, string kind)
    {
        using var response = await _admin.GetAsync(path.Replace("SIGNAL", Uri.EscapeDataString(_plant.Temp), StringComparison.Ordinal));

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest, kind);
        Assert.False(string.IsNullOrWhiteSpace(problem["detail"]?.GetValue<string>()), problem.ToJsonString());
    }

    [Theory]
    [InlineData("api/v1/points/raw")]
    [InlineData("api/v1/points/aggregates")]
    public async Task An_unknown_signal_is_a_404_problem(string route)
    {
        using var response = await _admin.GetAsync($"{route}?signal={Uri.EscapeDataString(_plant.MachinePath)}/ghost");

        var problem = await response.ProblemAsync(HttpStatusCode.NotFound, "unknown-signal");
        Assert.Contains("ghost", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Relative_and_epoch_times_select_the_same_points_as_RFC_3339()
    {
        var epoch = _start.ToUnixTimeMilliseconds();
        var byEpoch = await _admin.GetJsonAsync($"api/v1/points/raw?signal={Uri.EscapeDataString(_plant.Count)}&from={epoch}&to={epoch + 10_000}");
        var byRelative = await _admin.GetJsonAsync($"api/v1/points/raw?signal={Uri.EscapeDataString(_plant.Count)}&from=-1h&to=now&limit=1000");

        Assert.Equal(10, byEpoch["points"]!.AsArray().Count);
        Assert.Equal(120, byRelative["points"]!.AsArray().Count);
    }

    private string AggregatesPath(string signal, string bucket) =>
        $"api/v1/points/aggregates?signal={Uri.EscapeDataString(signal)}&from={ApiCalls.Rfc3339(_start)}&to={ApiCalls.Rfc3339(_start.AddMinutes(2))}&bucket={bucket}";

    private static (double Min, double Max, double Avg, double Last, long Count) Bucket(System.Text.Json.Nodes.JsonNode bucket) =>
        (bucket["min"]!.GetValue<double>(), bucket["max"]!.GetValue<double>(), bucket["avg"]!.GetValue<double>(), bucket["last"]!.GetValue<double>(), bucket["count"]!.GetValue<long>());
}
