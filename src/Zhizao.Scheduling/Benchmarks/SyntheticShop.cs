using Zhizao.Scheduling.Model;

namespace Zhizao.Scheduling.Benchmarks;

/// <summary>
/// A seeded generator of realistic flexible job shops for the size targets: jobs of 3–6 operations, each operation
/// eligible on 1–3 machines with its own duration (10–120 min, ±30 % per machine), four product families with
/// sequence-dependent setups (5–30 min, one machine-specific), two shifts a day (06:00–22:00) with Sundays off, one
/// maintenance window on each of three machines, releases over the first two days and due dates twice each job's work
/// after its release plus a random share of the shop's load.
/// </summary>
public static class SyntheticShop
{
    private static readonly string[] Families = ["housing", "shaft", "flange", "bracket"];

    /// <summary>Generates a shop of <paramref name="jobs"/> jobs on <paramref name="machines"/> machines (same seed, same shop).</summary>
    public static SchedulingProblem Generate(int jobs, int machines, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(jobs, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(machines, 2);
        var random = new Random(seed);
        var clock = new PlanClock(new DateTimeOffset(2026, 11, 30, 0, 0, 0, TimeSpan.FromHours(8)));
        var totalWork = 0L;
        var jobList = new List<Job>();
        for (var j = 0; j < jobs; j++)
        {
            var family = Families[random.Next(Families.Length)];
            var operations = new List<Operation>();
            var work = 0L;
            for (var o = 0; o < random.Next(3, 7); o++)
            {
                var baseMinutes = random.Next(10, 121);
                var eligible = Enumerable.Range(0, machines).OrderBy(_ => random.Next()).Take(random.Next(1, 4)).Order().ToList();
                var options = eligible.Select(m => new MachineOption(MachineId(m), Math.Max(5, (long)Math.Round(baseMinutes * (0.7 + 0.6 * random.NextDouble()))))).ToList();
                operations.Add(new Operation($"op{o + 1}", options));
                work += options.Min(x => x.Duration);
            }
            totalWork += work;
            jobList.Add(new Job($"J{j + 1:000}", operations, random.Next(0, 2 * 24 * 60), null, random.Next(1, 4), family, $"PO-{j + 1:0000}"));
        }
        // Due dates spread over one and a half times the shop's load in shift days (16 h), so that some jobs are late.
        var loadMinutes = (int)(totalWork / machines * 24 / 16 * 3 / 2);
        jobList = [.. jobList.Select(job => job with
        {
            Due = job.Release + 2 * job.Operations.Sum(o => o.Options.Min(x => x.Duration)) + random.Next(0, Math.Max(1, loadMinutes)),
        })];
        // Enough shift days for all the work spread over the machines, twice over.
        var days = (int)Math.Max(7, Math.Ceiling(totalWork * 2.0 / machines / (16 * 60)) * 7 / 6 + 3);
        var sundays = Enumerable.Range(0, days).Select(d => DateOnly.FromDateTime(clock.PlanStart.Date.AddDays(d)))
            .Where(d => d.DayOfWeek == DayOfWeek.Sunday).ToList();
        var shifts = clock.DailyShifts(days, TimeSpan.FromHours(6), TimeSpan.FromHours(22), sundays);
        var machineList = Enumerable.Range(0, machines).Select(m => new Machine(MachineId(m), shifts)).ToList();
        var setups = new List<SetupTime>();
        foreach (var from in Families)
            foreach (var to in Families.Where(f => f != from))
                setups.Add(new SetupTime(null, from, to, random.Next(5, 31)));
        setups.Add(new SetupTime(MachineId(0), Families[0], Families[1], 45));
        var blocked = Enumerable.Range(0, Math.Min(3, machines))
            .Select(m => new BlockedWindow(MachineId(m * 3 % machines), new TimeWindow(24 * 60 + 8 * 60 + m * 300, 24 * 60 + 12 * 60 + m * 300), "maintenance"))
            .DistinctBy(b => b.MachineId).ToList();
        return new SchedulingProblem(machineList, jobList, setups, blocked);
    }

    private static string MachineId(int index) => $"M{index + 1:00}";
}
