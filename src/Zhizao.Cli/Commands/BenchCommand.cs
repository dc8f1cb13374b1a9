using System.CommandLine;
using Zhizao.Cli.Bench;
using Zhizao.Connectors.Files;
using Zhizao.Ingestion;

namespace Zhizao.Cli.Commands;

/// <summary><c>zhizao bench SUITE</c>: runs a benchmark suite and writes its JSON and Markdown report.</summary>
public static class BenchCommand
{
    private static readonly Option<string> Out = new("--out")
    {
        Description = "Directory of the reports ({suite}.json and {suite}.md)",
        DefaultValueFactory = _ => "bench-results",
    };

    private static readonly Option<string?> Work = new("--work") { Description = "Where to put generated data and stores (default: the temp directory)" };

    private static readonly Option<bool> Keep = new("--keep") { Description = "Keep the generated data and stores after the run" };

    private static readonly Option<int> Signals = new("--signals") { Description = "Number of signals", DefaultValueFactory = _ => 1000 };

    private static readonly Option<int> SignalsPerMachine = new("--signals-per-machine") { Description = "Signals per generated machine", DefaultValueFactory = _ => 100 };

    public static Command Create()
    {
        var command = new Command("bench", "Run a benchmark suite; reports go to bench-results/ and docs/benchmarks.md is assembled from them");
        command.Subcommands.Add(Ingest());
        command.Subcommands.Add(Mqtt());
        command.Subcommands.Add(Query());
        command.Subcommands.Add(Maintenance());
        command.Subcommands.Add(Scheduling());
        command.Subcommands.Add(SchedulingLarge());
        command.Subcommands.Add(Forecasting());
        command.Subcommands.Add(ForecastingScale());
        command.Subcommands.Add(Access());
        command.Subcommands.Add(Registry());
        command.Subcommands.Add(Mcp());
        command.Subcommands.Add(Docs());
        command.Subcommands.Add(MqttPublish());
        return command;
    }

    private static Command Suite(string name, string description) =>
        new(name, description) { Out, Work, Keep, Signals, SignalsPerMachine };

