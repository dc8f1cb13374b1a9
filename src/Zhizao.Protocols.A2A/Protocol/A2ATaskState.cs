namespace Zhizao.Protocols.A2A.Protocol;

/// <summary>The lifecycle state of an A2A task (1.0 wire names TASK_STATE_…, 0.3 wire names lowercase).</summary>
public enum A2ATaskState
{
    /// <summary>Unknown or not given.</summary>
    Unspecified,
    /// <summary>Accepted, not started.</summary>
    Submitted,
    /// <summary>Running (or waiting for a person's approval).</summary>
    Working,
    /// <summary>Finished with a result (terminal).</summary>
    Completed,
    /// <summary>Finished with an error (terminal).</summary>
    Failed,
    /// <summary>Cancelled by the caller (terminal).</summary>
    Canceled,
    /// <summary>The agent needs more input (interrupted).</summary>
    InputRequired,
    /// <summary>Refused: by policy, by a person, or by the agent (terminal).</summary>
    Rejected,
    /// <summary>The agent needs authentication (interrupted).</summary>
    AuthRequired,
}

/// <summary>Wire names of <see cref="A2ATaskState"/> in both protocol versions.</summary>
public static class A2ATaskStates
{
    private static readonly (A2ATaskState State, string V1, string V03)[] Names =
    [
        (A2ATaskState.Unspecified, "TASK_STATE_UNSPECIFIED", "unknown"),
        (A2ATaskState.Submitted, "TASK_STATE_SUBMITTED", "submitted"),
        (A2ATaskState.Working, "TASK_STATE_WORKING", "working"),
        (A2ATaskState.Completed, "TASK_STATE_COMPLETED", "completed"),
        (A2ATaskState.Failed, "TASK_STATE_FAILED", "failed"),
        (A2ATaskState.Canceled, "TASK_STATE_CANCELED", "canceled"),
        (A2ATaskState.InputRequired, "TASK_STATE_INPUT_REQUIRED", "input-required"),
        (A2ATaskState.Rejected, "TASK_STATE_REJECTED", "rejected"),
        (A2ATaskState.AuthRequired, "TASK_STATE_AUTH_REQUIRED", "auth-required"),
    ];

    /// <summary>True for completed, failed, canceled and rejected.</summary>
    public static bool IsTerminal(this A2ATaskState state) =>
        state is A2ATaskState.Completed or A2ATaskState.Failed or A2ATaskState.Canceled or A2ATaskState.Rejected;

    /// <summary>The 1.0 name, e.g. TASK_STATE_COMPLETED.</summary>
    public static string ToV1(A2ATaskState state) => Names[(int)state].V1;

    /// <summary>The 0.3 name, e.g. completed.</summary>
    public static string ToV03(A2ATaskState state) => Names[(int)state].V03;

    /// <summary>Reads a state in either version's spelling (0.3's "cancelled" too); unknown names give <see cref="A2ATaskState.Unspecified"/>.</summary>
    public static A2ATaskState Parse(string? name)
    {
        if (string.Equals(name, "cancelled", StringComparison.OrdinalIgnoreCase) || string.Equals(name, "TASK_STATE_CANCELLED", StringComparison.Ordinal))
            return A2ATaskState.Canceled;
        foreach (var (state, v1, v03) in Names)
        {
            if (string.Equals(name, v1, StringComparison.Ordinal) || string.Equals(name, v03, StringComparison.Ordinal))
                return state;
        }
        return A2ATaskState.Unspecified;
    }
}
