using System.Text.Json.Nodes;
using Zhizao.Cli.Tests.Infrastructure;

namespace Zhizao.Cli.Tests;

public sealed class ScheduleCommandTests
{
    private static string SamplePlan => Path.Combine(AppContext.BaseDirectory, "samples", "plan.example.json");

    [Fact]
    public async Task Schedule_of_the_sample_plan_prints_each_machine_and_the_solver_progress()
    {
        var result = await ZhizaoCli.RunAsync("schedule", SamplePlan, "--time-limit", "10s", "--workers", "2");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Status: optimal, proven", result.Stdout, StringComparison.Ordinal);
        foreach (var machine in (string[])["saw-01", "cnc-01", "cnc-02"])
            Assert.Contains(machine, result.Stdout, StringComparison.Ordinal);
        Assert.Contains("progress: best", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Schedule_with_json_writes_the_agents_schedule_format()
    {
        var result = await ZhizaoCli.RunAsync("schedule", SamplePlan, "--time-limit", "10s", "--objective", "tardiness", "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        var json = JsonNode.Parse(result.Stdout)!;
        Assert.Equal(9, json["gantt"]!.AsArray().Count);
        Assert.Equal(3, json["machines"]!.AsArray().Count);
    }

    [Fact]
    public async Task Schedule_of_a_bad_plan_exits_2_naming_the_operation_and_its_path()
    {
        using var directory = new TempDirectory();
        var plan = JsonNode.Parse(await File.ReadAllTextAsync(SamplePlan))!;
        plan["jobs"]![1]!["operations"]![2]!["options"]![0]!["machine"] = "press-7";
        var file = directory.File("bad-plan.json");
        await File.WriteAllTextAsync(file, plan.ToJsonString());

        var result = await ZhizaoCli.RunAsync("schedule", file, "--time-limit", "5s");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("bad-plan.json: /jobs/1/operations/2: Operation 'keyway' of job 'J2' names unknown machine 'press-7'", result.Stderr, StringComparison.Ordinal);
        Assert.Equal("", result.Stdout);
    }

    [Fact]
    public async Task Schedule_of_the_demo_orders_needs_no_server()
    {
        var result = await ZhizaoCli.RunAsync("schedule", "--demo", "--count", "6", "--time-limit", "2s", "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        var json = JsonNode.Parse(result.Stdout)!;
        Assert.Equal(5, json["machines"]!.AsArray().Count);
        Assert.StartsWith("PO-", json["gantt"]![0]!["job"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
