using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Zhizao.Core.Access;
using Zhizao.Protocols.A2A.Protocol;

namespace Zhizao.Protocols.A2A.Tasks;

/// <summary>
/// Runs a task's skill call through the gateway: working → completed (artifact with the output), failed (the skill's
/// error), rejected (a refusal, also after an approval is denied or expires) or canceled. A call that needs approval keeps
/// the task working with a status message naming the approval, then waits for it.
/// </summary>
internal sealed partial class A2ATaskRunner(ISkillGateway gateway, TimeProvider time, ILogger<A2ATaskRunner> logger)
{
    /// <summary>Starts the call in the background; the task's token cancels it.</summary>
    public void Start(A2ATaskEntry entry, Principal caller, SkillCall call) =>
        _ = Task.Run(() => RunAsync(entry, caller, call), CancellationToken.None);

    /// <summary>An agent message holding <paramref name="text"/>.</summary>
    public static A2AMessage AgentText(string text, JsonObject? metadata = null) =>
        new(Guid.NewGuid().ToString(), true, [A2APart.OfText(text)], metadata);

    private async Task RunAsync(A2ATaskEntry entry, Principal caller, SkillCall call)
    {
        var cancellationToken = entry.CancellationToken;
        try
        {
            entry.TryUpdate(new A2ATaskStatus(A2ATaskState.Working, time.GetUtcNow()));
            var outcome = await gateway.InvokeAsync(caller, call, cancellationToken);
            if (outcome.Pending is { } pending)
            {
                var metadata = new JsonObject
                {
                    ["approvalId"] = pending.Id,
                    ["expiresAt"] = pending.ExpiresAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
                    ["invocationId"] = outcome.InvocationId,
                };
                var text = string.Create(CultureInfo.InvariantCulture,
                    $"Waiting for approval {pending.Id} (expires {pending.ExpiresAt.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC).");
                entry.TryUpdate(new A2ATaskStatus(A2ATaskState.Working, time.GetUtcNow(), AgentText(text, metadata), metadata), awaitingApproval: true);
                LogAwaitingApproval(logger, entry.Id, pending.Id);
                outcome = await gateway.AwaitApprovalAsync(caller, pending.Id, cancellationToken)
                    ?? new GatewayOutcome(outcome.InvocationId, null,
                        new Refusal(RefusalTypes.ApprovalExpired, $"Approval {pending.Id} no longer exists.", 408), null);
            }
            Finish(entry, outcome);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // CancelTask already set the state to canceled.
        }
        catch (Exception exception)
        {
            LogTaskFailed(logger, exception, entry.Id, call.AgentId, call.Skill);
            entry.TryUpdate(new A2ATaskStatus(A2ATaskState.Failed, time.GetUtcNow(), AgentText("Internal error while running the skill.")));
        }
    }

    private void Finish(A2ATaskEntry entry, GatewayOutcome outcome)
    {
        var now = time.GetUtcNow();
        if (outcome.Refusal is { } refusal)
        {
            var metadata = new JsonObject { ["type"] = refusal.Type, ["message"] = refusal.Message, ["status"] = refusal.Status };
            entry.TryUpdate(new A2ATaskStatus(A2ATaskState.Rejected, now, AgentText(refusal.Message, metadata), metadata), refusal: refusal);
        }
        else if (outcome.Result is { Error: { } error })
        {
            var metadata = new JsonObject { ["type"] = error.Type, ["message"] = error.Message };
            entry.TryUpdate(new A2ATaskStatus(A2ATaskState.Failed, now, AgentText($"{error.Type}: {error.Message}", metadata), metadata));
        }
        else if (outcome.Result is { } result)
        {
            var snapshot = entry.Snapshot;
            var artifact = new A2AArtifact(Guid.NewGuid().ToString(), snapshot.Skill, [A2APart.OfData(result.Output?.DeepClone())]);
            entry.TryUpdate(new A2ATaskStatus(A2ATaskState.Completed, now), artifact);
        }
        else
        {
            // A pending approval that resolved into another pending approval is a gateway bug.
            entry.TryUpdate(new A2ATaskStatus(A2ATaskState.Failed, now, AgentText("The gateway returned no result.")));
        }
    }

    [LoggerMessage(EventId = 7101, Level = LogLevel.Information, Message = "A2A task {TaskId} waits for approval {ApprovalId}")]
    private static partial void LogAwaitingApproval(ILogger logger, string taskId, string approvalId);

    [LoggerMessage(EventId = 7102, Level = LogLevel.Error, Message = "A2A task {TaskId} failed calling {AgentId} {Skill}")]
    private static partial void LogTaskFailed(ILogger logger, Exception exception, string taskId, string agentId, string skill);
}
