using static System.FormattableString;

namespace Zhizao.Agents.Supply.Data;

/// <summary>
/// Collects the findings of one read: every occurrence is counted, the first <c>detailLimit</c> findings of each kind
/// are kept in full (with line and value) and the rest are summarised in one finding per kind, so a file with a million
/// bad lines still produces a short report.
/// </summary>
internal sealed class FindingLog(string file, int detailLimit)
{
    private sealed class Tally
    {
        public long Occurrences;
        public long Findings;
        public int Kept;
        public FindingSeverity Severity;
    }

    private readonly List<DataFinding> _findings = [];
    private readonly Dictionary<FindingKind, Tally> _tallies = [];

    public string File { get; } = file;

    /// <summary>Occurrences by kind: rejected lines, summed rows, filled periods…</summary>
    public Dictionary<FindingKind, long> Counts() => _tallies.ToDictionary(t => t.Key, t => t.Value.Occurrences);

    /// <summary>Counts one occurrence and keeps its detail while under the limit.</summary>
    public void Add(FindingSeverity severity, FindingKind kind, long? line, string? column, string? value, string? item, string message) =>
        Add(severity, kind, 1, line, column, value, item, message);

    /// <summary>Counts <paramref name="occurrences"/> at once (e.g. the periods of one item's gaps) under one finding.</summary>
    public void Add(FindingSeverity severity, FindingKind kind, long occurrences, long? line, string? column, string? value, string? item, string message)
    {
        if (!_tallies.TryGetValue(kind, out var tally))
            _tallies[kind] = tally = new Tally();
        tally.Occurrences += occurrences;
        tally.Findings++;
        tally.Severity = severity;
        if (tally.Kept < detailLimit)
        {
            tally.Kept++;
            _findings.Add(new DataFinding(severity, kind, File, line, column, value, item, message));
        }
    }

    /// <summary>A note about the whole file, always kept and not counted.</summary>
    public void Note(FindingSeverity severity, FindingKind kind, string? column, string message) =>
        _findings.Add(new DataFinding(severity, kind, File, null, column, null, null, message));

    /// <summary>An exception refusing the whole file for one reason.</summary>
    public SupplyFileException Refuse(FindingKind kind, long? line, string? column, string? value, string message) =>
        new(new DataFinding(FindingSeverity.Error, kind, File, line, column, value, null, message));

    /// <summary>The findings in order, then one summary for each kind whose details were cut.</summary>
    public List<DataFinding> Complete()
    {
        var result = new List<DataFinding>(_findings);
        foreach (var (kind, tally) in _tallies)
            if (tally.Findings > tally.Kept)
                result.Add(new DataFinding(tally.Severity, kind, File, null, null, null, null,
                    Invariant($"{tally.Findings - tally.Kept:N0} more findings like the above not listed ({kind}: {tally.Occurrences:N0} in all).")));
        return result;
    }
}
