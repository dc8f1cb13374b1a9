using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Zhizao.Access.Audit;
using Zhizao.Core.Access;
using Zhizao.Storage.DuckDb;

namespace Zhizao.Access.Tests;

/// <summary>The audit log on the real embedded store: durable appends, an intact chain, and tampering found where it happened.</summary>
public sealed class AuditLogTests : IAsyncLifetime
{
    private static readonly Principal Caller = new("k1", "operator one", PrincipalKind.Person, "ws1", "operator", [], [], []);
    private readonly string _directory = Directory.CreateTempSubdirectory("zhizao-audit-").FullName;
    private string Path => System.IO.Path.Combine(_directory, "z.duckdb");

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }

    private async Task<(DuckDbStore Store, AuditLog Log)> OpenAsync()
    {
        var store = new DuckDbStore(new DuckDbStoreOptions { Path = Path }, NullLogger<DuckDbStore>.Instance);
        await store.InitializeAsync(CancellationToken.None);
        var log = new AuditLog(store, TimeProvider.System, NullLogger<AuditLog>.Instance);
        await log.StartAsync(CancellationToken.None);
        return (store, log);
    }

    private async Task WriteEntriesAsync(int count)
    {
        var (store, log) = await OpenAsync();
        await using (store)
        await using (log)
        {
            // Concurrent appends are chained in one order without gaps.
            await Task.WhenAll(Enumerable.Range(1, count).Select(i =>
                log.AppendAsync(AuditEvent.For(Caller, "api", "invoke", $"cn.zhizao/limit-monitor#check-{i}", AuditDecisions.Allowed), CancellationToken.None)));
        }
    }

    // The embedded store keeps the log in an append-only journal beside the database; tampering edits that file while it is closed.
    private string Journal => Path + ".audit.jsonl";

    private async Task TamperAsync(Func<List<string>, List<string>> change)
    {
        var lines = (await File.ReadAllLinesAsync(Journal)).ToList();
        await File.WriteAllLinesAsync(Journal, change(lines));
    }

    private static string Field(string line, string name) => JsonNode.Parse(line)![name]!.GetValue<string>();

    private async Task<AuditVerification> VerifyAsync()
    {
        var (store, log) = await OpenAsync();
        await using (store)
        await using (log)
            return await log.VerifyAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Appended_entries_survive_a_restart_and_the_chain_continues_intact()
    {
        await WriteEntriesAsync(20);
        await WriteEntriesAsync(5);

        var result = await VerifyAsync();
        Assert.True(result.IsIntact, result.Problem);
        Assert.Equal((25L, 25L), (result.Checked, result.LastSequence));
    }

    [Fact]
    public async Task A_changed_entry_breaks_the_chain_at_that_entry()
    {
        await WriteEntriesAsync(10);
        await TamperAsync(lines =>
        {
            var entry = JsonNode.Parse(lines[3])!;
            entry["json"] = Field(lines[3], "json").Replace("\"allowed\"", "\"denied\"", StringComparison.Ordinal);
            lines[3] = entry.ToJsonString();
            return lines;
        });

        var result = await VerifyAsync();
        Assert.Equal(4, result.BrokenAt);
        Assert.Contains("changed", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_removed_entry_is_found_as_a_gap()
    {
        await WriteEntriesAsync(10);
        await TamperAsync(lines => [.. lines.Where((_, i) => i != 5)]);

        var result = await VerifyAsync();
        Assert.Equal(7, result.BrokenAt);
        Assert.Contains("missing", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rewritten_entry_with_a_recomputed_hash_still_breaks_the_next_link()
    {
        await WriteEntriesAsync(6);
        var (store, log) = await OpenAsync();
        AuditRecordPair pair;
        await using (store)
        await using (log)
        {
            var entries = await log.ReadAsync(0, 10, CancellationToken.None);
            var forged = entries[2].Json.Replace("check-", "forged-", StringComparison.Ordinal);
            pair = new AuditRecordPair(forged, AuditChain.Hash(3, entries[2].At, entries[2].PreviousHash, forged));
        }
        await TamperAsync(lines =>
        {
            var entry = JsonNode.Parse(lines[2])!;
            entry["json"] = pair.Json;
            entry["hash"] = pair.Hash;
            lines[2] = entry.ToJsonString();
            return lines;
        });

        var result = await VerifyAsync();
        Assert.Equal(4, result.BrokenAt);
    }

    private sealed record AuditRecordPair(string Json, string Hash);
}
