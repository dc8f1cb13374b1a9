namespace Zhizao.Scheduling.Model;

/// <summary>Converts between wall-clock times and the model's integer minutes from the plan start.</summary>
/// <param name="PlanStart">Minute 0 of the plan.</param>
public sealed record PlanClock(DateTimeOffset PlanStart)
{
    /// <summary>Minutes from the plan start to <paramref name="time"/>, rounded down (negative before the start).</summary>
    public long ToMinutes(DateTimeOffset time) => (long)Math.Floor((time - PlanStart).TotalMinutes);

    /// <summary>The wall-clock time of model minute <paramref name="minutes"/>.</summary>
    public DateTimeOffset ToTime(long minutes) => PlanStart.AddMinutes(minutes);

    /// <summary>The window [from, to) in model minutes.</summary>
    public TimeWindow ToWindow(DateTimeOffset from, DateTimeOffset to) => new(ToMinutes(from), ToMinutes(to));

    /// <summary>
    /// Daily shifts for <paramref name="days"/> days from the plan start's date: each day not in
    /// <paramref name="holidays"/> gets [shiftStart, shiftEnd) (times of day in the plan start's offset).
    /// </summary>
    public IReadOnlyList<TimeWindow> DailyShifts(int days, TimeSpan shiftStart, TimeSpan shiftEnd, IReadOnlyCollection<DateOnly>? holidays = null)
    {
        var windows = new List<TimeWindow>();
        var firstDay = new DateTimeOffset(PlanStart.Date, PlanStart.Offset);
        for (var d = 0; d < days; d++)
        {
            var day = firstDay.AddDays(d);
            if (holidays is not null && holidays.Contains(DateOnly.FromDateTime(day.Date)))
                continue;
            var start = Math.Max(0, ToMinutes(day + shiftStart));
            var end = ToMinutes(day + shiftEnd);
            if (end > start)
                windows.Add(new TimeWindow(start, end));
        }
        return windows;
    }
}
