using System.CommandLine;
using System.Text.Json.Nodes;
using Spectre.Console;

namespace Zhizao.Cli.Commands;

/// <summary><c>zhizao query raw|agg|latest</c> through the API.</summary>
public static class QueryCommand
{
    public static Command Create()
    {
        var command = new Command("query", "Query points: raw, aggregated per bucket, or latest values");
        var signal = new Argument<string>("signal") { Description = "Signal path site/line/machine/signal" };
        var from = new Option<string>("--from") { Description = "Start (RFC 3339, epoch ms, now, -1h)", DefaultValueFactory = _ => "-1h" };
        var to = new Option<string>("--to") { Description = "End (exclusive)", DefaultValueFactory = _ => "now" };

        var limit = new Option<int>("--limit") { Description = "Most points", DefaultValueFactory = _ => 100 };
        var raw = new Command("raw", "Raw points of one signal") { signal, from, to, limit };
        raw.WithServer().SetAction((r, ct) => Run(r, $"api/v1/points/raw?signal={Uri.EscapeDataString(r.GetValue(signal)!)}&from={Uri.EscapeDataString(r.GetValue(from)!)}&to={Uri.EscapeDataString(r.GetValue(to)!)}&limit={r.GetValue(limit)}",
            node => Table(node?["points"], ["ts", "value"]), ct));

        var bucket = new Option<string>("--bucket") { Description = "Bucket size (10s, 1m, 1h, 1d)", DefaultValueFactory = _ => "1m" };
        var agg = new Command("agg", "min/max/avg/last/count per bucket") { signal, from, to, bucket };
        agg.WithServer().SetAction((r, ct) => Run(r, $"api/v1/points/aggregates?signal={Uri.EscapeDataString(r.GetValue(signal)!)}&from={Uri.EscapeDataString(r.GetValue(from)!)}&to={Uri.EscapeDataString(r.GetValue(to)!)}&bucket={Uri.EscapeDataString(r.GetValue(bucket)!)}",
            node => Table(node?["buckets"], ["start", "min", "max", "avg", "last", "count"]), ct));

        var prefix = new Argument<string?>("prefix") { Description = "Path prefix, e.g. demo-site/machining/cnc-03 (default: all)", Arity = ArgumentArity.ZeroOrOne };
        var latest = new Command("latest", "Latest value of each signal") { prefix };
        latest.WithServer().SetAction((r, ct) => Run(r, "api/v1/points/latest" + (r.GetValue(prefix) is { } p ? $"?prefix={Uri.EscapeDataString(p)}" : ""),
            node => Table(node, ["signal", "ts", "value", "unit"]), ct));

        command.Subcommands.Add(raw);
        command.Subcommands.Add(agg);
        command.Subcommands.Add(latest);
        return command;
    }

    private static Task<int> Run(ParseResult result, string path, Action<JsonNode?> render, CancellationToken cancellationToken) =>
        CommonOptions.RunAsync(async () =>
        {
            using var client = CommonOptions.Client(result);
            var node = await client.GetAsync(path, cancellationToken);
            if (result.GetValue(CommonOptions.Json))
                CliOutput.WriteJson(node);
            else
                render(node);
            return ExitCodes.Ok;
        });

    private static void Table(JsonNode? rows, string[] columns)
    {
        var table = new Table().AddColumns(columns);
        foreach (var row in rows?.AsArray().OfType<JsonObject>() ?? [])
            table.AddRow([.. columns.Select(c => PlantCommands.Text(row[c]))]);
        AnsiConsole.Write(table);
    }
}
