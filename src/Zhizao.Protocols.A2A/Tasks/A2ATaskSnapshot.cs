using System.Text.Json.Nodes;
using Zhizao.Core.Access;
using Zhizao.Protocols.A2A.Protocol;

namespace Zhizao.Protocols.A2A.Tasks;

/// <summary>A task's status: its state, when it was set, and the agent's message about it.</summary>
internal sealed record A2ATaskStatus(A2ATaskState State, DateTimeOffset Timestamp, A2AMessage? Message = null, JsonObject? Metadata = null);

/// <summary>A task output: Zhizao puts the skill's JSON output in one data part.</summary>
internal sealed record A2AArtifact(string ArtifactId, string Name, IReadOnlyList<A2APart> Parts);

/// <summary>An immutable view of a task, rendered by either protocol version.</summary>
internal sealed record A2ATaskSnapshot(
    string Id,
    string ContextId,
    string AgentId,
    string Skill,
    A2ATaskStatus Status,
    IReadOnlyList<A2AArtifact> Artifacts,
    IReadOnlyList<A2AMessage> History,
    Refusal? Refusal,
    bool AwaitingApproval);

/// <summary>A change of a task: a new status, or a new artifact (<see cref="Artifact"/> set).</summary>
internal sealed record A2ATaskEvent(A2ATaskSnapshot Task, A2AArtifact? Artifact)
{
    /// <summary>True for the status event that ends the task.</summary>
    public bool IsFinal => Artifact is null && Task.Status.State.IsTerminal();
}
