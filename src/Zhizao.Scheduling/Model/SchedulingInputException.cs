namespace Zhizao.Scheduling.Model;

/// <summary>What kind of input problem a <see cref="SchedulingIssue"/> reports.</summary>
public enum SchedulingIssueKind
{
    /// <summary>Two machines, jobs or operations of one job share an id.</summary>
    DuplicateId,
    /// <summary>An operation, window or setup names a machine that does not exist.</summary>
    UnknownMachine,
    /// <summary>An operation lists no eligible machine.</summary>
    NoEligibleMachine,
    /// <summary>A duration, setup, release or window is negative or reversed.</summary>
    NegativeTime,
    /// <summary>A job's due date is before its release date.</summary>
    DueBeforeRelease,
    /// <summary>A job's weight is below 1.</summary>
    InvalidWeight,
    /// <summary>A predecessor id names no operation of the job.</summary>
    UnknownPredecessor,
    /// <summary>The precedence relation has a cycle.</summary>
    PrecedenceCycle,
    /// <summary>The operation fits in no available window of any eligible machine before the horizon.</summary>
    NeverFits,
}

/// <summary>One problem in a scheduling input, naming the job, operation and machine concerned where there is one.</summary>
public sealed record SchedulingIssue(SchedulingIssueKind Kind, string Message, string? JobId = null, string? OperationId = null, string? MachineId = null)
{
    /// <inheritdoc />
    public override string ToString() => Message;
}

/// <summary>Thrown when a scheduling input cannot be scheduled; <see cref="Issues"/> lists every problem found.</summary>
public sealed class SchedulingInputException : Exception
{
    /// <summary>Creates the exception from the issues found (at least one).</summary>
    public SchedulingInputException(IReadOnlyList<SchedulingIssue> issues)
        : base("Invalid scheduling input: " + string.Join("; ", issues.Select(i => i.Message)))
    {
        Issues = issues;
    }

    /// <summary>Creates the exception with a single message.</summary>
    public SchedulingInputException(string message) : base(message) => Issues = [];

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    public SchedulingInputException(string message, Exception innerException) : base(message, innerException) => Issues = [];

    /// <summary>Creates the exception with no detail.</summary>
    public SchedulingInputException() => Issues = [];

    /// <summary>Every problem found.</summary>
    public IReadOnlyList<SchedulingIssue> Issues { get; }
}
