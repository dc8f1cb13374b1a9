using System.Text.Json.Serialization;

namespace Zhizao.Agents.Supply.Data;

/// <summary>The two layouts of a demand file.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<DemandFileFormat>))]
public enum DemandFileFormat
{
    /// <summary>One row per item and date: <c>item,date,quantity</c>.</summary>
    Long,
    /// <summary>One row per date, one column per item: <c>date,&lt;item1&gt;,&lt;item2&gt;,…</c>.</summary>
    Wide,
}

/// <summary>
/// The result of reading demand: one equally spaced series per item (in order of first appearance), what was found on
/// the way, and counts.
/// </summary>
/// <param name="File">The file name used in findings.</param>
/// <param name="Format">Long or wide, detected from the header.</param>
/// <param name="Step">The period of every series, inferred from the data.</param>
/// <param name="Series">One series per item.</param>
/// <param name="Findings">Every finding: errors (rejected lines), warnings (repairs, flags), notes; capped per kind.</param>
/// <param name="Counts">Occurrences by kind, never capped: rejected lines, summed rows, filled periods, flagged series…</param>
/// <param name="DataLines">Data lines read (not counting the header and blank lines).</param>
public sealed record DemandData(
    string File,
    DemandFileFormat Format,
    TimeSpan Step,
    IReadOnlyList<DemandSeries> Series,
    IReadOnlyList<DataFinding> Findings,
    IReadOnlyDictionary<FindingKind, long> Counts,
    long DataLines)
{
    /// <summary>The occurrences of one kind (0 when none).</summary>
    public long Count(FindingKind kind) => Counts.GetValueOrDefault(kind);

    /// <summary>The series of an item, or null.</summary>
    public DemandSeries? Find(string itemId) => Series.FirstOrDefault(s => string.Equals(s.ItemId, itemId, StringComparison.Ordinal));
}
