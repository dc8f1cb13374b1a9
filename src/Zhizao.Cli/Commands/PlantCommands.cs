using System.CommandLine;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Spectre.Console;
using Zhizao.Core.Assets;

namespace Zhizao.Cli.Commands;

/// <summary><c>zhizao plant import|list|validate|schema</c>.</summary>
public static class PlantCommands
{
    public static Command Create()
    {
        var command = new Command("plant", "Plant files: import or update, list, validate offline, print the schema");
        command.Subcommands.Add(Import());
        command.Subcommands.Add(List());
        command.Subcommands.Add(Validate());
        var schema = new Command("schema", "Print the JSON schema of plant files");
        schema.SetAction(_ => Console.Out.WriteLine(PlantFile.SchemaText));
        command.Subcommands.Add(schema);
        return command;
    }

    private static Command Import()
    {
        var file = new Argument<FileInfo>("file") { Description = "Plant file (.json, .yaml, .yml)" };
        var command = new Command("import", "Import a plant file, or update the plant with the same id (revision + 1)") { file };
        command.WithServer().SetAction((result, ct) => CommonOptions.RunAsync(async () =>
        {
            var path = result.GetValue(file)!;
            if (!path.Exists)
                return CliOutput.Fail(ExitCodes.InvalidInput, $"{path.FullName}: file not found");
            // Validate locally first: same checks as the server, and errors name the local file.
            try
            {
                PlantFile.Parse(path.FullName, await File.ReadAllTextAsync(path.FullName, ct));
            }
            catch (PlantFileException e)
            {
                foreach (var error in e.Errors)
                    CliOutput.WriteError("error", error.ToString());
                return ExitCodes.InvalidInput;
            }
            using var client = CommonOptions.Client(result);
            var content = new StreamContent(path.OpenRead());
            var yaml = path.Extension is ".yaml" or ".yml";
            content.Headers.ContentType = new MediaTypeHeaderValue(yaml ? "application/yaml" : "application/json");
            content.Headers.Add("X-File-Name", path.Name);
            var summary = await client.PostAsync("api/v1/plants", content, ct);
            if (result.GetValue(CommonOptions.Json))
                CliOutput.WriteJson(summary);
            else
                AnsiConsole.MarkupLine($"[green]Imported[/] plant [bold]{Markup.Escape(summary?["id"]?.ToString() ?? "")}[/] revision {summary?["revision"]}: {summary?["machines"]} machines, {summary?["signals"]} signals");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command List()
    {
        var command = new Command("list", "List imported plants");
        command.WithServer().SetAction((result, ct) => CommonOptions.RunAsync(async () =>
        {
            using var client = CommonOptions.Client(result);
            var plants = (await client.GetAsync("api/v1/plants", ct))?.AsArray() ?? [];
            if (result.GetValue(CommonOptions.Json))
            {
                CliOutput.WriteJson(plants);
                return ExitCodes.Ok;
            }
            var table = new Table().AddColumns("Id", "Name", "Revision", "Sites", "Machines", "Signals", "Updated");
            foreach (var p in plants.OfType<JsonObject>())
                table.AddRow(Text(p["id"]), Text(p["name"]?["en"]) + " " + Text(p["name"]?["zh"]), Text(p["revision"]), Text(p["sites"]), Text(p["machines"]), Text(p["signals"]), Text(p["updatedAt"]));
            AnsiConsole.Write(table);
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Validate()
    {
        var file = new Argument<FileInfo>("file") { Description = "Plant file (.json, .yaml, .yml)" };
        var command = new Command("validate", "Check a plant file offline against the schema and rules") { file, CommonOptions.Json };
        command.SetAction(async (result, ct) =>
        {
            var path = result.GetValue(file)!;
            try
            {
                var plant = await PlantFile.LoadAsync(path.FullName, ct);
                AnsiConsole.MarkupLine($"[green]valid:[/] plant {Markup.Escape(plant.Id)}, {plant.AllSignals().Count()} signals");
                return ExitCodes.Ok;
            }
            catch (PlantFileException e)
            {
                if (result.GetValue(CommonOptions.Json))
                    CliOutput.WriteJson(e.Errors);
                foreach (var error in e.Errors)
                    CliOutput.WriteError("error", error.ToString());
                return ExitCodes.InvalidInput;
            }
        });
        return command;
    }

    internal static string Text(JsonNode? node) => Markup.Escape(node?.ToString() ?? "");
}
