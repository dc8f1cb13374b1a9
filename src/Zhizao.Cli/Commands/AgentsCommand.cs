using System.CommandLine;
using System.Text.Json.Nodes;
using Spectre.Console;
using static Zhizao.Cli.Commands.ApiCommands;

namespace Zhizao.Cli.Commands;

/// <summary><c>zhizao agents …</c>: the registry and app store through the API of a running platform.</summary>
public static class AgentsCommand
{
    public static Command Create()
    {
        var command = new Command("agents", "Agent registry and app store: search, show, publish, install, grade, external agents");

        var text = new Argument<string?>("text") { Description = "Words to search for in Chinese or English (empty: list)", Arity = ArgumentArity.ZeroOrOne };
        var scenario = new Option<string?>("--scenario") { Description = "design, pilot, production, marketing-service or operations" };
        var grade = new Option<int?>("--max-grade") { Description = "Highest grade (1-5)" };
        var publisher = new Option<string?>("--publisher") { Description = "Publisher namespace" };
        var visibility = new Option<string?>("--visibility") { Description = "private, shared or public" };
        var search = new Command("search", "Search the registry (ranked; Chinese word segmentation)") { text, scenario, grade, publisher, visibility };
        search.WithServer().SetAction((r, ct) => GetAsync(r, "api/v1/registry/agents" + Query(("q", r.GetValue(text)), ("scenario", r.GetValue(scenario)),
                ("grade", r.GetValue(grade)?.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("publisher", r.GetValue(publisher)), ("visibility", r.GetValue(visibility))),
            node => Table(node?["agents"], ["id", "version", "grade", "name", "identity", "signature", "reachable", "rating"], (row, column) => column switch
            {
                "name" => $"{row["name"]?["zh"]} {row["name"]?["en"]}".Trim(),
                "grade" => PlantCommands.Text(row["grade"]) is { Length: >= 2 } g ? g[..2] : "",
                "identity" => PlantCommands.Text(row["identityLevel"]) switch { "OrganizationVerified" => "organisation", "DomainVerified" => "domain", var other => other },
                "reachable" => row["reachable"] is null ? "built-in" : PlantCommands.Text(row["reachable"]),
                _ => PlantCommands.Text(row[column]),
            }), ct));

        var id = new Argument<string>("id") { Description = "Agent id, e.g. cn.zhizao/scheduler" };
        var show = new Command("show", "An agent: versions, skills with grade and impact, identity level, signature, reviews") { id };
        show.WithServer().SetAction((r, ct) => GetAsync(r, $"api/v1/registry/agents/{r.GetValue(id)}", node =>
        {
            var agent = node?["agent"];
            AnsiConsole.MarkupLine(Markup.Escape($"{agent?["id"]} {agent?["version"]} ({agent?["status"]}) — {agent?["name"]?["en"]} / {agent?["name"]?["zh"]}"));
            AnsiConsole.MarkupLine(Markup.Escape($"grade {agent?["grade"]}, publisher {agent?["publisher"]} ({agent?["identityLevel"]}), signature {agent?["signature"]} by {agent?["signedBy"]}"));
            Table(node?["skills"], ["name", "grade", "impact", "description"], (row, column) => column == "description" ? $"{row["description"]?["en"]}" : PlantCommands.Text(row[column]));
        }, ct));

        var card = new Argument<FileInfo>("card") { Description = "A signed A2A agent card (JSON) with the Zhizao registry extension" };
        var publishVisibility = new Option<string>("--visibility") { Description = "private, shared or public", DefaultValueFactory = _ => "private" };
        var draft = new Option<bool>("--draft") { Description = "Register as a draft (replaceable, not callable)" };
        var publish = new Command("publish", "Publish a signed card (sign it with 'zhizao keys sign')") { card, publishVisibility, draft };
        publish.WithServer().SetAction((r, ct) => CommonOptions.RunAsync(async () =>
        {
            var file = r.GetValue(card)!;
            JsonNode? parsed;
            try
            {
                parsed = JsonNode.Parse(await File.ReadAllTextAsync(file.FullName, ct));
            }
            catch (Exception e) when (e is IOException or System.Text.Json.JsonException or UnauthorizedAccessException)
            {
                return CliOutput.Fail(ExitCodes.InvalidInput, $"{file.FullName}: {e.Message}");
            }
            using var client = CommonOptions.Client(r);
            var body = new JsonObject { ["card"] = parsed, ["visibility"] = r.GetValue(publishVisibility), ["draft"] = r.GetValue(draft) };
            Render(r, await client.SendJsonAsync(HttpMethod.Post, "api/v1/registry/agents", body, ct),
                node => Console.Out.WriteLine($"{node?["agentId"]} {node?["version"]}: {node?["status"]}"));
            return ExitCodes.Ok;
        }));

        var version = new Option<string?>("--version") { Description = "Version to install (default: latest published)" };
        var maxGrade = new Option<int?>("--max-grade") { Description = "Highest grade the workspace allows this agent (1-5; 4 and 5 need an administrator)" };
        var assets = new Option<string[]>("--asset") { Description = "Asset prefix inside which L4 skills act without approval (repeatable)", AllowMultipleArgumentsPerToken = true };
        var install = new Command("install", "Install an agent into your workspace") { id, version, maxGrade, assets };
        install.WithServer().SetAction((r, ct) => SendAsync(r, HttpMethod.Post, "api/v1/registry/installations", new JsonObject
        {
            ["agent"] = r.GetValue(id),
            ["version"] = r.GetValue(version),
            ["maxGrade"] = r.GetValue(maxGrade),
            ["assets"] = r.GetValue(assets) is { Length: > 0 } a ? new JsonArray([.. a.Select(x => (JsonNode?)x)]) : null,
        }, node => Console.Out.WriteLine($"{node?["agentId"]} {node?["version"]} installed in {node?["workspace"]} (max grade L{node?["bounds"]?["maxGrade"]})"), ct));

        var gradeCommand = new Command("grade", "The classification of an agent: grade per skill, impact, publisher identity level, what needs approval for you") { id };
        gradeCommand.WithServer().SetAction((r, ct) => CommonOptions.RunAsync(async () =>
        {
            using var client = CommonOptions.Client(r);
            var agentId = r.GetValue(id)!;
            var detail = await client.GetAsync($"api/v1/registry/agents/{agentId}", ct);
            var callable = (await client.GetAsync("api/v1/skills", ct))?.AsArray().OfType<JsonObject>()
                .Where(s => s["agentId"]?.GetValue<string>() == agentId).ToDictionary(s => s["skill"]?["name"]?.GetValue<string>() ?? "", s => s) ?? [];
            var rows = new JsonArray([.. (detail?["skills"]?.AsArray() ?? []).OfType<JsonObject>().Select(s =>
            {
                var name = s["name"]?.GetValue<string>() ?? "";
                var access = callable.TryGetValue(name, out var c) ? (c["needsApproval"]?.GetValue<bool>() == true ? "after approval" : "yes") : "no";
                return (JsonNode)new JsonObject { ["skill"] = name, ["grade"] = s["grade"]?.DeepClone(), ["impact"] = s["impact"]?.DeepClone(), ["youMayCall"] = access };
            })]);
            var result = new JsonObject
            {
                ["agent"] = agentId,
                ["grade"] = detail?["agent"]?["grade"]?.DeepClone(),
                ["identityLevel"] = detail?["agent"]?["identityLevel"]?.DeepClone(),
                ["skills"] = rows,
            };
            Render(r, result, node =>
            {
                AnsiConsole.MarkupLine(Markup.Escape($"{agentId}: {node?["grade"]}, publisher {node?["identityLevel"]}"));
                Table(node?["skills"], ["skill", "grade", "impact", "youMayCall"], (row, column) => PlantCommands.Text(row[column]));
            });
            return ExitCodes.Ok;
        }));

        var url = new Argument<string>("url") { Description = "Base URL of a running A2A agent" };
        var lease = new Option<int>("--lease") { Description = "Registration lifetime in seconds, renewed by heartbeats", DefaultValueFactory = _ => 60 };
        var register = new Command("register", "Register a running external A2A agent by URL (its card is fetched and verified)") { url, lease, publishVisibility };
        register.WithServer().SetAction((r, ct) => SendAsync(r, HttpMethod.Post, "api/v1/registry/external",
            new JsonObject { ["url"] = r.GetValue(url), ["leaseSeconds"] = r.GetValue(lease), ["visibility"] = r.GetValue(publishVisibility) },
            node => Console.Out.WriteLine($"{node?["agentId"]} {node?["version"]}: {node?["status"]}"), ct));

        foreach (var sub in (Command[])[search, show, publish, install, gradeCommand, register])
            command.Subcommands.Add(sub);
        return command;
    }
}
