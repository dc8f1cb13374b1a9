using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;

namespace Zhizao.Cli.Commands;

/// <summary>
/// <c>zhizao inventory DEMAND.csv --stock INVENTORY.csv</c> (or <c>--demo</c>): the inventory check (库存预警) locally:
/// one row per item, most urgent first (severity, stock-out date, order quantity and date, safety stock, reorder
/// point, cover), then the reorder suggestions with their reasons in the table format.
/// </summary>
public static class InventoryCommand
{
    private static readonly string[] Header = ["item", "severity", "stock_out", "order_qty", "order_by", "on_hand", "position", "safety_stock", "reorder_point", "days_of_cover", "warning"];

    public static Command Create()
    {
        var stock = new Option<string?>("--stock") { Description = "Inventory CSV (item,on_hand,lead_time_days[,service_level,moq,pack_size,…]; see samples/inventory.example.csv)" };
        var service = new Option<double?>("--service-level") { Description = "Service level in percent (or a fraction) for items whose row sets none (default 95)" };
        var review = new Option<int?>("--review-period") { Description = "Days between order decisions for items whose row sets none (default 7)" };
        var method = new Option<string>("--method") { Description = "Forecasting method (auto or a method name)", DefaultValueFactory = _ => "auto" };
        var sigmaFolds = new Option<int?>("--sigma-folds") { Description = "Back-test origins measuring lead-time demand's spread (default 3; for auto 0: its own back-test gives the spread)" };
        var command = new Command("inventory", "Check stock against forecast demand: warnings sorted by severity and reorder suggestions (MOQ, pack size)")
            { stock, service, review, method, sigmaFolds, SupplyCli.Horizon };
        command.WithSupplyOptions();
        command.SetAction((r, ct) => CommonOptions.RunAsync(async () =>
        {
            if (r.GetValue(SupplyCli.Demand) is not null && r.GetValue(stock) is null)
                return CliOutput.Fail(ExitCodes.InvalidInput, "--stock INVENTORY.csv is required with a demand file");
            var input = new JsonObject { ["method"] = r.GetValue(method), ["horizon"] = r.GetValue(SupplyCli.Horizon) };
            if (r.GetValue(service) is { } level)
                input["serviceLevel"] = level;
            if (r.GetValue(review) is { } days)
                input["reviewPeriodDays"] = days;
            if (r.GetValue(sigmaFolds) is { } folds)
                input["sigmaFolds"] = folds;
            return await SupplyCli.RunAsync(r, "inventory-check", input, r.GetValue(stock), Rows, WriteSuggestions, ct);
        }));
        return command;
    }

    /// <summary>One row per item, most urgent first, with its most severe warning.</summary>
    internal static List<string[]> Rows(JsonObject output)
    {
        var rows = new List<string[]> { Header };
        foreach (var item in output["items"]!.AsArray())
        {
            var suggestion = item!["suggestion"];
            var warning = item["warnings"]!.AsArray().FirstOrDefault();
            rows.Add([SupplyCli.Cell(item["item"]), SupplyCli.Cell(item["severity"]) is { Length: > 0 } s ? s : "ok", SupplyCli.Cell(item["stockOutDate"]),
                SupplyCli.Cell(suggestion?["quantity"]), SupplyCli.Cell(suggestion?["orderBy"]), SupplyCli.Cell(item["onHand"]), SupplyCli.Cell(item["inventoryPosition"]),
                SupplyCli.Cell(item["safetyStock"]), SupplyCli.Cell(item["reorderPoint"]), SupplyCli.Cell(item["daysOfCover"]), SupplyCli.Cell(warning?["message"]?["en"])]);
        }
        return rows;
    }

    private static void WriteSuggestions(JsonObject output, TextWriter writer)
    {
        var summary = output["summary"]!;
        writer.WriteLine();
        writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{summary["critical"]} critical, {summary["high"]} high, {summary["medium"]} medium, {summary["info"]} info, {summary["none"]} without warning; {summary["suggestedOrders"]} order(s) suggested"));
        foreach (var item in output["items"]!.AsArray().Where(i => i!["suggestion"] is not null))
            writer.WriteLine($"- {item!["item"]}: {item["suggestion"]!["reason"]!["en"]}");
    }
}
