using Zhizao.Scheduling.Model;

namespace Zhizao.Agents.Scheduling.Plans;

/// <summary>
/// One problem in a plan file: which file, where inside it (a JSON pointer such as <c>/jobs/2/operations/0/options/1/machine</c>)
/// and what is wrong. <see cref="Kind"/> is set when the engine's validator found it.
/// </summary>
public sealed record PlanFileError(string File, string Path, string Message, SchedulingIssueKind? Kind = null)
{
    /// <inheritdoc />
    public override string ToString() => $"{File}: {(Path.Length == 0 ? "/" : Path)}: {Message}";
}

/// <summary>Raised when a plan file cannot be scheduled; <see cref="Errors"/> lists every problem found.</summary>
public sealed class PlanFileException : Exception
{
    /// <summary>Creates the exception from the problems found (at least one).</summary>
    public PlanFileException(IReadOnlyList<PlanFileError> errors)
        : base(string.Join(Environment.NewLine, errors)) => Errors = errors;

    /// <summary>Creates the exception with a single message.</summary>
    public PlanFileException(string message) : base(message) => Errors = [];

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    public PlanFileException(string message, Exception innerException) : base(message, innerException) => Errors = [];

    /// <summary>Creates the exception with no detail.</summary>
    public PlanFileException() => Errors = [];

    /// <summary>Every problem found, in file order, then the engine's validation issues.</summary>
    public IReadOnlyList<PlanFileError> Errors { get; }
}

/// <summary>A parsed plan: the engine's problem (minutes from the plan start) and the clock that maps minutes to times.</summary>
public sealed record Plan(SchedulingProblem Problem, PlanClock Clock);
