namespace Zhizao.Scheduling.Model;

/// <summary>
/// A production scheduling problem: machines, jobs (each with its operations and their precedence DAG), sequence-dependent
/// setups and blocked windows. All times are integer minutes from the plan start (minute 0); <see cref="PlanClock"/>
/// converts to and from wall-clock times.
/// </summary>
/// <param name="Machines">The machines; ids are unique.</param>
/// <param name="Jobs">The jobs; ids are unique.</param>
/// <param name="Setups">Sequence-dependent setup times between product families (none when null).</param>
/// <param name="BlockedWindows">Intervals where a machine is unavailable: maintenance, breakdowns, holidays.</param>
/// <param name="Horizon">The latest minute any operation may end; computed from the data when null.</param>
public sealed record SchedulingProblem(
    IReadOnlyList<Machine> Machines,
    IReadOnlyList<Job> Jobs,
    IReadOnlyList<SetupTime>? Setups = null,
    IReadOnlyList<BlockedWindow>? BlockedWindows = null,
    long? Horizon = null)
{
    /// <summary>The setups, never null.</summary>
    public IReadOnlyList<SetupTime> SetupList => Setups ?? [];

    /// <summary>The blocked windows, never null.</summary>
    public IReadOnlyList<BlockedWindow> BlockedList => BlockedWindows ?? [];

    /// <summary>Throws a <see cref="SchedulingInputException"/> listing every problem when the input is not schedulable.</summary>
    public void EnsureValid()
    {
        var issues = SchedulingValidator.Validate(this);
        if (issues.Count > 0)
            throw new SchedulingInputException(issues);
    }
}

/// <summary>A machine (resource) that runs one operation at a time.</summary>
/// <param name="Id">Unique id, referenced by <see cref="MachineOption.MachineId"/>.</param>
/// <param name="Shifts">
/// The machine's calendar: the windows in which it works. Null means always available; outside the listed shifts
/// (nights, weekends, holidays) the machine is unavailable.
/// </param>
public sealed record Machine(string Id, IReadOnlyList<TimeWindow>? Shifts = null);

/// <summary>A job: one product lot of an order, made by a DAG of operations.</summary>
/// <param name="Id">Unique job id.</param>
/// <param name="Operations">The operations; ids unique within the job.</param>
/// <param name="Release">Earliest start of any operation (minutes).</param>
/// <param name="Due">Due date (minutes) for tardiness; null means no due date.</param>
/// <param name="Weight">Priority weight for weighted tardiness and late-job counts (≥ 1).</param>
/// <param name="Family">Product family, used for sequence-dependent setups.</param>
/// <param name="OrderId">The customer or production order this job belongs to (several jobs may share one).</param>
public sealed record Job(
    string Id,
    IReadOnlyList<Operation> Operations,
    long Release = 0,
    long? Due = null,
    int Weight = 1,
    string? Family = null,
    string? OrderId = null);

/// <summary>An operation of a job, runnable on any of its eligible machines with that machine's duration.</summary>
/// <param name="Id">Id unique within the job.</param>
/// <param name="Options">Eligible machines with their durations (flexible job shop).</param>
/// <param name="Predecessors">
/// Ids of operations of the same job that must end before this one starts. Null means "the previous operation in
/// the job's list" (a chain); an empty list means none.
/// </param>
/// <param name="Family">Product family for setups; the job's family when null.</param>
public sealed record Operation(
    string Id,
    IReadOnlyList<MachineOption> Options,
    IReadOnlyList<string>? Predecessors = null,
    string? Family = null);

/// <summary>An eligible machine for an operation and the operation's duration there.</summary>
public sealed record MachineOption(string MachineId, long Duration);

/// <summary>A half-open interval [Start, End) in minutes from the plan start.</summary>
public readonly record struct TimeWindow(long Start, long End)
{
    /// <summary>End − Start.</summary>
    public long Length => End - Start;

    /// <summary>True when the two half-open intervals share at least one minute.</summary>
    public bool Overlaps(long start, long end) => start < End && Start < end;
}

/// <summary>A window in which a machine cannot work (maintenance, breakdown, holiday).</summary>
public sealed record BlockedWindow(string MachineId, TimeWindow Window, string? Reason = null);

/// <summary>
/// Setup minutes on a machine between an operation of family <paramref name="FromFamily"/> and a following one of
/// <paramref name="ToFamily"/>. <paramref name="MachineId"/> null applies to every machine; a machine-specific entry wins.
/// </summary>
public sealed record SetupTime(string? MachineId, string FromFamily, string ToFamily, long Minutes);
