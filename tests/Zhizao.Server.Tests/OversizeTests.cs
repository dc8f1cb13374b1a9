using System.Net;
using System.Text;
using Zhizao.Server.Tests.Infrastructure;

namespace Zhizao.Server.Tests;

public sealed class OversizeTests(SmallBodyServerFixture fixture) : IClassFixture<SmallBodyServerFixture>
{
    private readonly ServerHost _server = fixture.Server;

    [Fact]
    public async Task An_ingest_body_over_the_limit_is_a_413_problem_counted_as_oversize_and_the_server_goes_on()
    {
        using var admin = _server.Admin();
        var plant = TestPlant.Create("big");
        await admin.ImportPlantAsync(plant);
        var start = ApiCalls.MinuteAgo(30);
        var lines = Enumerable.Range(0, 200).Select(i => ApiCalls.Line(plant.Temp, start.AddSeconds(i), 1.0)).ToList();
        Assert.True(Encoding.UTF8.GetByteCount(string.Join('\n', lines)) > SmallBodyServerFixture.Limit);

        using var response = await admin.IngestAsync(lines);

        var problem = await response.ProblemAsync(HttpStatusCode.RequestEntityTooLarge, "payload-too-large");
        Assert.False(string.IsNullOrEmpty(problem["detail"]?.GetValue<string>()));
        var summary = await admin.GetJsonAsync("api/v1/quarantine/summary");
        Assert.Equal(1, summary["Oversize"]?.GetValue<long>());
        var entry = Assert.Single(await admin.GetJsonAsync("api/v1/quarantine?reason=Oversize").ContinueWith(t => t.Result.AsArray()))!;
        Assert.Contains("/api/v1/ingest", entry["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(await admin.RawAsync(plant.Temp, start, start.AddMinutes(5)));

        var small = await admin.IngestOkAsync(lines.Take(10));
        Assert.Equal(10, small["accepted"]!.GetValue<int>());
    }
}
