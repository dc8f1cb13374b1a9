// Store choice benchmark: the same 1,000,000 points (100 signals × 10,000 s at 1 Hz, time order) loaded into
// DuckDB (appender) and SQLite (prepared inserts in one transaction, WAL, index on (signal, ts)), then
// hourly aggregates over all rows and 1-minute buckets of one signal. Writes a BenchmarkReport.
// Usage: dotnet run -c Release --project bench/Zhizao.Bench.StoreChoice -- [--out bench-results] [--points 1000000]
using System.Diagnostics;
using System.Globalization;
using DuckDB.NET.Data;
using Microsoft.Data.Sqlite;
using Zhizao.Core.Benchmarks;

var outDir = ArgValue("--out") ?? "bench-results";
var points = int.Parse(ArgValue("--points") ?? "1000000", CultureInfo.InvariantCulture);
const int Signals = 100;
var seconds = points / Signals;
const long T0 = 1_700_000_000_000_000;
var dir = Directory.CreateTempSubdirectory("zhizao-storechoice-");
try
{
    var metrics = new List<BenchmarkMetric>();
    metrics.AddRange(RunDuckDb(Path.Combine(dir.FullName, "points.duckdb")));
    metrics.AddRange(RunSqlite(Path.Combine(dir.FullName, "points.sqlite")));
    var report = new BenchmarkReport(
        "store-choice", "Embedded store choice: DuckDB vs SQLite",
        "dotnet run -c Release --project bench/Zhizao.Bench.StoreChoice -- " + string.Join(' ', args),
        [], new Dictionary<string, string> { ["points"] = points.ToString(CultureInfo.InvariantCulture), ["signals"] = Signals.ToString(CultureInfo.InvariantCulture) },
        DateTimeOffset.UtcNow, BenchmarkReport.DescribeMachine(), metrics,
        "Generated data (no shared data set applies). Each query is the median of 10 runs after one warm-up.");
    var path = await report.WriteAsync(outDir, CancellationToken.None);
    Console.WriteLine(report.ToMarkdown());
    Console.Error.WriteLine($"report: {path}");
}
finally
{
    dir.Delete(recursive: true);
}

IEnumerable<BenchmarkMetric> RunDuckDb(string file)
{
    using var con = new DuckDBConnection($"Data Source={file}");
    con.Open();
    Exec(con, "CREATE TABLE points (signal_id INTEGER, ts BIGINT, value DOUBLE)");
    var sw = Stopwatch.StartNew();
    using (var appender = con.CreateAppender("points"))
    {
        for (var s = 0; s < seconds; s++)
            for (var g = 0; g < Signals; g++)
                appender.CreateRow().AppendValue(g).AppendValue(T0 + (s * 1_000_000L)).AppendValue(Value(g, s)).EndRow();
    }
    Exec(con, "CHECKPOINT");
    var load = points / sw.Elapsed.TotalSeconds;
    var hourly = Median(() => Count(con, "SELECT signal_id, ts // 3600000000, min(value), max(value), avg(value), count(*) FROM points GROUP BY ALL"));
    var minute = Median(() => Count(con, $"SELECT ts // 60000000, min(value), max(value), avg(value), count(*) FROM points WHERE signal_id = 7 GROUP BY ALL"));
    return [
        new("DuckDB load (appender)", load, "points/s", Better: "higher"),
        new("DuckDB hourly aggregates, all signals", hourly, "ms", Better: "lower"),
        new("DuckDB 1-min buckets, one signal", minute, "ms", Better: "lower"),
    ];
}

IEnumerable<BenchmarkMetric> RunSqlite(string file)
{
    using var con = new SqliteConnection($"Data Source={file}");
    con.Open();
    Exec(con, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; CREATE TABLE points (signal_id INTEGER, ts INTEGER, value REAL, PRIMARY KEY (signal_id, ts)) WITHOUT ROWID");
    var sw = Stopwatch.StartNew();
    using (var tx = con.BeginTransaction())
    {
        using var insert = con.CreateCommand();
        insert.CommandText = "INSERT OR IGNORE INTO points VALUES ($s, $t, $v)";
        var ps = insert.Parameters.Add("$s", SqliteType.Integer);
        var pt = insert.Parameters.Add("$t", SqliteType.Integer);
        var pv = insert.Parameters.Add("$v", SqliteType.Real);
        insert.Prepare();
        for (var s = 0; s < seconds; s++)
            for (var g = 0; g < Signals; g++)
            {
                ps.Value = g;
                pt.Value = T0 + (s * 1_000_000L);
                pv.Value = Value(g, s);
                insert.ExecuteNonQuery();
            }
        tx.Commit();
    }
    var load = points / sw.Elapsed.TotalSeconds;
    var hourly = Median(() => Count(con, "SELECT signal_id, ts / 3600000000, min(value), max(value), avg(value), count(*) FROM points GROUP BY 1, 2"));
    var minute = Median(() => Count(con, "SELECT ts / 60000000, min(value), max(value), avg(value), count(*) FROM points WHERE signal_id = 7 GROUP BY 1"));
    return [
        new("SQLite load (prepared inserts, 1 transaction)", load, "points/s", Better: "higher"),
        new("SQLite hourly aggregates, all signals", hourly, "ms", Better: "lower"),
        new("SQLite 1-min buckets, one signal", minute, "ms", Better: "lower"),
    ];
}

static double Value(int signal, int second) => signal + Math.Sin(second / 60.0);

static void Exec(System.Data.Common.DbConnection con, string sql)
{
    using var cmd = con.CreateCommand();
    cmd.CommandText = sql;
    cmd.ExecuteNonQuery();
}

static int Count(System.Data.Common.DbConnection con, string sql)
{
    using var cmd = con.CreateCommand();
    cmd.CommandText = sql;
    using var reader = cmd.ExecuteReader();
    var n = 0;
    while (reader.Read())
        n++;
    return n;
}

static double Median(Func<int> query)
{
    query();
    var times = new List<double>();
    for (var i = 0; i < 10; i++)
    {
        var sw = Stopwatch.StartNew();
        query();
        times.Add(sw.Elapsed.TotalMilliseconds);
    }
    times.Sort();
    return times[times.Count / 2];
}

string? ArgValue(string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}
