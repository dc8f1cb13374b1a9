using System.Net;
using Zhizao.Server.Tests.Infrastructure;

namespace Zhizao.Server.Tests;

public sealed class IngestApiTests(ServerFixture fixture) : IClassFixture<ServerFixture>, IAsyncLifetime
{
    private readonly ServerHost _server = fixture.Server;
    private readonly TestPlant _plant = TestPlant.Create("ingest");
    private HttpClient _admin = null!;

    public async Task InitializeAsync()
    {
        _admin = _server.Admin();
        await _admin.ImportPlantAsync(_plant);
    }

    public Task DisposeAsync()
    {
        _admin.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Accepted_points_are_readable_as_soon_as_the_call_returns()
    {
        var start = ApiCalls.MinuteAgo(30);
        var lines = Enumerable.Range(0, 100).Select(i => ApiCalls.Line(_plant.Temp, start.AddSeconds(i), i * 0.25)).ToList();

        var result = await _admin.IngestOkAsync(lines);

        Assert.Equal(100, result["accepted"]!.GetValue<int>());
        Assert.Equal(0, result["duplicates"]!.GetValue<int>());
        Assert.Equal(0, result["rejected"]!.GetValue<int>());
        Assert.Empty(result["rejections"]!.AsArray());
        var points = await _admin.RawAsync(_plant.Temp, start, start.AddMinutes(5));
        Assert.Equal(Enumerable.Range(0, 100).Select(i => (start.AddSeconds(i), i * 0.25)), points);
    }

    [Fact]
    public async Task Good_lines_are_kept_and_every_bad_line_is_counted_and_quarantined_with_its_reason()
    {
        var (_, key) = await _admin.CreateKeyAsync(TestPlant.Unique("mixed"), "device");
        using var device = _server.Client(key);
        var name = (await _admin.GetJsonAsync("api/v1/keys")).AsArray().Single(k => key.Contains(k!["id"]!.GetValue<string>(), StringComparison.Ordinal))!["name"]!.GetValue<string>();
        var t = ApiCalls.MinuteAgo(20);
        string[] lines =
        [
            ApiCalls.Line(_plant.Temp, t, 1.5),                                   // good
            ApiCalls.Line($"{_plant.MachinePath}/nope", t, 1),                     // UnknownSignal
            ApiCalls.Line(_plant.Temp, t.AddSeconds(1), "abc"),                   // WrongType: text
            ApiCalls.Line(_plant.Temp, t.AddSeconds(2), "NaN"),                   // WrongType: JSON has no NaN, so it arrives as text
            $$"""{"signal":"{{_plant.Temp}}","ts":"{{t.AddSeconds(3):O}}","value":1e400}""", // NotFinite: overflows to +∞
            ApiCalls.Line(_plant.Count, t, 2.5),                                  // WrongType: not an integer
            ApiCalls.Line(_plant.Count, t.AddSeconds(1), 7),                      // good
            ApiCalls.Line(_plant.Running, t, 2),                                  // WrongType: not a bool
            ApiCalls.Line(_plant.Running, t.AddSeconds(1), true),                 // good
            ApiCalls.Line(_plant.Temp, new DateTimeOffset(1980, 1, 1, 0, 0, 0, TimeSpan.Zero), 1), // TimestampOutOfRange: too early
            ApiCalls.Line(_plant.Temp, DateTimeOffset.UtcNow.AddHours(3), 1),     // TimestampOutOfRange: too far ahead
            $$"""{"signal":"{{_plant.Pressure}}","ts":"{{t:O}}","value":5,"unit":"kg"}""",    // WrongUnit
            $$"""{"signal":"{{_plant.Pressure}}","ts":"{{t.AddSeconds(1):O}}","value":150,"unit":"kPa"}""", // good: 1.5 bar
            $$"""{"signal":"{{_plant.Temp}}","ts":"{{t.AddSeconds(4):O}}","value":NaN}""",     // Malformed: not JSON
            """{"signal": """,                                                       // Malformed: cut short
            $$"""{"signal":"{{_plant.Temp}}","ts":"{{t.AddSeconds(5):O}}"}""",              // Malformed: no value
        ];

        using var response = await device.IngestAsync(lines);

        var result = await response.JsonAsync(HttpStatusCode.OK);
        Assert.Equal(4, result["accepted"]!.GetValue<int>());
        Assert.Equal(12, result["rejected"]!.GetValue<int>());
        var reported = result["rejections"]!.AsArray().Select(r => r!["reason"]!.GetValue<string>()).Order().ToList();
        string[] expected =
        [
            "Malformed", "Malformed", "Malformed", "NotFinite", "TimestampOutOfRange", "TimestampOutOfRange",
            "UnknownSignal", "WrongType", "WrongType", "WrongType", "WrongType", "WrongUnit",
        ];
        Assert.Equal(expected, reported);
        Assert.Equal([14, 15, 16], result["rejections"]!.AsArray().Where(r => r!["line"] is not null).Select(r => r!["line"]!.GetValue<int>()).Order());

        var quarantined = await _admin.QuarantineAsync($"http:{name}");
        Assert.Equal(expected, quarantined.Select(q => q!["reason"]!.GetValue<string>()).Order());
        var nan = Assert.Single(quarantined, q => q!["value"]?.GetValue<string>() == "NaN")!;
        Assert.Equal("WrongType", nan["reason"]!.GetValue<string>());
        Assert.Equal(_plant.Temp, nan["signal"]!.GetValue<string>());
        Assert.Contains("'NaN'", nan["message"]!.GetValue<string>(), StringComparison.Ordinal);
        var infinite = Assert.Single(quarantined, q => q!["reason"]!.GetValue<string>() == "NotFinite")!;
        Assert.Contains("Infinity", infinite["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains(quarantined, q => q!["reason"]!.GetValue<string>() == "Malformed" && q["message"]!.GetValue<string>().StartsWith("line 15:", StringComparison.Ordinal));

        Assert.Equal([(t, 1.5)], await _admin.RawAsync(_plant.Temp, t, t.AddSeconds(10)));
        Assert.Equal([(t.AddSeconds(1), 7.0)], await _admin.RawAsync(_plant.Count, t, t.AddSeconds(10)));
        Assert.Equal([(t.AddSeconds(1), 1.0)], await _admin.RawAsync(_plant.Running, t, t.AddSeconds(10)));
        var pressure = Assert.Single(await _admin.RawAsync(_plant.Pressure, t, t.AddSeconds(10)));
        Assert.Equal(1.5, pressure.Value, 9);
    }

    [Fact]
    public async Task Ingesting_the_same_batch_twice_stores_each_point_once()
    {
        var start = ApiCalls.MinuteAgo(40);
        var lines = Enumerable.Range(0, 50).Select(i => ApiCalls.Line(_plant.Pressure, start.AddSeconds(i), 10 + i)).ToList();
        await _admin.IngestOkAsync(lines);

        var again = await _admin.IngestOkAsync(lines);

        Assert.Equal(50, again["accepted"]!.GetValue<int>());
        Assert.Equal(50, again["duplicates"]!.GetValue<int>());
        Assert.Equal(0, again["rejected"]!.GetValue<int>());
        var points = await _admin.RawAsync(_plant.Pressure, start, start.AddMinutes(1));
        Assert.Equal(50, points.Count);
        Assert.Equal(Enumerable.Range(0, 50).Select(i => 10.0 + i), points.Select(p => p.Value));
    }

    [Fact]
    public async Task A_batch_where_every_point_is_bad_is_a_400_problem_listing_the_rejections()
    {
        var (_, key) = await _admin.CreateKeyAsync(TestPlant.Unique("allbad"), "agent");
        using var agent = _server.Client(key);
        var t = ApiCalls.MinuteAgo(10);

        using var response = await agent.IngestAsync([ApiCalls.Line($"{_plant.MachinePath}/ghost", t, 1), ApiCalls.Line(_plant.Temp, t, "hot"), "not json"]);

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest, "points-rejected");
        Assert.Equal(3, problem["rejected"]!.GetValue<int>());
        Assert.Equal(["Malformed", "UnknownSignal", "WrongType"], problem["rejections"]!.AsArray().Select(r => r!["reason"]!.GetValue<string>()).Order());
        Assert.Empty(await _admin.RawAsync(_plant.Temp, t, t.AddSeconds(1)));
    }

    [Fact]
    public async Task An_empty_body_is_a_400_empty_batch_problem()
    {
        using var response = await _admin.IngestAsync(["", "   "]);

        await response.ProblemAsync(HttpStatusCode.BadRequest, "empty-batch");
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("text/plain")]
    [InlineData("application/jsonl")]
    [InlineData(null)]
    public async Task Json_lines_are_read_under_the_usual_content_types_and_without_one(string? contentType)
    {
        var t = ApiCalls.MinuteAgo(50).AddMilliseconds(Random.Shared.Next(0, 600_000));
        using var content = new StringContent(ApiCalls.Line(_plant.Temp, t, 4.25));
        content.Headers.ContentType = contentType is null ? null : new(contentType);

        using var response = await _admin.PostAsync("api/v1/ingest", content);

        var result = await response.JsonAsync(HttpStatusCode.OK);
        Assert.Equal(1, result["accepted"]!.GetValue<int>());
        Assert.Contains((t, 4.25), await _admin.RawAsync(_plant.Temp, t, t.AddSeconds(1)));
    }

    [Fact]
    public async Task A_body_that_is_not_json_lines_is_a_415_problem_not_a_missing_route()
    {
        using var response = await _admin.IngestAsync([ApiCalls.Line(_plant.Temp, ApiCalls.MinuteAgo(5), 1)], "application/x-www-form-urlencoded");

        var problem = await response.ProblemAsync(HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");
        Assert.Contains("application/x-ndjson", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Quarantine_can_be_filtered_by_reason_and_an_unknown_reason_is_a_400()
    {
        await _admin.IngestOkAsync([ApiCalls.Line(_plant.Temp, ApiCalls.MinuteAgo(3), 1), ApiCalls.Line($"{_plant.MachinePath}/ghost", ApiCalls.MinuteAgo(3), 1)]);

        var unknown = (await _admin.GetJsonAsync("api/v1/quarantine?reason=unknownsignal")).AsArray();
        var summary = (await _admin.GetJsonAsync("api/v1/quarantine/summary")).AsObject();
        using var bad = await _admin.GetAsync("api/v1/quarantine?reason=cosmic-rays");

        Assert.NotEmpty(unknown);
        Assert.All(unknown, q => Assert.Equal("UnknownSignal", q!["reason"]!.GetValue<string>()));
        Assert.True(summary["UnknownSignal"]!.GetValue<long>() >= 1, summary.ToJsonString());
        var problem = await bad.ProblemAsync(HttpStatusCode.BadRequest, "invalid-reason");
        Assert.Contains("cosmic-rays", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Raw_reads_page_with_after()
    {
        var start = ApiCalls.MinuteAgo(55);
        await _admin.IngestOkAsync(Enumerable.Range(0, 25).Select(i => ApiCalls.Line(_plant.Count, start.AddSeconds(i), i)));
        var range = $"signal={Uri.EscapeDataString(_plant.Count)}&from={ApiCalls.Rfc3339(start)}&to={ApiCalls.Rfc3339(start.AddMinutes(1))}&limit=10";

        var values = new List<double>();
        long? after = null;
        var pages = 0;
        do
        {
            var page = await _admin.GetJsonAsync($"api/v1/points/raw?{range}{(after is null ? "" : $"&after={after}")}");
            values.AddRange(page["points"]!.AsArray().Select(p => p!["value"]!.GetValue<double>()));
            after = page["nextAfter"]?.GetValue<long>();
            pages++;
        }
        while (after is not null && pages < 10);

        Assert.Equal(Enumerable.Range(0, 25).Select(i => (double)i), values);
        Assert.Equal(3, pages);
    }
}
