namespace Zhizao.Storage.DuckDb;

/// <summary>Options of the embedded store.</summary>
public sealed class DuckDbStoreOptions
{
    /// <summary>Database file; created if missing. ":memory:" is refused: the store must be durable.</summary>
    public string Path { get; set; } = "data/zhizao.duckdb";

    /// <summary>
    /// Rows in the hot (append) table that trigger a compaction into the time-ordered, signal-sorted table.
    /// Larger values compact less often; smaller keep the unsorted tail (scanned by every query) short.
    /// </summary>
    public int CompactionThresholdRows { get; set; } = 2_000_000;

    /// <summary>DuckDB worker threads; 0 = DuckDB's default (all cores).</summary>
    public int Threads { get; set; }

    /// <summary>DuckDB memory limit, e.g. "4GB"; empty = DuckDB's default (80 % of RAM).</summary>
    public string MemoryLimit { get; set; } = "";

    /// <summary>Checks the options; returns the problems found.</summary>
    public IEnumerable<string> Validate()
    {
        if (string.IsNullOrWhiteSpace(Path) || Path.Contains(":memory:", StringComparison.Ordinal))
            yield return "Storage:DuckDb:Path must be a file path";
        if (CompactionThresholdRows < 10_000)
            yield return "Storage:DuckDb:CompactionThresholdRows must be at least 10000";
        if (Threads < 0)
            yield return "Storage:DuckDb:Threads must be 0 (default) or positive";
    }
}
