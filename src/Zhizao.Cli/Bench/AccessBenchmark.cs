using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Zhizao.Access.Audit;
using Zhizao.Access.Policy;
using Zhizao.Agents.LimitMonitor;
using Zhizao.Core.Access;
using Zhizao.Core.Agents;
using Zhizao.Core.Assets;
using Zhizao.Core.Storage;
using Zhizao.Storage.DuckDb;
using Zhizao.Storage.Postgres;

namespace Zhizao.Cli.Bench;

/// <summary>Options of the <c>access</c> suite.</summary>
/// <param name="Calls">Timed calls per scenario.</param>
/// <param name="Callers">Concurrent caller counts to measure (1 = the latency one call sees).</param>
/// <param name="Postgres">Also measure on PostgreSQL with this connection string.</param>
/// <param name="WorkDirectory">Where the scratch directory goes (default: the temp directory).</param>
/// <param name="Keep">Keep the scratch directory after the run.</param>
internal sealed record AccessBenchmarkOptions(int Calls, IReadOnlyList<int> Callers, string? Postgres, string? WorkDirectory, bool Keep);

/// <summary>
/// The <c>access</c> suite: what the access layer adds to every skill call, in process — <see cref="AccessPolicy.Decide"/> for an
/// operator key restricted to one agent and one line calling the limit monitor's <c>check</c>, then the durable, hash-chained
/// <see cref="AuditLog"/> append of the decision (the gateway acts only once it returns). Measured on the embedded DuckDB store
/// (and PostgreSQL when given) with one caller and with concurrent callers, then broken down: the decision alone, one store
/// transaction without the log's queue, and for DuckDB the cost of opening a connection and of a commit with and without a file.
/// </summary>
internal static class AccessBenchmark
{
    private const string TargetP99 = "≤ 1 ms";

    public static async Task RunAsync(AccessBenchmarkOptions options, string outDirectory, CancellationToken cancellationToken)
    {
        var run = new BenchRun("access", "Access policy decision and durable audit append, in process");
        using var scratch = new BenchScratch("access", options.WorkDirectory, options.Keep);
        var databasePath = Path.Combine(scratch.Combine("store"), "zhizao.duckdb");
        run.DataPaths.Add(scratch.Describe(databasePath));
        await using var duckDb = new DuckDbStore(new DuckDbStoreOptions { Path = databasePath }, NullLogger<DuckDbStore>.Instance);
        await duckDb.InitializeAsync(cancellationToken);
        var scenario = AccessScenario.Create(duckDb);
        run.Parameter("calls", options.Calls);
        run.Parameter("callers", string.Join("/", options.Callers));
        run.Parameter("principal", $"{scenario.Caller.Role} key, scopes {string.Join(" ", scenario.Caller.Scopes)}, assets {string.Join(" ", scenario.Caller.Assets)}");
        run.Parameter("skill", $"{scenario.Target.AgentId}#{scenario.Target.Skill.Name} ({AccessPolicy.Short(scenario.Target.Grade)}, {scenario.Target.Skill.Impact}, publisher {scenario.Target.PublisherLevel})");
        run.Parameter("stores", options.Postgres is null ? "embedded (DuckDB, audit journal)" : "embedded (DuckDB, audit journal), postgres");

        var decide = await LatencyRun.MeasureAsync(options.Calls, 1, (i, _) => { scenario.Decide(); return Task.CompletedTask; }, cancellationToken);
        decide.AddTo(run, "policy decision alone", micros: true);

        var sequential = await MeasureStoreAsync(run, "embedded", duckDb, scenario, options, cancellationToken);
        var probe = await DurableWriteProbe.RunAsync(run, databasePath, options.Calls, cancellationToken);
        run.Note(string.Create(CultureInfo.InvariantCulture,
            $"Embedded store breakdown (p50): a call {sequential.Call:F3} ms, of which the decision {decide.P50 * 1000:F1} µs; one audit append alone {sequential.Commit:F3} ms (IAuditStore.AppendAsync: the embedded store appends to its journal file beside the database and syncs it). For comparison, had the log been a DuckDB table: opening a connection {probe.Open:F3} ms; insert and commit on an open connection {probe.Commit:F3} ms in the store's file and {probe.MemoryCommit:F3} ms in an in-memory database (no write-ahead log to write and sync); appending the same bytes to a plain file and syncing it {probe.FileSync:F3} ms (p99 {probe.FileSyncP99:F3} ms), the floor of any durable write on this disk. A batch of {DurableWriteProbe.BatchRows} entries costs {probe.BatchSeparate:F3} ms as {DurableWriteProbe.BatchRows} INSERT statements and {probe.BatchTogether:F3} ms as one multi-row INSERT (what the PostgreSQL store does)."));
        if (options.Postgres is { } connectionString)
        {
            await using var postgres = new PostgresStore(connectionString, NullLogger<PostgresStore>.Instance);
            await postgres.InitializeAsync(cancellationToken);
            await MeasureStoreAsync(run, "postgres", postgres, scenario, options, cancellationToken);
            run.Note("PostgreSQL: the audit rows are appended to the database's audit_log table (not removed after the run); the server's durability settings apply (synchronous_commit, fsync).");
        }
        run.Note("Each call: AccessPolicy.Decide (scope, identity cap, workspace cap, role × impact, the caller's asset prefixes against the input's asset field, grade) and AuditLog.AppendAsync of the 'allowed' entry with the input's SHA-256, as the skill gateway does before running a skill (the gateway appends a second entry with the outcome after the skill). Concurrent callers share one AuditLog: the caller that finds it free writes every entry waiting at that moment in one store call (group commit without a writer thread). The chain of every entry written is verified after each store's run.");
        await run.WriteAsync(outDirectory, cancellationToken);
    }

