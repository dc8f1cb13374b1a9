using System.CommandLine;
using System.Text.Json.Nodes;
using Spectre.Console;

using static Zhizao.Cli.Commands.ApiCommands;

namespace Zhizao.Cli.Commands;

/// <summary><c>zhizao maintenance …</c>: the predictive-maintenance agent through the API of a running platform.</summary>
public static class MaintenanceCommand
{
    private static readonly Option<bool> Chinese = new("--zh") { Description = "Show messages in Chinese (中文)" };

    public static Command Create()
    {
        var command = new Command("maintenance", "Predictive maintenance: machine status, explained anomalies, remaining useful life, alarms and work orders");
        var machineArgument = new Argument<string?>("machine") { Description = "Machine path site/line/machine (default: all)", Arity = ArgumentArity.ZeroOrOne };
        var requiredMachine = new Argument<string>("machine") { Description = "Machine path site/line/machine" };

        var status = new Command("status", "Learning or monitoring, anomaly score, current anomaly and remaining useful life per machine") { machineArgument, Chinese };
        status.WithServer().SetAction((r, ct) => GetAsync(r, "api/v1/maintenance/status" + Query(("machine", r.GetValue(machineArgument))), node =>
        {
            Table(node?["machines"], ["machine", "state", "surprise", "anomalous", "anomaly", "rul"], (row, column) => column switch
            {
                "anomaly" => row["anomaly"] is JsonObject a ? $"{a["kind"]} ({a["fault"]}, {a["severity"]}{(a["end"] is null ? "" : ", ended")}) {Signals(a)}" : "",
                "rul" => row["rul"]?["text"]?[r.GetValue(Chinese) ? "zh" : "en"]?.GetValue<string>() ?? "",
                "state" when row["learning"] is JsonObject l => $"learning {l["rows"]}/{l["needed"]}",
                _ => PlantCommands.Text(row[column]),
            });
            var rate = node?["alarmRate"];
            AnsiConsole.MarkupLine(Markup.Escape($"Alarms raised in the last hour: {rate?["raisedLastHour"]} ({rate?["annunciatedLastHour"]} annunciated). {rate?["guidance"]}"));
        }, ct));

        var limit = new Option<int>("--limit") { Description = "Most anomalies", DefaultValueFactory = _ => 20 };
        var anomalies = new Command("anomalies", "Recent explained anomalies, newest first") { machineArgument, limit, Chinese };
        anomalies.WithServer().SetAction((r, ct) => GetAsync(r, "api/v1/maintenance/anomalies" + Query(("machine", r.GetValue(machineArgument)), ("limit", r.GetValue(limit).ToString(System.Globalization.CultureInfo.InvariantCulture))),
            node => Table(node?["anomalies"], ["start", "phase", "kind", "fault", "severity", "message"], (row, column) => column == "message"
                ? row["message"]?[r.GetValue(Chinese) ? "zh" : "en"]?.GetValue<string>() ?? "" : PlantCommands.Text(row[column])), ct));

        var rul = new Command("rul", "Remaining useful life of a machine with an 80 % band") { requiredMachine, Chinese };
        rul.WithServer().SetAction((r, ct) => GetAsync(r, "api/v1/maintenance/rul" + Query(("machine", r.GetValue(requiredMachine))),
            node => Console.Out.WriteLine(node?["rul"]?["text"]?[r.GetValue(Chinese) ? "zh" : "en"]?.GetValue<string>() ?? node?["note"]?.GetValue<string>()), ct));

        var from = new Option<string>("--from") { Description = "Start of the normal period (RFC 3339 with offset)", Required = true };
        var to = new Option<string>("--to") { Description = "End of the normal period (RFC 3339 with offset)", Required = true };
        var fit = new Command("fit", "Re-learn a machine's normal behaviour from a stored period") { requiredMachine, from, to };
        fit.WithServer().SetAction((r, ct) => SendAsync(r, HttpMethod.Post, "api/v1/maintenance/fit",
            new JsonObject { ["machine"] = r.GetValue(requiredMachine), ["from"] = r.GetValue(from), ["to"] = r.GetValue(to) },
            node => Console.Out.WriteLine($"{node?["machine"]}: {node?["state"]} on {node?["fittedOn"]?["from"]} – {node?["fittedOn"]?["to"]}"), ct));

        var all = new Option<bool>("--all") { Description = "Include cleared alarms" };
        var alarms = new Command("alarms", "Maintenance alarms with their ISA-18.2 state") { all, Chinese };
        alarms.WithServer().SetAction((r, ct) => SendAsync(r, HttpMethod.Post, "api/v1/agents/cn.zhizao/maintenance/skills/alarms",
            new JsonObject { ["activeOnly"] = !r.GetValue(all) },
            node => Table(node?["alarms"], ["id", "machine", "priority", "condition", "state", "occurrences", "raisedAt", "message"], (row, column) => column == "message"
                ? row["message"]?[r.GetValue(Chinese) ? "zh" : "en"]?.GetValue<string>() ?? "" : PlantCommands.Text(row[column])), ct));

        var id = new Argument<long>("id") { Description = "Alarm id" };
        var ack = new Command("ack", "Acknowledge an alarm") { id };
        ack.WithServer().SetAction((r, ct) => SendAsync(r, HttpMethod.Post, $"api/v1/alarms/{r.GetValue(id)}/ack", new JsonObject(),
            _ => Console.Out.WriteLine($"alarm {r.GetValue(id)} acknowledged"), ct));
        var minutes = new Option<int>("--minutes") { Description = "How long (at most 480)", Required = true };
        var shelve = new Command("shelve", "Shelve an alarm for a bounded time") { id, minutes };
        shelve.WithServer().SetAction((r, ct) => SendAsync(r, HttpMethod.Post, $"api/v1/alarms/{r.GetValue(id)}/shelve", new JsonObject { ["minutes"] = r.GetValue(minutes) },
            node => Console.Out.WriteLine($"alarm {r.GetValue(id)} shelved until {node?["shelvedUntil"]}"), ct));

        var machineOption = new Option<string?>("--machine") { Description = "Only this machine" };
        var statusOption = new Option<string?>("--status") { Description = "open, scheduled, in-progress, done or cancelled" };
        var orders = new Command("work-orders", "Maintenance work orders with their suggested window") { machineOption, statusOption, Chinese };
        orders.WithServer().SetAction((r, ct) => GetAsync(r, "api/v1/maintenance/work-orders" + Query(("machine", r.GetValue(machineOption)), ("status", r.GetValue(statusOption))),
            node => Table(node?["workOrders"], ["id", "machine", "priority", "status", "window", "title"], (row, column) => column switch
            {
                "window" => $"{row["window"]?["start"]} – {row["window"]?["end"]}",
                "title" => row["title"]?[r.GetValue(Chinese) ? "zh" : "en"]?.GetValue<string>() ?? "",
                _ => PlantCommands.Text(row[column]),
            }), ct));

        var orderId = new Argument<long>("id") { Description = "Work-order id" };
        var newStatus = new Option<string>("--status") { Description = "open, scheduled, in-progress, done or cancelled", Required = true };
        var update = new Command("update-work-order", "Change a work order's status") { orderId, newStatus };
        update.WithServer().SetAction((r, ct) => SendAsync(r, HttpMethod.Patch, $"api/v1/maintenance/work-orders/{r.GetValue(orderId)}",
            new JsonObject { ["status"] = r.GetValue(newStatus) }, node => Console.Out.WriteLine($"work order {node?["id"]}: {node?["status"]}"), ct));

        var windows = new Command("windows", "Maintenance windows in which machines are blocked for production scheduling");
        windows.WithServer().SetAction((r, ct) => GetAsync(r, "api/v1/maintenance/windows",
            node => Table(node?["windows"], ["machine", "start", "end", "workOrderId", "priority"], (row, column) => PlantCommands.Text(row[column])), ct));

        foreach (var sub in (Command[])[status, anomalies, rul, fit, alarms, ack, shelve, orders, update, windows])
            command.Subcommands.Add(sub);
        return command;
    }

    private static string Signals(JsonObject anomaly) =>
        string.Join(", ", anomaly["signals"]?.AsArray().Select(s => $"{s?["signal"]} {s?["share"]?.GetValue<double>():P0}") ?? []);
}
