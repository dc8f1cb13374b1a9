using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Zhizao.Agents.Supply.Agent;
using Zhizao.Agents.Supply.Data;
using Zhizao.Core.Agents;

namespace Zhizao.Cli.Commands;

/// <summary>
/// What the supply commands (<c>forecast</c>, <c>backtest</c>, <c>inventory</c>) share: reading the demand (and stock)
/// files, running the supply agent's skill in this process (so the output is the API's), progress and findings on
/// stderr, and writing the result as a table, CSV or JSON to stdout or a file.
/// </summary>
internal static class SupplyCli
{
    public static readonly Argument<string?> Demand = new("demand") { Description = "Demand CSV (item,date,quantity or date,<item>,…; see samples/demand.example.csv)", Arity = ArgumentArity.ZeroOrOne };
    public static readonly Option<bool> Demo = new("--demo") { Description = "Use the demo plant's 20 items (730 days to yesterday) instead of a file" };
    public static readonly Option<int> Horizon = new("--horizon") { Description = "Periods ahead (days for daily data), 1–366", DefaultValueFactory = _ => 28 };
    public static readonly Option<string?> Items = new("--items") { Description = "Only these items (comma-separated ids)" };
    public static readonly Option<string> Format = new("--format") { Description = "table, csv or json", DefaultValueFactory = _ => "table" };
    public static readonly Option<string?> Out = new("--out") { Description = "Write the result to this file instead of stdout" };
    public static readonly Option<bool> Quiet = new("--quiet", "-q") { Description = "No progress on stderr (findings and errors are still shown)" };

    private static readonly string[] Formats = ["table", "csv", "json"];

    /// <summary>The local user, who runs the agent in their own process.</summary>
    private static readonly AgentCaller Caller = new(Environment.UserName, "engineer");

    /// <summary>Adds the options every supply command has.</summary>
    public static Command WithSupplyOptions(this Command command)
    {
        command.Arguments.Add(Demand);
        command.Options.Add(Demo);
        command.Options.Add(Items);
        command.Options.Add(Format);
        command.Options.Add(Out);
        command.Options.Add(Quiet);
        return command;
    }

    /// <summary>
    /// Checks the shared options, reads the files (or takes the demo), runs <paramref name="skill"/> and writes the rows
    /// of <paramref name="rows"/> (the header first) as a table or CSV, or the skill's JSON.
    /// </summary>
    public static async Task<int> RunAsync(ParseResult r, string skill, JsonObject input, string? stockFile,
        Func<JsonObject, List<string[]>> rows, Action<JsonObject, TextWriter>? after, CancellationToken ct)
    {
        var format = r.GetValue(Format)!;
        if (!Formats.Contains(format))
            return CliOutput.Fail(ExitCodes.InvalidInput, $"--format must be one of {string.Join(", ", Formats)}, not '{format}'");
        var demandFile = r.GetValue(Demand);
        if (r.GetValue(Demo) == (demandFile is not null))
            return CliOutput.Fail(ExitCodes.InvalidInput, "give either a demand file or --demo");
        if (r.GetValue(Demo) && stockFile is not null)
            return CliOutput.Fail(ExitCodes.InvalidInput, "--stock does not apply with --demo (the demo plant has its own stock)");
        if (List(r.GetValue(Items)) is { } items)
            input["items"] = new JsonArray([.. items.Select(i => (JsonNode)i)]);

        var agent = new SupplyAgent(TimeProvider.System, NullLogger<SupplyAgent>.Instance);
        SkillResult result;
        if (demandFile is null)
        {
            input["source"] = "demo";
            result = await ForecastCommandProgress.RunAsync(r.GetValue(Quiet), p => agent.InvokeAsync(skill, input, Caller, p, ct));
        }
        else
        {
            if (await ReadAsync(demandFile, stockFile, ct) is not { } data)
                return ExitCodes.InvalidInput;
            result = await ForecastCommandProgress.RunAsync(r.GetValue(Quiet), p => agent.InvokeAsync(skill, input, data, p, ct));
        }
        if (!result.IsSuccess)
            return CliOutput.Fail(result.Error!.Type switch { "invalid-input" => ExitCodes.InvalidInput, "not-found" => ExitCodes.NotFound, _ => ExitCodes.Failure },
                result.Error.Message);

        var output = result.Output!.AsObject();
        WriteFindings(output);
        var outFile = r.GetValue(Out);
        var writer = outFile is null ? Console.Out : new StreamWriter(outFile, append: false, new UTF8Encoding(false));
        try
        {
            if (format == "json")
                await writer.WriteLineAsync(output.ToJsonString(CliOutput.Json));
            else if (format == "csv")
                foreach (var row in rows(output))
                    await writer.WriteLineAsync(string.Join(',', row.Select(Csv)));
            else
            {
                WriteTable(writer, rows(output));
                after?.Invoke(output, writer);
            }
        }
        finally
        {
            if (outFile is not null)
                await writer.DisposeAsync();
        }
        if (outFile is not null)
            Console.Error.WriteLine($"wrote {outFile}");
        return ExitCodes.Ok;
    }