    /// <summary>Decision + append with each caller count, then one-entry store transactions; returns the sequential p50s.</summary>
    private static async Task<(double Call, double Commit)> MeasureStoreAsync(BenchRun run, string backend, IStore store, AccessScenario scenario, AccessBenchmarkOptions options,
        CancellationToken cancellationToken)
    {
        var before = await store.Audit.LastAsync(cancellationToken);
        var call = 0.0;
        await using (var audit = new AuditLog(store, TimeProvider.System, NullLogger<AuditLog>.Instance))
        {
            await audit.StartAsync(cancellationToken);
            BenchRun.Progress($"{backend}: warming up");
            await LatencyRun.WarmUpAsync(Math.Min(options.Calls, 200), (i, ct) => scenario.DecideAndAppendAsync(audit, i, ct), cancellationToken);
            foreach (var callers in options.Callers)
            {
                var summary = await LatencyRun.MeasureAsync(options.Calls, callers, (i, ct) => scenario.DecideAndAppendAsync(audit, i, ct), cancellationToken);
                BenchRun.Progress($"{backend}, decide + append: {summary}");
                summary.AddTo(run, $"{backend}: decide + audit append, {callers} caller{(callers == 1 ? "" : "s")}", TargetP99, throughput: true);
                if (callers == 1)
                    call = summary.P50;
            }
        }

        // The store's own transaction, without the log's queue and writer task: continue the chain entry by entry.
        var last = await store.Audit.LastAsync(cancellationToken);
        var json = JsonSerializer.Serialize(scenario.Entry(0, scenario.Decide()), AccessScenario.Json);
        var commit = await LatencyRun.MeasureAsync(options.Calls, 1, async (_, ct) =>
        {
            var record = AuditChain.Next(last, TimeProvider.System.GetUtcNow(), json);
            await store.Audit.AppendAsync([record], ct);
            last = record;
        }, cancellationToken);
        commit.AddTo(run, $"{backend}: one-entry audit append alone (IAuditStore.AppendAsync)");

        var expected = Math.Min(options.Calls, 200) + (options.Calls * options.Callers.Count) + options.Calls;
        await VerifyAsync(store, before, expected, cancellationToken);
        return (call, commit.P50);
    }

