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

    [Fact]
    public async Task Reschedule_repairs_the_schedule_json_after_a_breakdown_and_a_late_operation()
    {
        using var directory = new TempDirectory();
        var scheduled = await ZhizaoCli.RunAsync("schedule", SamplePlan, "--time-limit", "5s", "--json");
        Assert.True(scheduled.ExitCode == 0, scheduled.ToString());
        var current = directory.File("schedule.json");
        await File.WriteAllTextAsync(current, scheduled.Stdout);

        var result = await ZhizaoCli.RunAsync("reschedule", SamplePlan, "--current", current, "--now", "2026-11-25T08:10:00+08:00", "--frozen", "0s",
            "--breakdown", "cnc-01,2026-11-25T12:00:00+08:00", "--late", "J1,saw,45", "--time-limit", "5s");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Repaired from 2026-11-25T08:10:00+08:00", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("operations changed", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("progress: best", result.Stderr, StringComparison.Ordinal);

        var json = await ZhizaoCli.RunAsync("reschedule", SamplePlan, "--current", current, "--now", "2026-11-25T08:10:00+08:00",
            "--breakdown", "cnc-01,2026-11-25T12:00:00+08:00", "--time-limit", "5s", "--json");
        var repaired = JsonNode.Parse(json.Stdout)!;
        Assert.Contains(repaired["plan"]!["blockedWindows"]!.AsArray(), b => b!["reason"]!.GetValue<string>() == "breakdown");
        Assert.Equal(9, repaired["gantt"]!.AsArray().Count);
    }

    [Theory]
    [InlineData("--breakdown", "cnc-09,2026-11-25T12:00:00+08:00", "'cnc-09'")]
    [InlineData("--breakdown", "cnc-01", "MACHINE,TO")]
    [InlineData("--late", "J1,saw,soon", "JOB,OPERATION,MINUTES")]
    public async Task Reschedule_with_a_bad_event_exits_2_naming_it(string option, string value, string text)
    {
        using var directory = new TempDirectory();
        var scheduled = await ZhizaoCli.RunAsync("schedule", SamplePlan, "--time-limit", "2s", "--json");
        var current = directory.File("schedule.json");
        await File.WriteAllTextAsync(current, scheduled.Stdout);

        var result = await ZhizaoCli.RunAsync("reschedule", SamplePlan, "--current", current, "--now", "2026-11-25T09:00:00+08:00", option, value);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(text, result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Explain_says_why_jobs_are_late()
    {
        var result = await ZhizaoCli.RunAsync("schedule", SamplePlan, "--time-limit", "5s", "--explain");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.StartsWith("Status: optimal;", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bench_scheduling_compares_the_models_on_any_instance_file_and_checks_each_schedule()
    {
        using var directory = new TempDirectory();
        var instance = directory.File("tiny.txt");
        await File.WriteAllTextAsync(instance, "3 2\n0 3 1 2\n1 4 0 1\n0 2 1 3\n");

        var result = await ZhizaoCli.RunAsync("bench", "scheduling", instance, "--time-limit", "2s", "--out", directory.Path, "--name", "tiny");

        Assert.True(result.ExitCode == 0, result.ToString());
        var report = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(directory.Path, "tiny.json")))!;
        Assert.Contains(report["metrics"]!.AsArray(), m => m!["name"]!.GetValue<string>() == "textbook: proven optimal");
        Assert.True(File.Exists(Path.Combine(directory.Path, "tiny", "tiny.json")));
        Assert.True(File.Exists(Path.Combine(directory.Path, "tiny", "textbook", "tiny.json")));
        var unknown = await ZhizaoCli.RunAsync("bench", "scheduling", instance, "--models", "magic", "--out", directory.Path);
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("unknown model 'magic'", unknown.Stderr, StringComparison.Ordinal);
    }
}
