using System.CommandLine;
using System.Text.Json.Nodes;
using Spectre.Console;

namespace Zhizao.Cli.Commands;

/// <summary>What the commands that call the API share: GET and send with error mapping, --json or a table.</summary>
internal static class ApiCommands
{
    public static string Query(params (string Name, string? Value)[] parameters)
    {
        var present = parameters.Where(p => p.Value is not null).Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value!)}").ToArray();
        return present.Length == 0 ? "" : "?" + string.Join('&', present);
    }

    public static Task<int> GetAsync(ParseResult result, string path, Action<JsonNode?> render, CancellationToken cancellationToken) =>
        CommonOptions.RunAsync(async () =>
        {
            using var client = CommonOptions.Client(result);
            Render(result, await client.GetAsync(path, cancellationToken), render);
            return ExitCodes.Ok;
        });

    public static Task<int> SendAsync(ParseResult result, HttpMethod method, string path, JsonNode body, Action<JsonNode?> render, CancellationToken cancellationToken) =>
        CommonOptions.RunAsync(async () =>
        {
            using var client = CommonOptions.Client(result);
            Render(result, await client.SendJsonAsync(method, path, body, cancellationToken), render);
            return ExitCodes.Ok;
        });

    public static void Render(ParseResult result, JsonNode? node, Action<JsonNode?> render)
    {
        if (result.GetValue(CommonOptions.Json))
            CliOutput.WriteJson(node);
        else
            render(node);
    }

    public static void Table(JsonNode? rows, string[] columns, Func<JsonObject, string, string> cell)
    {
        var table = new Table().AddColumns(columns);
        foreach (var row in rows?.AsArray().OfType<JsonObject>() ?? [])
            table.AddRow([.. columns.Select(c => Markup.Escape(cell(row, c)))]);
        AnsiConsole.Write(table);
    }
}
