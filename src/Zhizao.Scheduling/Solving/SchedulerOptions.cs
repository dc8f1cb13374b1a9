namespace Zhizao.Scheduling.Solving;

/// <summary>
/// Weights of the objective terms, minimised as one sum: makespan, total weighted tardiness and the (weighted) number of
/// late jobs. Use the presets for a single criterion.
/// </summary>
public sealed record ObjectiveWeights(long Makespan = 1, long WeightedTardiness = 0, long LateJobs = 0)
{
    /// <summary>Minimise the makespan only.</summary>
    public static ObjectiveWeights MakespanOnly { get; } = new(1, 0, 0);

    /// <summary>Minimise total weighted tardiness only.</summary>
    public static ObjectiveWeights TardinessOnly { get; } = new(0, 1, 0);

    /// <summary>Minimise the number of late jobs, each counted with its weight.</summary>
    public static ObjectiveWeights LateJobsOnly { get; } = new(0, 0, 1);

    /// <summary>True when only the makespan counts (then the greedy makespan bounds every end).</summary>
    public bool IsMakespanOnly => Makespan > 0 && WeightedTardiness == 0 && LateJobs == 0;
}

/// <summary>Options of one solve. Defaults: makespan, 30 s, 2 workers, the strengthened model.</summary>
public sealed record SchedulerOptions
{
    /// <summary>The objective.</summary>
    public ObjectiveWeights Objective { get; init; } = ObjectiveWeights.MakespanOnly;

    /// <summary>Wall-time limit of the solve.</summary>
    public TimeSpan TimeLimit { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>CP-SAT worker threads.</summary>
    public int Workers { get; init; } = 2;

    /// <summary>Random seed for reproducible runs; CP-SAT's default when null.</summary>
    public int? RandomSeed { get; init; }

    /// <summary>A previous schedule to warm-start from (solution hint); operations it does not name are left free.</summary>
    public IReadOnlyList<ScheduledOperation>? Hint { get; init; }

    /// <summary>Receives the best objective and bound at each improving solution.</summary>
    public IProgress<SchedulingProgress>? Progress { get; init; }

    /// <summary>
    /// Adds redundant head/tail bounds, per-machine load bounds and a greedy start hint. False gives the textbook
    /// model (interval variables and no-overlap only), kept for the benchmark comparison.
    /// </summary>
    public bool Strengthened { get; init; } = true;

    /// <summary>
    /// CP-SAT's stronger (more expensive) no-overlap propagation (<c>use_strong_propagation_in_disjunctive</c>), used
    /// when no machine must process more than 30 operations. On job shops it turns proofs from minutes into seconds
    /// (ft10 in ~2 s instead of > 10 s on two workers); see docs/scheduling.md for the measured effect.
    /// </summary>
    public bool StrongNoOverlap { get; init; } = true;

    /// <summary>Starts the search from the greedy plan (solution hint) when no <see cref="Hint"/> is given.</summary>
    public bool GreedyHint { get; init; } = true;

    /// <summary>Extra CP-SAT parameters in text format (e.g. "log_search_progress:true"), appended last.</summary>
    public string? ExtraParameters { get; init; }
}