    /// <summary>Comma-separated values, trimmed; null when the option is absent.</summary>
    public static List<string>? List(string? text) =>
        text is null ? null : [.. text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];

    /// <summary>Comma-separated whole numbers as a JSON array; null (with an error printed) when one is not a number.</summary>
    public static JsonArray? Numbers(string option, string text)
    {
        var values = new JsonArray();
        foreach (var part in List(text) ?? [])
        {
            if (!int.TryParse(part, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n))
            {
                CliOutput.Fail(ExitCodes.InvalidInput, $"{option} must be comma-separated whole numbers (e.g. 80,95), not '{text}'");
                return null;
            }
            values.Add(n);
        }
        return values;
    }

    /// <summary>A JSON value as a cell: numbers as written, texts bare, null empty.</summary>
    public static string Cell(JsonNode? node) => node switch
    {
        null => "",
        JsonValue v when v.TryGetValue<string>(out var text) => text,
        _ => node.ToJsonString(),
    };

    /// <summary>Reads the demand (and stock) files; prints every finding of a refused file and returns null.</summary>
    private static async Task<SupplyData?> ReadAsync(string demandFile, string? stockFile, CancellationToken ct)
    {
        string current = demandFile;
        try
        {
            var demand = await DemandFile.ReadAsync(demandFile, cancellationToken: ct);
            current = stockFile ?? demandFile;
            var stock = stockFile is null ? null : await InventoryFile.ReadAsync(stockFile, cancellationToken: ct);
            return new SupplyData(demand, stock, "file", Path.GetFileName(demandFile));
        }
        catch (SupplyFileException e)
        {
            CliOutput.WriteError("error", $"{current} was refused:");
            foreach (var finding in e.Findings)
                CliOutput.WriteError(finding.Severity == FindingSeverity.Error ? "error" : "warning", finding.ToString());
            return null;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException)
        {
            CliOutput.WriteError("error", e.Message);
            return null;
        }
    }

    /// <summary>Repairs, rejected lines and forecast fallbacks on stderr (notes of kind Info are left out).</summary>
    private static void WriteFindings(JsonObject output)
    {
        foreach (var finding in output["findings"]?.AsArray() ?? [])
        {
            var severity = finding!["severity"]!.GetValue<string>();
            if (severity == "Info")
                continue;
            var where = finding["line"] is { } line ? $"{finding["file"]}: line {line}" : $"{finding["file"]}";
            if (finding["column"] is { } column)
                where += $", column {column}";
            CliOutput.WriteError(severity.ToLowerInvariant(), $"{where}: {finding["message"]}");
        }
        foreach (var item in output["items"]?.AsArray() ?? [])
            if (item?["note"] is { } note)
                CliOutput.WriteError("note", $"{item["item"]}: {note}");
        foreach (var skipped in output["skipped"]?.AsArray() ?? [])
            CliOutput.WriteError("warning", $"{skipped!["item"]}: skipped: {skipped["reason"]}");
        if (output["note"] is { } general)
            CliOutput.WriteError("note", general.ToString());
    }

    private static void WriteTable(TextWriter writer, List<string[]> rows)
    {
        var widths = Enumerable.Range(0, rows[0].Length).Select(c => rows.Max(row => row[c].Length)).ToArray();
        foreach (var row in rows)
            writer.WriteLine(string.Join("  ", row.Select((cell, c) => cell.PadRight(widths[c]))).TrimEnd());
    }

    private static string Csv(string cell) =>
        cell.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : cell;
}
