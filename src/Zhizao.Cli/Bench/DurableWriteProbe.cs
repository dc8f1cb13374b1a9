using DuckDB.NET.Data;

namespace Zhizao.Cli.Bench;

/// <summary>
/// Where a one-row DuckDB transaction spends its time, for the <c>access</c> suite's explanation: opening a connection to the
/// database the store has open (the store opens one per call), and inserting one audit-sized row and committing on a connection kept
/// open, in the same file and in an in-memory database (which has no write-ahead log to write and sync); and, as the floor of any
/// durable write path on this disk, appending the same bytes to a plain file and syncing it.
/// </summary>
internal static class DurableWriteProbe
{
    /// <summary>p50 latencies in milliseconds.</summary>
    internal sealed record Result(double Open, double Commit, double MemoryCommit, double FileSync, double FileSyncP99);

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

        var commit = await InsertAndCommitAsync(fileSource, calls, cancellationToken);
        commit.AddTo(run, "duckdb: insert one row and commit on an open connection");
        var memory = await InsertAndCommitAsync("Data Source=:memory:", calls, cancellationToken);
        memory.AddTo(run, "duckdb in memory: insert one row and commit on an open connection");
        var file = await AppendAndSyncAsync(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(databasePath))!, "journal-probe.log"), calls, cancellationToken);
        file.AddTo(run, "plain file: append one entry and fsync");
        return new Result(open.P50, commit.P50, memory.P50, file.P50, file.Percentile(99));
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

    private static async Task<LatencySummary> InsertAndCommitAsync(string source, int calls, CancellationToken cancellationToken)
    {
        await using var connection = new DuckDBConnection(source);
        await connection.OpenAsync(cancellationToken);
        await using (var create = connection.CreateCommand())
        {
            create.CommandText = "CREATE TABLE IF NOT EXISTS bench_commit_probe (seq BIGINT PRIMARY KEY, json VARCHAR NOT NULL)";
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
        await using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO bench_commit_probe VALUES ($1, $2)";
        var sequence = new DuckDBParameter();
        insert.Parameters.Add(sequence);
        insert.Parameters.Add(new DuckDBParameter(Row));
        return await LatencyRun.MeasureAsync(calls, 1, async (i, ct) =>
        {
            await using var transaction = await connection.BeginTransactionAsync(ct);
            sequence.Value = (long)i;
            await insert.ExecuteNonQueryAsync(ct);
            await transaction.CommitAsync(ct);
        }, cancellationToken);
    }
}
