using ModelContextProtocol;
using static Zhizao.Protocols.Mcp.Tests.McpHttpServerTests;

namespace Zhizao.Protocols.Mcp.Tests;

/// <summary>tools/call waiting a bounded time for a person's decision, with progress notifications.</summary>
public sealed class McpApprovalWaitTests
{
    private static readonly Dictionary<string, object?> Release = new() { ["machine"] = "cnc-03" };

    [Fact]
    public async Task Approved_call_answers_the_skill_output_after_progress_notifications()
    {
        await using var host = await TestHost.StartAsync(o => (o.ApprovalWait, o.ProgressInterval) = (TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(50)));
        await using var client = await ConnectAsync(host, TestHost.AllToken);
        var requested = host.Gateway.ApprovalRequested.Task;
        var firstProgress = new TaskCompletionSource<ProgressNotificationValue>(TaskCreationOptions.RunContinuationsAsynchronously);

        var call = client.CallToolAsync("test.zhizao_calc__release", Release, new SyncProgress(v => firstProgress.TrySetResult(v)), cancellationToken: Cancel()).AsTask();
        var approvalId = await requested.WaitAsync(Cancel());
        var progress = await firstProgress.Task.WaitAsync(Cancel());
        host.Gateway.Approve(approvalId);
        var result = await call;

        Assert.StartsWith($"awaiting approval {approvalId} until", progress.Message, StringComparison.Ordinal);
        Assert.Equal(30, progress.Total);
        Assert.NotEqual(true, result.IsError);
        Assert.Equal("cnc-03", result.StructuredContent!.Value.GetProperty("released").GetString());
    }

    [Fact]
    public async Task Denied_call_answers_the_refusal_as_a_tool_error()
    {
        await using var host = await TestHost.StartAsync(o => o.ApprovalWait = TimeSpan.FromSeconds(30));
        await using var client = await ConnectAsync(host, TestHost.AllToken);
        var requested = host.Gateway.ApprovalRequested.Task;

        var call = client.CallToolAsync("test.zhizao_calc__release", Release, cancellationToken: Cancel()).AsTask();
        host.Gateway.Deny(await requested.WaitAsync(Cancel()));
        var result = await call;

        Assert.True(result.IsError);
        Assert.Equal("approval-denied: a person denied the release", Text(result));
    }

    [Fact]
    public async Task Undecided_call_answers_pending_when_the_wait_ends()
    {
        await using var host = await TestHost.StartAsync(o => o.ApprovalWait = TimeSpan.FromMilliseconds(200));
        await using var client = await ConnectAsync(host, TestHost.AllToken);

        var result = await client.CallToolAsync("test.zhizao_calc__release", Release, cancellationToken: Cancel());

        Assert.NotEqual(true, result.IsError);
        Assert.Equal("pending-approval", result.StructuredContent!.Value.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Options_out_of_range_stop_the_host_from_starting()
    {
        var error = await Assert.ThrowsAnyAsync<Microsoft.Extensions.Options.OptionsValidationException>(
            () => TestHost.StartAsync(o => o.ApprovalWait = TimeSpan.FromHours(1)));

        Assert.Contains("ApprovalWait", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Reports on the notifying thread (<see cref="Progress{T}"/> would post to a captured context).</summary>
    private sealed class SyncProgress(Action<ProgressNotificationValue> report) : IProgress<ProgressNotificationValue>
    {
        public void Report(ProgressNotificationValue value) => report(value);
    }
}
