using static System.FormattableString;

namespace Zhizao.Agents.Supply.Data;

/// <summary>
/// Turns accepted demand rows, in any order, into equally spaced series: sorts each item's rows, sums duplicates,
/// infers the step, rejects rows between steps, fills gaps with zero and flags short, gappy and all-zero series.
/// O(n log n) in the rows; 24 bytes a row.
/// </summary>
/// <remarks>
/// Why gaps become zeros: a demand export (ERP order lines, goods issues) has a row only when something was ordered,
/// so a day without a row is a day without demand, not an unknown. Interpolating would invent demand; dropping the day
/// would shift the weekly pattern. A very long gap, though, is more often an outage, a stock-out or an item not yet
/// listed, so it is flagged for the user to check.
/// </remarks>
internal sealed class DemandSeriesBuilder(FindingLog log, SupplyFileOptions options)
{
    /// <summary>The candidate steps, largest first: the largest that fits the dates is chosen.</summary>
    private static readonly TimeSpan[] Ladder =
    [
        TimeSpan.FromDays(7), TimeSpan.FromDays(1), TimeSpan.FromHours(12), TimeSpan.FromHours(6), TimeSpan.FromHours(1),
        TimeSpan.FromMinutes(30), TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(1),
    ];

    private readonly record struct Row(long Ticks, double Quantity, long Line);

    private sealed class ItemRows(string id)
    {
        public string Id { get; } = id;
        public List<Row> Rows { get; } = [];
        public bool Sorted { get; set; } = true;
        public long Phase { get; set; }
        public bool Summed { get; set; }
    }

    private readonly Dictionary<string, ItemRows> _byId = new(StringComparer.Ordinal);
    private readonly List<ItemRows> _items = [];

    /// <summary>Rows accepted so far.</summary>
    public long Count { get; private set; }

    /// <summary>Adds one accepted row.</summary>
    public void Add(string item, DateTime time, double quantity, long line)
    {
        if (!_byId.TryGetValue(item, out var rows))
        {
            rows = new ItemRows(item);
            _byId.Add(item, rows);
            _items.Add(rows);
        }
        if (rows.Rows.Count > 0 && time.Ticks < rows.Rows[^1].Ticks)
            rows.Sorted = false;
        rows.Rows.Add(new Row(time.Ticks, quantity, line));
        Count++;
    }

    /// <summary>Builds the series, in order of the items' first appearance. Refuses irregular (e.g. monthly) dates.</summary>
    public (TimeSpan Step, List<DemandSeries> Series) Build()
    {
        if (_items.Count == 0)
            return (TimeSpan.FromDays(1), []);
        var unsorted = 0;
        foreach (var item in _items)
        {
            if (!item.Sorted)
            {
                unsorted++;
                item.Rows.Sort((a, b) => a.Ticks != b.Ticks ? a.Ticks.CompareTo(b.Ticks) : a.Line.CompareTo(b.Line));
            }
            SumDuplicates(item);
        }
        if (unsorted > 0)
            log.Note(FindingSeverity.Info, FindingKind.Unsorted, null, Invariant($"the rows of {unsorted} item(s) were not in date order; they were sorted."));
        var step = InferStep();
        RefuseOffGrid(step);
        var kept = _items.Select(i => (Item: i, Rows: OnGrid(i, step))).Where(k => k.Rows is not null).ToList();
        var series = new List<DemandSeries>(kept.Count);
        if (kept.Count == 0)
            return (step, series);
        var latest = kept.Select(k => k.Rows![^1]).MaxBy(r => r.Ticks);
        var end = latest.Ticks;
        var cells = kept.Sum(k => ((end - k.Rows![0].Ticks) / step.Ticks) + 1);
        if (cells > options.MaxRows * 4)
            throw log.Refuse(FindingKind.SeriesTooLong, latest.Line, null, Timestamps.Format(new DateTime(end)),
                Invariant($"the series would hold {cells:N0} periods in all, from each item's first date to the file's last date {Timestamps.Format(new DateTime(end))} (this line), over the bound of {options.MaxRows * 4:N0}; check for a mistyped date."));
        foreach (var (item, rows) in kept)
            series.Add(ToSeries(item, rows!, step, end));
        return (step, series);
    }

    private void SumDuplicates(ItemRows item)
    {
        var rows = item.Rows;
        var kept = 0;
        for (var i = 0; i < rows.Count; i++)
        {
            if (kept > 0 && rows[kept - 1].Ticks == rows[i].Ticks)
            {
                var first = rows[kept - 1];
                var sum = first.Quantity + rows[i].Quantity;
                log.Add(FindingSeverity.Warning, FindingKind.DuplicatesSummed, rows[i].Line, null, null, item.Id,
                    Invariant($"item '{item.Id}', {Timestamps.Format(new DateTime(first.Ticks))}: this row repeats line {first.Line}; the quantities were summed ({first.Quantity:0.###} + {rows[i].Quantity:0.###} = {sum:0.###}), as ERP exports split one day's orders over several lines."));
                rows[kept - 1] = first with { Quantity = sum };
                item.Summed = true;
                continue;
            }
            rows[kept++] = rows[i];
        }
        rows.RemoveRange(kept, rows.Count - kept);
    }