    /// <summary>Checks that exactly <paramref name="expected"/> entries follow <paramref name="before"/> and that their chain is intact.</summary>
    private static async Task VerifyAsync(IStore store, AuditRecord? before, long expected, CancellationToken cancellationToken)
    {
        var previous = before;
        long count = 0;
        while (await store.Audit.ReadAsync(previous?.Sequence ?? 0, 5_000, cancellationToken) is { Count: > 0 } page)
        {
            var verification = AuditChain.Verify(page, previous);
            if (!verification.IsIntact)
                throw new InvalidOperationException($"the audit chain written by the benchmark is broken at {verification.BrokenAt}: {verification.Problem}");
            count += page.Count;
            previous = page[^1];
        }
        if (count != expected)
            throw new InvalidOperationException($"{expected} audit entries appended but {count} stored");
    }
}

/// <summary>The call every access measurement makes: a line operator's key calling the limit monitor's <c>check</c> on one signal.</summary>
internal sealed class AccessScenario
{
    private const string Signal = "bench/l1/m0/s0";

    /// <summary>How the audit log writes an event (web defaults, nulls left out).</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };

    private AccessScenario(Principal caller, SkillTarget target, JsonObject input)
    {
        Caller = caller;
        Target = target;
        Input = input;
        InputSha256 = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(input.ToJsonString())));
    }

    public Principal Caller { get; }

    public SkillTarget Target { get; }

    public JsonObject Input { get; }

    public string InputSha256 { get; }

    /// <summary>The scenario with the limit monitor's real descriptor, installed with the default bounds, published by the platform.</summary>
    public static AccessScenario Create(IStore store)
    {
        // The descriptor is the agent's own; the agent is not started (it only needs a store and catalog to run skills).
        var agent = new LimitMonitorAgent(new CatalogService(store), store, new LimitMonitorOptions(), TimeProvider.System, NullLogger<LimitMonitorAgent>.Instance);
        var skill = agent.Descriptor.Skills.Single(s => s.Name == "check");
        var caller = new Principal("key_bench_operator", "bench operator", PrincipalKind.Person, Principal.DefaultWorkspace, "operator",
            [Scopes.Skill(LimitMonitorAgent.AgentId, "*")], ["bench/l1"], []);
        var target = new SkillTarget(LimitMonitorAgent.AgentId, skill, AutonomyGrade.L1Informs, IdentityLevel.OrganizationVerified, InstallationBounds.Default);
        return new AccessScenario(caller, target, new JsonObject { ["signal"] = Signal, ["value"] = 42.5 });
    }

    /// <summary>The policy decision; throws unless it allows the call (a refusal would measure the wrong path).</summary>
    public PolicyDecision Decide()
    {
        var decision = AccessPolicy.Decide(Caller, Target, Input, inputKnown: true);
        return decision.Verdict == PolicyVerdict.Allow ? decision : throw new InvalidOperationException($"the policy did not allow the benchmark call: {decision.Rule}");
    }

    /// <summary>The audit entry of an allowed call.</summary>
    public AuditEvent Entry(int call, PolicyDecision decision) =>
        AuditEvent.For(Caller, "api", "invoke", $"{Target.AgentId}#{Target.Skill.Name}", AuditDecisions.Allowed) with
        {
            Invocation = string.Create(CultureInfo.InvariantCulture, $"inv_bench{call:x8}"),
            InputSha256 = InputSha256,
            Grade = AccessPolicy.Short(Target.Grade),
            Message = decision.Rule,
        };

    /// <summary>Decides, then appends the decision and waits until it is durable.</summary>
    public async Task DecideAndAppendAsync(AuditLog audit, int call, CancellationToken cancellationToken) =>
        await audit.AppendAsync(Entry(call, Decide()), cancellationToken);
}
