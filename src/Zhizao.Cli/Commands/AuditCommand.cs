using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Zhizao.Access.Audit;
using Zhizao.Core.Storage;
using static Zhizao.Cli.Commands.ApiCommands;

namespace Zhizao.Cli.Commands;

/// <summary><c>zhizao audit …</c>: read the audit log and verify its hash chain on this machine.</summary>
public static class AuditCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static Command Create()
    {
        var command = new Command("audit", "The append-only audit log of every access decision");
        var after = new Option<long>("--after") { Description = "Show entries after this sequence number" };
        var limit = new Option<int>("--limit") { Description = "Most entries", DefaultValueFactory = _ => 50 };
        var list = new Command("list", "Audit entries in order") { after, limit };
        list.WithServer().SetAction((r, ct) => GetAsync(r, $"api/v1/audit?after={r.GetValue(after)}&limit={r.GetValue(limit)}",
            node => Table(node, ["sequence", "at", "principal", "channel", "action", "target", "decision", "reason"], (row, column) => column switch
            {
                "sequence" or "at" => PlantCommands.Text(row[column]),
                _ => PlantCommands.Text(JsonNode.Parse(row["json"]?.GetValue<string>() ?? "{}")?[column]),
            }), ct));

        var verify = new Command("verify", "Download the whole log and recompute its hash chain here (the server is not trusted to check itself)");
        verify.WithServer().SetAction((r, ct) => CommonOptions.RunAsync(async () =>
        {
            using var client = CommonOptions.Client(r);
            AuditRecord? previous = null;
            long total = 0;
            while (true)
            {
                var page = (await client.GetAsync($"api/v1/audit?after={previous?.Sequence ?? 0}&limit=5000", ct)).Deserialize<List<AuditRecord>>(Json) ?? [];
                if (page.Count == 0)
                    break;
                var result = AuditChain.Verify(page, previous);
                total += result.Checked;
                if (!result.IsIntact)
                {
                    Render(r, JsonSerializer.SerializeToNode(result with { Checked = total }, Json), _ => { });
                    return CliOutput.Fail(ExitCodes.Failure, $"audit log broken at entry {result.BrokenAt}: {result.Problem}");
                }
                previous = page[^1];
            }
            Render(r, JsonSerializer.SerializeToNode(new AuditVerification(total, previous?.Sequence ?? 0, null, null), Json),
                _ => Console.Out.WriteLine($"audit log intact: {total} entries, last {previous?.Sequence ?? 0}, head {previous?.Hash ?? AuditChain.Genesis}"));
            return ExitCodes.Ok;
        }));

        command.Subcommands.Add(list);
        command.Subcommands.Add(verify);
        return command;
    }
}
