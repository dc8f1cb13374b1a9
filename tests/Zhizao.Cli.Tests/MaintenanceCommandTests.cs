using System.Text.Json.Nodes;
using Zhizao.Cli.Tests.Infrastructure;

namespace Zhizao.Cli.Tests;

/// <summary><c>zhizao maintenance</c> against a real <c>zhizao up --demo</c> whose history already holds the demo faults.</summary>
public sealed class MaintenanceCommandTests(DemoUpFixture fixture) : IClassFixture<DemoUpFixture>
{
    private const int InvalidInput = 2;
    private const int NotFound = 5;
    private const string WornMachine = "demo-site/machining/cnc-03";

    private Task<CliResult> RunAsync(params string[] arguments) => ZhizaoCli.RunAsync([.. arguments, .. fixture.ServerOptions]);

    /// <summary>Runs a command with --json until its output satisfies <paramref name="done"/> (the backfill is processed in the background).</summary>
    private async Task<JsonNode> UntilAsync(Func<JsonNode, bool> done, string what, params string[] arguments)
    {
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (true)
        {
            var result = await RunAsync([.. arguments, "--json"]);
            Assert.True(result.ExitCode == 0, result.ToString());
            var node = JsonNode.Parse(result.Stdout)!;
            if (done(node))
                return node;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"{what}: last output {result.Stdout}{Environment.NewLine}{fixture.Up.Output}");
            await Task.Delay(500);
        }
    }

    [Fact]
    public async Task Status_work_orders_and_windows_show_the_worn_machine()
    {
        await UntilAsync(n => n["workOrders"]!.AsArray().Count > 0, "a work order on cnc-03", "maintenance", "work-orders", "--machine", WornMachine);

        var status = await UntilAsync(n => n["machines"]!.AsArray().Count(m => m!["state"]!.GetValue<string>() == "monitoring") == 8, "8 machines monitored",
            "maintenance", "status");
        var windows = await RunAsync("maintenance", "windows", "--json");
        var table = await RunAsync("maintenance", "status", WornMachine, "--zh");

        Assert.NotNull(status["alarmRate"]);
        Assert.Contains(JsonNode.Parse(windows.Stdout)!["windows"]!.AsArray(), w => w!["machine"]!.GetValue<string>() == WornMachine);
        Assert.True(table.ExitCode == 0, table.ToString());
        Assert.Contains("monitoring", table.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Alarms_list_with_their_state_and_anomalies_explain_in_chinese()
    {
        var alarms = await UntilAsync(n => n["alarms"]!.AsArray().Count > 0, "a maintenance alarm", "maintenance", "alarms", "--all");
        // The backfill is processed in the background: wait until the worn machine has an explained anomaly.
        var anomalies = await UntilAsync(n => n["anomalies"]!.AsArray().Count > 0, "an anomaly on cnc-03", "maintenance", "anomalies", WornMachine);
        var table = await RunAsync("maintenance", "anomalies", WornMachine, "--zh");

        Assert.All(alarms["alarms"]!.AsArray(), a => Assert.False(string.IsNullOrEmpty(a!["state"]!.GetValue<string>())));
        Assert.All(anomalies["anomalies"]!.AsArray(), a => Assert.Contains("严重程度", a!["message"]!["zh"]!.GetValue<string>(), StringComparison.Ordinal));
        // The table may wrap long messages across lines; it shows the Chinese text, not the English one.
        Assert.True(table.ExitCode == 0, table.ToString());
        Assert.Contains("：", table.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("top signals", table.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_requests_exit_with_the_documented_codes()
    {
        var unknown = await RunAsync("maintenance", "rul", "demo-site/machining/none");
        var tooLong = await RunAsync("maintenance", "shelve", "1", "--minutes", "100000");
        var badStatus = await RunAsync("maintenance", "update-work-order", "1", "--status", "finished");
        var badFit = await RunAsync("maintenance", "fit", WornMachine, "--from", "yesterday", "--to", "2026-11-25T08:00:00Z");

        Assert.True(unknown.ExitCode == NotFound, unknown.ToString());
        Assert.True(tooLong.ExitCode == InvalidInput, tooLong.ToString());
        Assert.True(badStatus.ExitCode == InvalidInput, badStatus.ToString());
        Assert.True(badFit.ExitCode == InvalidInput, badFit.ToString());
        Assert.Contains("ISO 8601", badFit.Stderr, StringComparison.Ordinal);
    }
}