    private static Command Ingest()
    {
        var rows = new Option<int>("--rows") { Description = "Rows of the generated wide file, one per second (points = rows × signals)", DefaultValueFactory = _ => 3600 };
        var chunk = new Option<int>("--chunk") { Description = "Points per ingest call of the importer", DefaultValueFactory = _ => new FileImportOptions().ChunkSize };
        var batch = new Option<int>("--max-batch") { Description = "Most points per store transaction of the pipeline", DefaultValueFactory = _ => new IngestionOptions().MaxBatchPoints };
        var command = Suite("ingest", "CSV and Parquet import into the embedded store (target ≥ 1,000,000 points/s)");
        command.Options.Add(rows);
        command.Options.Add(chunk);
        command.Options.Add(batch);
        command.SetAction((r, ct) => CommonOptions.RunAsync(async () =>
        {
            if (r.GetValue(rows) < 1 || r.GetValue(chunk) < 1 || r.GetValue(batch) < 1)
                return CliOutput.Fail(ExitCodes.InvalidInput, "--rows, --chunk and --max-batch must be positive");
            await IngestBenchmark.RunAsync(new IngestBenchmarkOptions(r.GetValue(Signals), r.GetValue(rows), r.GetValue(SignalsPerMachine), r.GetValue(chunk), r.GetValue(batch),
                r.GetValue(Work), r.GetValue(Keep)), r.GetValue(Out)!, ct);
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Mqtt()
    {
        var batchMessages = new Option<int>("--batch-messages") { Description = "Messages of the batched scenario", DefaultValueFactory = _ => 3000 };
        var batchPoints = new Option<int>("--batch-points") { Description = "Points per batched message (a multiple of --signals-per-machine)", DefaultValueFactory = _ => 1000 };
        var singleMessages = new Option<int>("--single-messages") { Description = "Messages of each one-point-per-message scenario", DefaultValueFactory = _ => 20_000 };
        var connections = new Option<int>("--connections") { Description = "MQTT connections of the publisher", DefaultValueFactory = _ => 8 };
        var manyConnections = new Option<int>("--many-connections") { Description = "Connections of the extra one-point-per-message QoS 1 scenario", DefaultValueFactory = _ => 64 };
        var inFlight = new Option<int>("--in-flight") { Description = "Unacknowledged QoS 1 messages per connection", DefaultValueFactory = _ => 100 };
        var command = Suite("mqtt", "MQTT from an external publisher process to durable storage (target ≥ 200,000 points/s batched)");
        command.Options.Add(batchMessages);
        command.Options.Add(batchPoints);
        command.Options.Add(singleMessages);
        command.Options.Add(connections);
        command.Options.Add(manyConnections);
        command.Options.Add(inFlight);
        command.SetAction((r, ct) => CommonOptions.RunAsync(async () =>
        {
            var (few, many) = (r.GetValue(connections), r.GetValue(manyConnections));
            if (few < 1 || many < 1 || r.GetValue(inFlight) < 1)
                return CliOutput.Fail(ExitCodes.InvalidInput, "--connections, --many-connections and --in-flight must be positive");
            MqttScenario[] scenarios =
            [
                new($"{r.GetValue(batchPoints):N0} points per message, QoS 1, {few} connections", r.GetValue(batchMessages), r.GetValue(batchPoints), 1, few, "≥ 200,000"),
                new($"1 point per message, QoS 1, {few} connections", r.GetValue(singleMessages), 1, 1, few, null),
                new($"1 point per message, QoS 0, {few} connections", r.GetValue(singleMessages), 1, 0, few, null),
                new($"1 point per message, QoS 1, {many} connections", r.GetValue(singleMessages), 1, 1, many, null),
            ];
            await MqttBenchmark.RunAsync(new MqttBenchmarkOptions(r.GetValue(Signals), r.GetValue(SignalsPerMachine), r.GetValue(inFlight),
                scenarios, r.GetValue(Work), r.GetValue(Keep)), r.GetValue(Out)!, ct);
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Query()
    {
        var seconds = new Option<int>("--seconds") { Description = "Seconds of 1 Hz data per signal (86400 = one day)", DefaultValueFactory = _ => 86_400 };
        var batch = new Option<int>("--batch-seconds") { Description = "Seconds of every signal per store write while loading", DefaultValueFactory = _ => 1000 };
        var repetitions = new Option<int>("--repetitions") { Description = "Timed calls of each query after one warm-up", DefaultValueFactory = _ => 20 };
        var command = Suite("query", "Aggregates of one signal over a day and latest values of every signal (targets ≤ 50 ms, ≤ 10 ms)");
        command.Options.Add(seconds);
        command.Options.Add(batch);
        command.Options.Add(repetitions);
        command.SetAction((r, ct) => CommonOptions.RunAsync(async () =>
        {
            if (r.GetValue(seconds) < 60 || r.GetValue(batch) < 1 || r.GetValue(repetitions) < 1)
                return CliOutput.Fail(ExitCodes.InvalidInput, "--seconds must be at least 60, --batch-seconds and --repetitions positive");
            await QueryBenchmark.RunAsync(new QueryBenchmarkOptions(r.GetValue(Signals), r.GetValue(seconds), r.GetValue(SignalsPerMachine), r.GetValue(batch), r.GetValue(repetitions),
                r.GetValue(Work), r.GetValue(Keep)), r.GetValue(Out)!, ct);
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Maintenance()
    {
        var suites = new Option<string>("--suites") { Description = "Comma-separated: nab, skab, rul, demo", DefaultValueFactory = _ => string.Join(',', MaintenanceBench.Suites) };
        var nab = new Option<string?>("--nab") { Description = "NAB root (data/, labels/, config/, results/; default: ../shared/data/nab)" };
        var skab = new Option<string?>("--skab") { Description = "SKAB root with ';'-separated runs (default: ../shared/data/skab)" };
        var train = new Option<string?>("--train") { Description = "C-MAPSS-format training file (default: ../shared/data/cmapss/train_FD001.txt)" };
        var test = new Option<string?>("--test") { Description = "C-MAPSS-format test file (default: test_FD001.txt)" };
        var truth = new Option<string?>("--truth") { Description = "True RUL at each test engine's last cycle (default: RUL_FD001.txt)" };
        var command = new Command("maintenance", "Maintenance agent: NAB, SKAB, C-MAPSS RUL and the demo plant (lead time, classification, alarm rate, cost)")
            { Out, suites, nab, skab, train, test, truth };
        command.SetAction((r, ct) => CommonOptions.RunAsync(async () =>
        {
            var chosen = r.GetValue(suites)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
            if (chosen.Count == 0 || !chosen.All(MaintenanceBench.Suites.Contains))
                return CliOutput.Fail(ExitCodes.InvalidInput, $"--suites: choose from {string.Join(", ", MaintenanceBench.Suites)}");
            try
            {
                await MaintenanceBench.RunAsync(new MaintenanceBenchOptions(chosen, r.GetValue(nab), r.GetValue(skab), r.GetValue(train), r.GetValue(test), r.GetValue(truth)),
                    r.GetValue(Out)!, ct);
            }
            catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
            {
                return CliOutput.Fail(ExitCodes.NotFound, e.Message);
            }
            catch (Exception e) when (e is FormatException or ArgumentException or InvalidDataException or IOException or Zhizao.Anomaly.InsufficientTrainingDataException)
            {
                // A data file of the wrong shape (or a folder without the expected layout) is the caller's input, not a crash.
                return CliOutput.Fail(ExitCodes.InvalidInput, e.Message);
            }
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Scheduling()
    {
        var paths = new Argument<string[]>("instances") { Description = "Instance files or folders (job-shop standard format or .fjs; default: ../shared/data/jsp ft and la)", Arity = ArgumentArity.ZeroOrMore };
        var limit = new Option<string>("--time-limit") { Description = "Time limit per instance (e.g. 10s, 1m)", DefaultValueFactory = _ => "10s" };
        var workers = new Option<int>("--workers") { Description = "CP-SAT workers", DefaultValueFactory = _ => 2 };
        var name = new Option<string>("--name") { Description = "Report name (suite)", DefaultValueFactory = _ => "scheduling" };
        var parameters = new Option<string?>("--parameters") { Description = "Extra CP-SAT parameters in text format (e.g. \"random_seed:1\"), added to every model, for experiments" };
        var models = new Option<string>("--models")
        {
            Description = "Comma list of models run on each instance, the first being the one under test: zhizao, textbook, textbook+strong-no-overlap, zhizao-weak-no-overlap, zhizao-no-hint",
            DefaultValueFactory = _ => "zhizao,textbook",
        };
        var command = new Command("scheduling", "Job-shop and flexible job-shop makespan with CP-SAT: gap to best-known bounds, proofs, time; schedules as JSON, checked")
            { Out, paths, limit, workers, name, parameters, models };
        command.SetAction((r, ct) => CommonOptions.RunAsync(async () =>
        {
            if (!Server.Apis.ApiTime.TryParseDuration(r.GetValue(limit)!, out var timeLimit) || timeLimit <= TimeSpan.Zero || timeLimit > TimeSpan.FromHours(1))
                return CliOutput.Fail(ExitCodes.InvalidInput, $"--time-limit '{r.GetValue(limit)}' is not a duration between 1 s and 1 h (e.g. 10s)");
            if (r.GetValue(workers) is < 1 or > 64)
                return CliOutput.Fail(ExitCodes.InvalidInput, "--workers must be between 1 and 64");
            if (!Core.Assets.Identifier.IsValid(r.GetValue(name)))
                return CliOutput.Fail(ExitCodes.InvalidInput, "--name must be an identifier (letters, digits, '-', '_')");
            try
            {
                var given = r.GetValue(paths) ?? [];
                var instances = given.Length == 0 ? SchedulingBench.DefaultInstances() : SchedulingBench.Expand(given);
                if (instances.Count == 0)
                    return CliOutput.Fail(ExitCodes.InvalidInput, "no instance files found");
                var variants = SchedulingBench.Variants(r.GetValue(models)!, r.GetValue(parameters));
                await SchedulingBench.RunAsync(instances, timeLimit, r.GetValue(workers), r.GetValue(name)!, r.GetValue(Out)!, variants, ct);
            }
            catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
            {
                return CliOutput.Fail(ExitCodes.NotFound, e.Message);
            }
            catch (Exception e) when (e is FormatException or InvalidDataException or ArgumentException)
            {
                return CliOutput.Fail(ExitCodes.InvalidInput, e.Message);
            }
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command ForecastingScale()
    {
        var series = new Option<int>("--series") { Description = "Daily item series to generate", DefaultValueFactory = _ => 10_000 };
        var days = new Option<int>("--days") { Description = "Days of history per series", DefaultValueFactory = _ => 730 };
        var horizon = new Option<int>("--horizon") { Description = "Days to forecast (held out and scored)", DefaultValueFactory = _ => 28 };
        var methods = new Option<string>("--methods") { Description = "Comma list of methods", DefaultValueFactory = _ => "snaive,auto" };
        var seed = new Option<int>("--seed") { Description = "First generator seed", DefaultValueFactory = _ => 1 };
        var command = new Command("forecasting-scale", "Speed of the automatic forecasting on many daily item series (generated like the demo plant's items), with accuracy on held-out days")
            { Out, series, days, horizon, methods, seed };
        command.SetAction((r, ct) => CommonOptions.RunAsync(async () =>
        {
            if (r.GetValue(series) is < 1 or > 1_000_000 || r.GetValue(days) is < 14 or > 10_000 || r.GetValue(horizon) is < 1 or > 366)
                return CliOutput.Fail(ExitCodes.InvalidInput, "--series must be 1–1000000, --days 14–10000, --horizon 1–366");
            try
            {
                var names = r.GetValue(methods)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                await ForecastingScaleBench.RunAsync(new ForecastingScaleOptions(r.GetValue(series), r.GetValue(days), r.GetValue(horizon), names, r.GetValue(seed)), r.GetValue(Out)!, ct);
            }
            catch (ArgumentException e)
            {
                return CliOutput.Fail(ExitCodes.InvalidInput, e.Message);
            }
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Forecasting()
    {
        var train = new Option<string?>("--train") { Description = "M4-format training file (default: ../shared/data/m4/Hourly-train.csv)" };
        var test = new Option<string?>("--test") { Description = "M4-format test file, one row per training series (default: Hourly-test.csv)" };
        var horizon = new Option<int>("--horizon") { Description = "Steps to forecast (the test values per series)", DefaultValueFactory = _ => 48 };
        var season = new Option<int>("--season") { Description = "Seasonal period (24 hourly, 7 daily, 52 weekly, 12 monthly, 4 quarterly, 1 yearly)", DefaultValueFactory = _ => 24 };
        var methods = new Option<string>("--methods") { Description = $"Comma list of methods ({string.Join(", ", ForecastingBench.KnownMethods)}); naive2 always runs as the OWA reference", DefaultValueFactory = _ => "naive2,snaive,ses,theta,mstl,lgbm,auto" };
        var level = new Option<int>("--level") { Description = "Prediction interval level in percent", DefaultValueFactory = _ => 95 };
        var name = new Option<string>("--name") { Description = "Report name (suite); the submission files go to OUT/NAME/", DefaultValueFactory = _ => "forecasting-m4-hourly" };
        var command = new Command("forecasting", "M4 forecasting accuracy (sMAPE, MASE, OWA vs Naive2), interval coverage and MSIS, run time; forecasts in the M4 submission layout")
            { Out, train, test, horizon, season, methods, level, name };
        command.SetAction((r, ct) => CommonOptions.RunAsync(async () =>
        {
            if (r.GetValue(horizon) is < 1 or > 10_000 || r.GetValue(season) is < 1 or > 10_000 || r.GetValue(level) is < 1 or > 99)
                return CliOutput.Fail(ExitCodes.InvalidInput, "--horizon and --season must be between 1 and 10000, --level between 1 and 99");
            if (!Core.Assets.Identifier.IsValid(r.GetValue(name)))
                return CliOutput.Fail(ExitCodes.InvalidInput, "--name must be an identifier (letters, digits, '-', '_')");
            try
            {
                var chosen = ForecastingBench.Methods(r.GetValue(methods)!);
                string? trainPath = r.GetValue(train), testPath = r.GetValue(test);
                if (trainPath is null || testPath is null)
                {
                    var defaults = ForecastingBench.DefaultFiles();
                    (trainPath, testPath) = (trainPath ?? defaults.Train, testPath ?? defaults.Test);
                }
                if (new[] { trainPath, testPath }.FirstOrDefault(p => !File.Exists(p)) is { } missing)
                    return CliOutput.Fail(ExitCodes.InvalidInput, $"{missing}: no such data file (pass --train and --test, M4 CSV layout)");
                var options = new ForecastingBenchOptions(trainPath, testPath, r.GetValue(horizon), r.GetValue(season), chosen, r.GetValue(level), r.GetValue(name)!);
                await ForecastingBench.RunAsync(options, r.GetValue(Out)!, ct);
            }
            catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or FormatException or InvalidDataException or ArgumentException)
            {
                return CliOutput.Fail(ExitCodes.InvalidInput, e.Message);
            }
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command SchedulingLarge()
    {
        var jobs = new Option<int>("--jobs") { Description = "Jobs in the generated shop", DefaultValueFactory = _ => 200 };
        var machines = new Option<int>("--machines") { Description = "Machines in the generated shop", DefaultValueFactory = _ => 10 };
        var seed = new Option<int>("--seed") { Description = "Generator seed", DefaultValueFactory = _ => 1 };
        var limit = new Option<string>("--time-limit") { Description = "Time limit of the first solve (e.g. 30s)", DefaultValueFactory = _ => "30s" };
        var repair = new Option<string>("--repair-time-limit") { Description = "Time limit of the repair after a breakdown", DefaultValueFactory = _ => "1500ms" };
        var workers = new Option<int>("--workers") { Description = "CP-SAT workers", DefaultValueFactory = _ => 2 };
        var command = new Command("scheduling-large", "A generated flexible shop (200 jobs x 10 machines, setups, shifts, maintenance): time to the first plan, improvement, repair after a breakdown")
            { Out, jobs, machines, seed, limit, repair, workers };
        command.SetAction((r, ct) => CommonOptions.RunAsync(async () =>
        {
            if (!Server.Apis.ApiTime.TryParseDuration(r.GetValue(limit)!, out var timeLimit) || timeLimit > TimeSpan.FromHours(1))
                return CliOutput.Fail(ExitCodes.InvalidInput, $"--time-limit '{r.GetValue(limit)}' is not a duration up to 1 h (e.g. 30s)");
            if (!Server.Apis.ApiTime.TryParseDuration(r.GetValue(repair)!, out var repairLimit) || repairLimit > TimeSpan.FromMinutes(10))
                return CliOutput.Fail(ExitCodes.InvalidInput, $"--repair-time-limit '{r.GetValue(repair)}' is not a duration up to 10 min (e.g. 1500ms)");
            if (r.GetValue(jobs) is < 1 or > 5000 || r.GetValue(machines) is < 2 or > 500 || r.GetValue(workers) is < 1 or > 64)
                return CliOutput.Fail(ExitCodes.InvalidInput, "--jobs must be 1–5000, --machines 2–500, --workers 1–64");
            await SchedulingBench.RunLargeAsync(r.GetValue(jobs), r.GetValue(machines), r.GetValue(seed), timeLimit, repairLimit, r.GetValue(workers), r.GetValue(Out)!, ct);
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Access()
    {
        var calls = new Option<int>("--calls") { Description = "Timed calls per scenario (and per caller count)", DefaultValueFactory = _ => 5000 };
        var callers = new Option<string>("--callers") { Description = "Comma list of concurrent caller counts; 1 is the latency one call sees", DefaultValueFactory = _ => "1,2,8" };
        var postgres = new Option<string?>("--postgres") { Description = "Also measure on PostgreSQL with this connection string, without a password (the command is written into the report; use PGPASSWORD or a .pgpass file); audit rows stay in its audit_log" };
        var command = new Command("access", "Policy decision + durable audit append per call, in process, on the embedded store (target ≤ 1 ms p99)")
            { Out, Work, Keep, calls, callers, postgres };
        command.SetAction((r, ct) => CommonOptions.RunAsync(async () =>
        {
            var counts = r.GetValue(callers)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(c => int.TryParse(c, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : 0).ToList();
            if (r.GetValue(calls) < 1 || counts.Count == 0 || counts.Any(c => c is < 1 or > 256))
                return CliOutput.Fail(ExitCodes.InvalidInput, "--calls must be positive and --callers a comma list of counts between 1 and 256");
            if (r.GetValue(postgres) is { } connection && PostgresPassword(connection) is { } problem)
                return CliOutput.Fail(ExitCodes.InvalidInput, problem);
            await AccessBenchmark.RunAsync(new AccessBenchmarkOptions(r.GetValue(calls), counts, r.GetValue(postgres), r.GetValue(Work), r.GetValue(Keep)), r.GetValue(Out)!, ct);
            return ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>Why a connection string must not be used on a recorded command line; null when it can.</summary>
    private static string? PostgresPassword(string connectionString)
    {
        try
        {
            return string.IsNullOrEmpty(new Npgsql.NpgsqlConnectionStringBuilder(connectionString).Password)
                ? null
                : "--postgres: leave the password out of the connection string (the command line is written into the report); set PGPASSWORD or use a .pgpass file";
        }
        catch (ArgumentException e)
        {
            return $"--postgres: {e.Message}";
        }
    }

    private static Command Registry()
    {
        var defaults = new Zhizao.Registry.Search.Benchmarks.RegistrySearchBenchmarkOptions();
        var descriptors = new Option<int>("--descriptors") { Description = "Agents in the generated catalog", DefaultValueFactory = _ => defaults.Descriptors };
        var queries = new Option<int>("--queries") { Description = "Timed queries", DefaultValueFactory = _ => defaults.Queries };
        var warmup = new Option<int>("--warmup") { Description = "Untimed queries first", DefaultValueFactory = _ => defaults.WarmupQueries };
        var seed = new Option<int>("--seed") { Description = "Seed of the catalog and the queries", DefaultValueFactory = _ => defaults.Seed };
        var command = new Command("registry", "Registry discovery search over a generated bilingual catalog (report registry-search; target p99 ≤ 20 ms at 10,000 descriptors)")
            { Out, descriptors, queries, warmup, seed };
        command.SetAction((r, ct) => CommonOptions.RunAsync(async () =>
        {
            if (r.GetValue(descriptors) < 1 || r.GetValue(queries) < 1 || r.GetValue(warmup) < 0)
                return CliOutput.Fail(ExitCodes.InvalidInput, "--descriptors and --queries must be positive, --warmup not negative");
            await RegistryBenchmark.RunAsync(new Zhizao.Registry.Search.Benchmarks.RegistrySearchBenchmarkOptions
            {
                Descriptors = r.GetValue(descriptors),
                Queries = r.GetValue(queries),
                WarmupQueries = r.GetValue(warmup),
                Seed = r.GetValue(seed),
            }, r.GetValue(Out)!, ct);
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Mcp()
    {
        var calls = new Option<int>("--calls") { Description = "Timed calls per path (direct, gateway, MCP, REST)", DefaultValueFactory = _ => 2000 };
        var warmup = new Option<int>("--warmup") { Description = "Untimed calls per path first", DefaultValueFactory = _ => 200 };
        var command = new Command("mcp", "MCP tools/call on the real server in process against calling the agent directly (report mcp-overhead; target ≤ 5 ms p50 overhead)")
            { Out, Work, Keep, calls, warmup };
        command.SetAction((r, ct) => CommonOptions.RunAsync(async () =>
        {
            if (r.GetValue(calls) < 1 || r.GetValue(warmup) < 0)
                return CliOutput.Fail(ExitCodes.InvalidInput, "--calls must be positive, --warmup not negative");
            await McpOverheadBenchmark.RunAsync(new McpBenchmarkOptions(r.GetValue(calls), r.GetValue(warmup), r.GetValue(Work), r.GetValue(Keep)), r.GetValue(Out)!, ct);
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Docs()
    {
        var document = new Option<string>("--doc") { Description = "The document to write", DefaultValueFactory = _ => Path.Combine("docs", "benchmarks.md") };
        var command = new Command("docs", "Assemble docs/benchmarks.md from every report in --out") { Out, document };
        command.SetAction((r, ct) => CommonOptions.RunAsync(() => BenchDocs.RunAsync(r.GetValue(Out)!, r.GetValue(document)!, ct)));
        return command;
    }

    /// <summary>The publisher process the mqtt suite starts; hidden because it is only meaningful to that suite.</summary>
    private static Command MqttPublish()
    {
        var host = new Option<string>("--host") { DefaultValueFactory = _ => "127.0.0.1" };
        var port = new Option<int>("--port") { Required = true };
        var key = new Option<string>("--key") { Required = true };
        var messages = new Option<int>("--messages") { Required = true };
        var points = new Option<int>("--points-per-message") { DefaultValueFactory = _ => 1 };
        var qos = new Option<int>("--qos") { DefaultValueFactory = _ => 1 };
        var connections = new Option<int>("--connections") { DefaultValueFactory = _ => 1 };
        var inFlight = new Option<int>("--in-flight") { DefaultValueFactory = _ => 100 };
        var startMs = new Option<long>("--start-ms") { Required = true };
        var command = new Command("mqtt-publish", "Publisher process of the mqtt suite")
        {
            host, port, key, messages, points, qos, connections, inFlight, startMs, Signals, SignalsPerMachine,
        };
        command.Hidden = true;
        command.SetAction((r, ct) => CommonOptions.RunAsync(async () =>
        {
            var payloads = new MqttBenchPayloads(new BenchPlant(r.GetValue(Signals), r.GetValue(SignalsPerMachine)), r.GetValue(messages), r.GetValue(points), r.GetValue(startMs));
            if (payloads.Problem() is { } problem)
                return CliOutput.Fail(ExitCodes.InvalidInput, problem);
            if (r.GetValue(qos) is not (0 or 1 or 2) || r.GetValue(connections) < 1 || r.GetValue(inFlight) < 1)
                return CliOutput.Fail(ExitCodes.InvalidInput, "--qos must be 0, 1 or 2; --connections and --in-flight positive");
            return await MqttBenchPublisher.RunAsync(new MqttPublisherOptions(r.GetValue(host)!, r.GetValue(port), r.GetValue(key)!, payloads, r.GetValue(qos), r.GetValue(connections), r.GetValue(inFlight)), ct);
        }));
        return command;
    }
}
