using System.Text.Json;
using System.Text.Json.Serialization;
using Zhizao.Scheduling.Solving;

namespace Zhizao.Scheduling.Benchmarks;

/// <summary>One operation of a benchmark schedule file: its machine (numbered as in the instance file) and start.</summary>
public sealed record BenchmarkScheduleEntry([property: JsonPropertyName("machine")] int Machine, [property: JsonPropertyName("start")] long Start);

/// <summary>
/// The schedule file an independent checker reads: <c>{"instance", "makespan", "jobs": [[{"machine", "start"}, ...], ...]}</c>,
/// one entry per operation in the order of the instance file.
/// </summary>
public sealed record BenchmarkSchedule(
    [property: JsonPropertyName("instance")] string Instance,
    [property: JsonPropertyName("makespan")] long Makespan,
    [property: JsonPropertyName("jobs")] IReadOnlyList<IReadOnlyList<BenchmarkScheduleEntry>> Jobs)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    /// <summary>The schedule file of a solved benchmark instance.</summary>
    public static BenchmarkSchedule From(BenchmarkInstance instance, ScheduleResult result)
    {
        var placed = result.Operations.ToDictionary(o => (o.JobId, o.OperationId));
        return new BenchmarkSchedule(instance.Name, result.Kpis?.Makespan ?? 0,
            [.. instance.Jobs.Select((ops, j) => (IReadOnlyList<BenchmarkScheduleEntry>)[.. ops.Select((_, o) =>
            {
                var p = placed[(BenchmarkInstance.JobId(j), BenchmarkInstance.OperationId(o))];
                return new BenchmarkScheduleEntry(int.Parse(p.MachineId, System.Globalization.CultureInfo.InvariantCulture), p.Start);
            })])]);
    }

    /// <summary>Writes the schedule as JSON.</summary>
    public async Task WriteAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = File.Create(path);
        await JsonSerializer.SerializeAsync(stream, this, Json, cancellationToken);
    }

    /// <summary>Reads a schedule file.</summary>
    public static async Task<BenchmarkSchedule> ReadAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(path);
        return await JsonSerializer.DeserializeAsync<BenchmarkSchedule>(stream, Json, cancellationToken)
            ?? throw new InvalidDataException($"{path}: empty schedule");
    }
}

/// <summary>Outcome of checking a schedule file against its instance.</summary>
/// <param name="Valid">No violation and the stated makespan equals the recomputed one.</param>
/// <param name="RecomputedMakespan">Latest end of any operation, from the instance's durations.</param>
/// <param name="Violations">Every problem found.</param>
public sealed record BenchmarkCheck(bool Valid, long RecomputedMakespan, IReadOnlyList<string> Violations);

/// <summary>
/// Independent checker of benchmark schedule files: re-reads the instance and the JSON, takes each operation's duration
/// from the instance for the machine the file names, and verifies eligibility, precedence and no overlap with
/// <see cref="ScheduleChecker"/>, then recomputes the makespan.
/// </summary>
public static class BenchmarkScheduleChecker
{
    /// <summary>Checks <paramref name="schedulePath"/> against <paramref name="instancePath"/>.</summary>
    public static async Task<BenchmarkCheck> CheckAsync(string instancePath, string schedulePath, CancellationToken cancellationToken)
    {
        var instance = await BenchmarkInstance.ReadAsync(instancePath, cancellationToken);
        var schedule = await BenchmarkSchedule.ReadAsync(schedulePath, cancellationToken);
        return Check(instance, schedule);
    }

    /// <summary>Checks a parsed schedule against a parsed instance.</summary>
    public static BenchmarkCheck Check(BenchmarkInstance instance, BenchmarkSchedule schedule)
    {
        var violations = new List<string>();
        var operations = new List<ScheduledOperation>();
        if (schedule.Jobs.Count != instance.Jobs.Count)
            violations.Add($"The schedule has {schedule.Jobs.Count} jobs, the instance {instance.Jobs.Count}");
        for (var j = 0; j < Math.Min(schedule.Jobs.Count, instance.Jobs.Count); j++)
        {
            if (schedule.Jobs[j].Count != instance.Jobs[j].Count)
                violations.Add($"Job {j} has {schedule.Jobs[j].Count} operations in the schedule, {instance.Jobs[j].Count} in the instance");
            for (var o = 0; o < Math.Min(schedule.Jobs[j].Count, instance.Jobs[j].Count); o++)
            {
                var entry = schedule.Jobs[j][o];
                // An ineligible machine keeps duration 0 here; ScheduleChecker reports it by name.
                var duration = instance.Jobs[j][o].FirstOrDefault(x => x.Machine == entry.Machine).Duration;
                operations.Add(new ScheduledOperation(BenchmarkInstance.JobId(j), BenchmarkInstance.OperationId(o),
                    BenchmarkInstance.MachineId(entry.Machine), entry.Start, entry.Start + duration));
            }
        }
        violations.AddRange(ScheduleChecker.Check(instance.ToProblem(), operations));
        var makespan = operations.Select(o => o.End).DefaultIfEmpty(0).Max();
        if (makespan != schedule.Makespan)
            violations.Add($"The stated makespan {schedule.Makespan} differs from the recomputed {makespan}");
        return new BenchmarkCheck(violations.Count == 0, makespan, violations);
    }
}
