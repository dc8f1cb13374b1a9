using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Zhizao.Agents.Scheduling.Agent;
using Zhizao.Core.Agents;
using Zhizao.Tests.Shared;

namespace Zhizao.Agents.Scheduling.Tests;

/// <summary>Releasing a schedule to the floor and reading the dispatch lists back (the store is a test double here; the server tests use the real one).</summary>
public sealed class ReleaseSkillTests
{
    private static readonly AgentCaller Caller = new("k1", "operator") { InvocationId = "inv_1" };
    private readonly MemoryDocumentStore _documents = new();
    private readonly SchedulingAgent _agent;

    public ReleaseSkillTests() =>
        _agent = new(new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 1, 0, 0, TimeSpan.Zero)), NullLogger<SchedulingAgent>.Instance, null, _documents);

    private static JsonObject Row(string machine, string job, string op, string start, string end) =>
        new() { ["machine"] = machine, ["job"] = job, ["operation"] = op, ["start"] = start, ["end"] = end };

    [Fact]
    public async Task A_schedule_is_released_as_per_machine_dispatch_lists_in_start_order()
    {
        var schedule = await _agent.InvokeAsync("schedule", new JsonObject { ["demo"] = true, ["count"] = 4, ["timeLimitSeconds"] = 2 }, Caller, CancellationToken.None);
        Assert.True(schedule.IsSuccess, schedule.Error?.Message);

        var released = await _agent.InvokeAsync("release", new JsonObject { ["schedule"] = schedule.Output!.DeepClone(), ["note"] = "shift A" }, Caller, CancellationToken.None);
        Assert.True(released.IsSuccess, released.Error?.Message);
        var operations = schedule.Output!["gantt"]!.AsArray().Count;
        Assert.Equal(operations, released.Output!["operations"]!.GetValue<int>());

        var dispatch = await _agent.InvokeAsync("dispatch", null, Caller, CancellationToken.None);
        Assert.True(dispatch.IsSuccess, dispatch.Error?.Message);
        Assert.Equal("k1", dispatch.Output!["releasedBy"]!.GetValue<string>());
        Assert.Equal("inv_1", dispatch.Output["invocation"]!.GetValue<string>());
        var lists = dispatch.Output["dispatch"]!.AsObject();
        Assert.Equal(operations, lists.Sum(m => m.Value!.AsArray().Count));
        foreach (var (_, list) in lists)
        {
            var starts = list!.AsArray().Select(o => o!["start"]!.GetValue<DateTimeOffset>()).ToList();
            Assert.Equal(starts.Order(), starts);
        }
    }

    [Fact]
    public async Task Overlapping_rows_on_one_machine_are_refused_and_nothing_is_released()
    {
        var rows = new JsonArray(Row("M1", "J1", "a", "2026-11-25T08:00:00Z", "2026-11-25T09:00:00Z"), Row("M1", "J2", "a", "2026-11-25T08:30:00Z", "2026-11-25T09:30:00Z"));
        var result = await _agent.InvokeAsync("release", new JsonObject { ["schedule"] = rows }, Caller, CancellationToken.None);

        Assert.Equal("invalid-input", result.Error?.Type);
        Assert.Contains("overlap", result.Error!.Message, StringComparison.Ordinal);
        Assert.Equal("not-found", (await _agent.InvokeAsync("dispatch", null, Caller, CancellationToken.None)).Error?.Type);
    }

    [Fact]
    public async Task A_row_without_an_offset_time_is_refused_with_its_index()
    {
        var rows = new JsonArray(Row("M1", "J1", "a", "2026-11-25T08:00:00", "2026-11-25T09:00:00Z"));
        var result = await _agent.InvokeAsync("release", new JsonObject { ["schedule"] = rows }, Caller, CancellationToken.None);
        Assert.Equal("invalid-input", result.Error?.Type);
        Assert.Contains("row 0", result.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_store_release_fails_clearly()
    {
        var agent = new SchedulingAgent(TimeProvider.System, NullLogger<SchedulingAgent>.Instance);
        var rows = new JsonArray(Row("M1", "J1", "a", "2026-11-25T08:00:00Z", "2026-11-25T09:00:00Z"));
        var result = await agent.InvokeAsync("release", new JsonObject { ["schedule"] = rows }, Caller, CancellationToken.None);
        Assert.Equal("failed", result.Error?.Type);
    }
}
