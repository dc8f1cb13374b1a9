using System.Text.Json.Nodes;
using Zhizao.Protocols.A2A.Protocol;

namespace Zhizao.Protocols.A2A.Client;

/// <summary>What an external agent answered to a skill call.</summary>
/// <param name="TaskId">The agent's task id (null when it answered with a plain message).</param>
/// <param name="State">The task's state (<see cref="A2ATaskState.Completed"/> for a plain message).</param>
/// <param name="Output">The first data part of the artifacts (or of the message); else their text, as a JSON string.</param>
/// <param name="StatusMessage">The text of the task's status message (why it failed, was rejected, …).</param>
/// <param name="ProtocolVersion">"1.0" or "0.3": the version the call was made in.</param>
public sealed record A2ACallResult(string? TaskId, A2ATaskState State, JsonNode? Output, string? StatusMessage, string ProtocolVersion)
{
    /// <summary>True when the task completed.</summary>
    public bool IsSuccess => State == A2ATaskState.Completed;
}