    /// <summary>The largest step of the ladder that all but <see cref="SupplyFileOptions.MaxOffGridShare"/> of the intervals between consecutive dates are multiples of.</summary>
    private TimeSpan InferStep()
    {
        var multiples = new long[Ladder.Length];
        long intervals = 0;
        var midnight = true;
        foreach (var item in _items)
        {
            for (var i = 0; i < item.Rows.Count; i++)
            {
                midnight &= item.Rows[i].Ticks % TimeSpan.TicksPerDay == 0;
                if (i == 0)
                    continue;
                var diff = item.Rows[i].Ticks - item.Rows[i - 1].Ticks;
                intervals++;
                for (var c = 0; c < Ladder.Length; c++)
                    if (diff % Ladder[c].Ticks == 0)
                        multiples[c]++;
            }
        }
        if (intervals == 0)
        {
            var assumed = midnight ? TimeSpan.FromDays(1) : TimeSpan.FromHours(1);
            log.Note(FindingSeverity.Info, FindingKind.StepInferred, null, $"every item has a single date; the step is assumed to be {Timestamps.Describe(assumed)}.");
            return assumed;
        }
        RefuseMonthly();
        for (var c = 0; c < Ladder.Length; c++)
        {
            if (multiples[c] >= (1 - options.MaxOffGridShare) * intervals)
            {
                log.Note(FindingSeverity.Info, FindingKind.StepInferred, null, $"the step of the series is {Timestamps.Describe(Ladder[c])}, inferred from the dates.");
                return Ladder[c];
            }
        }
        throw log.Refuse(FindingKind.IrregularSpacing, null, null, null,
            "the timestamps are not equally spaced on any step from 1 minute to 1 week; give one row per item and day (or week, or hour).");
    }

    /// <summary>
    /// Month starts (or ends) only, mostly a month apart: months differ in length, so no step fits. Two dates a
    /// month apart are not enough to call a file monthly.
    /// </summary>
    private void RefuseMonthly()
    {
        long intervals = 0, monthApart = 0;
        foreach (var item in _items)
        {
            for (var i = 0; i < item.Rows.Count; i++)
            {
                var time = new DateTime(item.Rows[i].Ticks);
                if (time.TimeOfDay != TimeSpan.Zero || (time.Day != 1 && time.AddDays(1).Day != 1))
                    return;
                if (i == 0)
                    continue;
                intervals++;
                if ((item.Rows[i].Ticks - item.Rows[i - 1].Ticks) / TimeSpan.TicksPerDay is >= 28 and <= 31)
                    monthApart++;
            }
        }
        if (intervals >= 2 && monthApart * 2 >= intervals)
            throw log.Refuse(FindingKind.IrregularSpacing, null, null, null,
                "the dates are monthly (one per month); months differ in length, so they are not equally spaced. Give daily or weekly demand.");
    }

    /// <summary>Sets each item's phase (the most common position within a step) and refuses the file when too many rows fall between steps.</summary>
    private void RefuseOffGrid(TimeSpan step)
    {
        long offGrid = 0;
        Row? example = null;
        foreach (var item in _items)
        {
            item.Phase = item.Rows.GroupBy(r => r.Ticks % step.Ticks).MaxBy(g => g.Count())!.Key;
            foreach (var row in item.Rows)
                if (row.Ticks % step.Ticks != item.Phase)
                {
                    offGrid++;
                    example ??= row;
                }
        }
        if (offGrid > options.MaxOffGridShare * Count && example is { } e)
            throw log.Refuse(FindingKind.IrregularSpacing, e.Line, null, Timestamps.Format(new DateTime(e.Ticks)),
                Invariant($"{offGrid:N0} of {Count:N0} rows fall between the {Timestamps.Describe(step)} steps of their series (e.g. this line); the timestamps are not equally spaced."));
    }

