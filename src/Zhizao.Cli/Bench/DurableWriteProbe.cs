using DuckDB.NET.Data;

namespace Zhizao.Cli.Bench;

/// <summary>
/// Where a one-row DuckDB transaction spends its time, for the <c>access</c> suite's explanation: opening a connection to the
/// database the store has open (the store opens one per call), and inserting one audit-sized row and committing on a connection kept
/// open, in the same file and in an in-memory database (which has no write-ahead log to write and sync); a group-commit batch written
/// as separate statements or as one; and, as the floor of any durable write path on this disk, appending to a plain file and syncing it.
/// </summary>
internal static class DurableWriteProbe
{
    /// <summary>p50 latencies in milliseconds.</summary>
    internal sealed record Result(double Open, double Commit, double MemoryCommit, double FileSync, double FileSyncP99, double BatchSeparate, double BatchTogether);

    /// <summary>Rows of the batch scenarios: what the group commit gathers with 8 concurrent callers.</summary>
    public const int BatchRows = 8;

    private static readonly string Row = new('x', 400);

    public static async Task<Result> RunAsync(BenchRun run, string databasePath, int calls, CancellationToken cancellationToken)
    {
        var fileSource = $"Data Source={Path.GetFullPath(databasePath)}";
        var open = await LatencyRun.MeasureAsync(calls, 1, async (_, ct) =>
        {
            await using var connection = new DuckDBConnection(fileSource);
            await connection.OpenAsync(ct);
        }, cancellationToken);
        open.AddTo(run, "duckdb: open a connection to the open database");

        var commit = await InsertAndCommitAsync(fileSource, "bench_probe_one", calls, 1, oneStatement: true, cancellationToken);
        commit.AddTo(run, "duckdb: insert one row and commit on an open connection");
        var memory = await InsertAndCommitAsync("Data Source=:memory:", "bench_probe_memory", calls, 1, oneStatement: true, cancellationToken);
        memory.AddTo(run, "duckdb in memory: insert one row and commit on an open connection");
        var batches = Math.Max(1, calls / BatchRows);
        var separate = await InsertAndCommitAsync(fileSource, "bench_probe_separate", batches, BatchRows, oneStatement: false, cancellationToken);
        separate.AddTo(run, $"duckdb: commit {BatchRows} rows as {BatchRows} INSERT statements (the store's batch write)");
        var together = await InsertAndCommitAsync(fileSource, "bench_probe_together", batches, BatchRows, oneStatement: true, cancellationToken);
        together.AddTo(run, $"duckdb: commit {BatchRows} rows in one multi-row INSERT");
        var file = await AppendAndSyncAsync(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(databasePath))!, "journal-probe.log"), calls, cancellationToken);
        file.AddTo(run, "plain file: append one entry and fsync");
        return new Result(open.P50, commit.P50, memory.P50, file.P50, file.Percentile(99), separate.P50, together.P50);
    }

    private static async Task<LatencySummary> AppendAndSyncAsync(string path, int calls, CancellationToken cancellationToken)
    {
        var line = System.Text.Encoding.UTF8.GetBytes(Row + "\n");
        await using var journal = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read, bufferSize: 0);
        return await LatencyRun.MeasureAsync(calls, 1, async (_, ct) =>
        {
            await journal.WriteAsync(line, ct);
            journal.Flush(flushToDisk: true);
        }, cancellationToken);
    }

    /// <summary>
    /// Times transactions of <paramref name="rows"/> audit-sized rows each on one open connection, as separate INSERT statements (as
    /// the store writes a group-commit batch) or as one multi-row INSERT.
    /// </summary>
    private static async Task<LatencySummary> InsertAndCommitAsync(string source, string table, int transactions, int rows, bool oneStatement, CancellationToken cancellationToken)
    {
        await using var connection = new DuckDBConnection(source);
        await connection.OpenAsync(cancellationToken);
        await using (var create = connection.CreateCommand())
        {
            create.CommandText = $"CREATE TABLE {table} (seq BIGINT PRIMARY KEY, json VARCHAR NOT NULL)";
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
        var perStatement = oneStatement ? rows : 1;
        await using var insert = connection.CreateCommand();
        insert.CommandText = $"INSERT INTO {table} VALUES " + string.Join(", ", Enumerable.Range(0, perStatement).Select(r => $"(${(2 * r) + 1}, ${(2 * r) + 2})"));
        var sequences = new DuckDBParameter[perStatement];
        for (var r = 0; r < perStatement; r++)
        {
            insert.Parameters.Add(sequences[r] = new DuckDBParameter());
            insert.Parameters.Add(new DuckDBParameter(Row));
        }
        long next = 0;
        return await LatencyRun.MeasureAsync(transactions, 1, async (_, ct) =>
        {
            await using var transaction = await connection.BeginTransactionAsync(ct);
            for (var written = 0; written < rows; written += perStatement)
            {
                foreach (var sequence in sequences)
                    sequence.Value = next++;
                await insert.ExecuteNonQueryAsync(ct);
            }
            await transaction.CommitAsync(ct);
        }, cancellationToken);
    }
}
