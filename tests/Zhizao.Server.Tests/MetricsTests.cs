using System.Globalization;
using System.Text.RegularExpressions;
using Zhizao.Server.Tests.Infrastructure;

namespace Zhizao.Server.Tests;

public sealed partial class MetricsTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private readonly ServerHost _server = fixture.Server;

    [Fact]
    public async Task Prometheus_metrics_count_accepted_and_rejected_points()
    {
        using var admin = _server.Admin();
        var plant = TestPlant.Create("metrics");
        await admin.ImportPlantAsync(plant);
        var start = ApiCalls.MinuteAgo(5);
        await admin.IngestOkAsync([.. Enumerable.Range(0, 30).Select(i => ApiCalls.Line(plant.Temp, start.AddSeconds(i), 1)), ApiCalls.Line(plant.Temp, start, "x")]);

        // The exporter caches a scrape briefly: ask until the counters include this batch.
        var text = await Poll.UntilAsync(() => admin.GetStringAsync("metrics"), t => Value(t, AcceptedPattern()) >= 30, "the accepted counter to reach 30");

        Assert.Contains("# TYPE zhizao_ingest_points_accepted_total counter", text, StringComparison.Ordinal);
        Assert.Matches(@"zhizao_ingest_points_rejected_total\{[^}]*reason=""WrongType""[^}]*\} [1-9]", text);
        Assert.Contains("zhizao_store_write_duration_milliseconds_bucket", text, StringComparison.Ordinal);
        Assert.Contains("http_server_request_duration_seconds", text, StringComparison.Ordinal);
    }

    private static double Value(string text, Regex pattern) =>
        pattern.Match(text) is { Success: true } m ? double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : -1;

    [GeneratedRegex(@"^zhizao_ingest_points_accepted_total\{[^}]*\} (\S+)", RegexOptions.Multiline)]
    private static partial Regex AcceptedPattern();
}