    /// <summary>The item's rows on its grid (the others rejected), or null when none is left or they span too many periods.</summary>
    private List<Row>? OnGrid(ItemRows item, TimeSpan step)
    {
        var rows = new List<Row>(item.Rows.Count);
        foreach (var row in item.Rows)
        {
            if (row.Ticks % step.Ticks == item.Phase)
                rows.Add(row);
            else
                log.Add(FindingSeverity.Error, FindingKind.OffGrid, row.Line, null, Timestamps.Format(new DateTime(row.Ticks)), item.Id,
                    $"item '{item.Id}': {Timestamps.Format(new DateTime(row.Ticks))} falls between the {Timestamps.Describe(step)} steps of the item's series; row rejected.");
        }
        if (rows.Count == 0)
            return null;
        var (first, last) = (rows[0], rows[^1]);
        var span = ((last.Ticks - first.Ticks) / step.Ticks) + 1;
        if (span <= options.MaxPeriodsPerSeries)
            return rows;
        log.Add(FindingSeverity.Error, FindingKind.SeriesTooLong, last.Line, null, Timestamps.Format(new DateTime(last.Ticks)), item.Id,
            Invariant($"item '{item.Id}' spans {Timestamps.Format(new DateTime(first.Ticks))} (line {first.Line}) to {Timestamps.Format(new DateTime(last.Ticks))} (this line): {span:N0} periods, over the bound of {options.MaxPeriodsPerSeries:N0}; check the year. Item rejected."));
        return null;
    }

    /// <summary>
    /// The item's series from its first row to the file's last period (<paramref name="end"/>): an export covers one
    /// period for every item, so an item without rows at the end had no demand then, and every series gets the same
    /// forecast origin. The start stays at the item's first row, as an item may have been introduced later.
    /// </summary>
    private DemandSeries ToSeries(ItemRows item, List<Row> rows, TimeSpan step, long end)
    {
        var (first, last) = (rows[0], rows[^1]);
        var span = ((end - first.Ticks) / step.Ticks) + 1;
        var values = new double[span];
        long longest = 0;
        long longestFrom = 0;
        for (var i = 0; i < rows.Count; i++)
        {
            var k = (rows[i].Ticks - first.Ticks) / step.Ticks;
            values[k] = rows[i].Quantity;
            var gap = i == 0 ? 0 : ((rows[i].Ticks - rows[i - 1].Ticks) / step.Ticks) - 1;
            if (gap > longest)
            {
                longest = gap;
                longestFrom = rows[i - 1].Ticks + step.Ticks;
            }
        }
        var trailing = span - 1 - ((last.Ticks - first.Ticks) / step.Ticks);
        if (trailing > longest)
        {
            longest = trailing;
            longestFrom = last.Ticks + step.Ticks;
        }
        return new DemandSeries(item.Id, new DateTime(first.Ticks), step, values,
            Flag(item, rows.Count, values, step, longest, new DateTime(longestFrom)), (int)(span - rows.Count));
    }

    private SeriesFlags Flag(ItemRows item, int observed, double[] values, TimeSpan step, long longest, DateTime longestFrom)
    {
        var flags = SeriesFlags.None;
        var unit = PeriodWord(step);
        var filled = values.Length - observed;
        if (item.Summed)
            flags |= SeriesFlags.DuplicatesSummed;
        if (filled > 0)
        {
            flags |= SeriesFlags.GapsFilled;
            log.Add(FindingSeverity.Warning, FindingKind.GapFilled, filled, null, null, null, item.Id,
                Invariant($"item '{item.Id}': {filled} missing {unit} filled with zero demand (a period without rows in a demand export is a period without orders); the longest gap is {longest} {unit} from {Timestamps.Format(longestFrom)}."));
        }
        if (longest > options.LongGapShare * values.Length)
        {
            flags |= SeriesFlags.LongGap;
            log.Add(FindingSeverity.Warning, FindingKind.LongGap, null, null, Timestamps.Format(longestFrom), item.Id,
                Invariant($"item '{item.Id}': a gap of {longest} {unit} from {Timestamps.Format(longestFrom)} is {100.0 * longest / values.Length:0} % of the series' span; such a long run of zeros is often an outage, a stock-out or an inactive period rather than no demand. Check it, or trim the series."));
        }
        if (values.Length < options.MinObservations)
        {
            flags |= SeriesFlags.FewObservations;
            log.Add(FindingSeverity.Warning, FindingKind.FewObservations, null, null, null, item.Id,
                Invariant($"item '{item.Id}' has only {values.Length} {unit} of history (fewer than {options.MinObservations}); it is kept, and forecasters fall back to simple methods."));
        }
        if (Array.TrueForAll(values, v => v == 0))
        {
            flags |= SeriesFlags.AllZero;
            log.Add(FindingSeverity.Warning, FindingKind.AllZero, null, null, null, item.Id,
                $"item '{item.Id}' has zero demand in every period; it is kept, its forecast is zero and it needs no safety stock.");
        }
        return flags;
    }

    private static string PeriodWord(TimeSpan step) =>
        step == TimeSpan.FromDays(1) ? "days" : step == TimeSpan.FromDays(7) ? "weeks" : step == TimeSpan.FromHours(1) ? "hours" : "periods";
}
