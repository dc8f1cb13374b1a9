namespace Zhizao.Scheduling.Model;

/// <summary>Machine availability: the horizon and each machine's merged unavailable windows within it.</summary>
internal static class Availability
{
    /// <summary>
    /// A horizon by which a list schedule surely ends: latest release plus every operation's longest duration and
    /// setup, plus every blocked minute, plus the last shift end when machines have calendars.
    /// </summary>
    public static long Horizon(SchedulingProblem problem)
    {
        if (problem.Horizon is { } h)
            return h;
        var maxSetup = problem.SetupList.Select(s => s.Minutes).DefaultIfEmpty(0).Max();
        long sum = problem.Jobs.Select(j => j.Release).DefaultIfEmpty(0).Max();
        foreach (var op in problem.Jobs.SelectMany(j => j.Operations))
            sum += op.Options.Select(o => Math.Max(0, o.Duration)).DefaultIfEmpty(0).Max() + maxSetup;
        sum += problem.BlockedList.Sum(b => Math.Max(0, b.Window.Length));
        var lastShift = problem.Machines.SelectMany(m => m.Shifts ?? []).Select(w => w.End).DefaultIfEmpty(0).Max();
        return Math.Max(1, sum + lastShift);
    }

    /// <summary>The machine's unavailable windows inside [0, horizon), merged and sorted.</summary>
    public static List<TimeWindow> Unavailable(SchedulingProblem problem, Machine machine, long horizon)
    {
        var raw = problem.BlockedList.Where(b => b.MachineId == machine.Id).Select(b => b.Window).ToList();
        if (machine.Shifts is { } shifts)
        {
            long cursor = 0;
            foreach (var s in shifts.OrderBy(s => s.Start))
            {
                if (s.Start > cursor)
                    raw.Add(new TimeWindow(cursor, s.Start));
                cursor = Math.Max(cursor, s.End);
            }
            if (cursor < horizon)
                raw.Add(new TimeWindow(cursor, horizon));
        }
        var merged = new List<TimeWindow>();
        foreach (var w in raw.Select(w => new TimeWindow(Math.Max(0, w.Start), Math.Min(horizon, w.End))).Where(w => w.End > w.Start).OrderBy(w => w.Start))
        {
            if (merged.Count > 0 && w.Start <= merged[^1].End)
                merged[^1] = merged[^1] with { End = Math.Max(merged[^1].End, w.End) };
            else
                merged.Add(w);
        }
        return merged;
    }

    /// <summary>The earliest start ≥ <paramref name="from"/> at which <paramref name="duration"/> minutes fit between unavailable windows, or null.</summary>
    public static long? EarliestFit(IReadOnlyList<TimeWindow> unavailable, long from, long duration, long horizon)
    {
        var start = Math.Max(0, from);
        foreach (var w in unavailable)
        {
            if (w.End <= start)
                continue;
            if (start + duration <= w.Start)
                break;
            start = Math.Max(start, w.End);
        }
        return start + duration <= horizon ? start : null;
    }
}
