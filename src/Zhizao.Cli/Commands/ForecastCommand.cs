using System.CommandLine;
using System.Text.Json.Nodes;

namespace Zhizao.Cli.Commands;

/// <summary>
/// <c>zhizao forecast DEMAND.csv</c> (or <c>--demo</c>): forecasts every item locally (no server), with a progress bar
/// on stderr, the file's findings (repairs, rejected lines) and forecast fallbacks on stderr, and one row per item and
/// date (point and bounds per level) on stdout or in --out, as a table, CSV or the supply agent's JSON.
/// </summary>
public static class ForecastCommand
{
    public static Command Create()
    {
        var levels = new Option<string>("--level") { Description = "Interval levels in percent, comma-separated", DefaultValueFactory = _ => "80,95" };
        var method = new Option<string>("--method") { Description = "auto (back-tested choice per item) or a method: snaive, ets-fast, ets, theta, dotm, arima, mstl, tsb-opt, lgbm…", DefaultValueFactory = _ => "auto" };
        var command = new Command("forecast", "Forecast item demand from a CSV file (or the demo plant) with prediction intervals")
            { SupplyCli.Horizon, levels, method };
        command.WithSupplyOptions();
        command.SetAction((r, ct) => CommonOptions.RunAsync(async () =>
        {
            if (SupplyCli.Numbers("--level", r.GetValue(levels)!) is not { } levelList)
                return ExitCodes.InvalidInput;
            var input = new JsonObject { ["horizon"] = r.GetValue(SupplyCli.Horizon), ["levels"] = levelList, ["method"] = r.GetValue(method) };
            return await SupplyCli.RunAsync(r, "forecast", input, null, Rows, null, ct);
        }));
        return command;
    }

    /// <summary>One row per item and date: item, date, method, point, then lower and upper per level.</summary>
    internal static List<string[]> Rows(JsonObject output)
    {
        var levels = output["levels"]!.AsArray().Select(l => l!.GetValue<int>()).ToList();
        var header = new List<string> { "item", "date", "method", "point" };
        foreach (var level in levels)
            header.AddRange([$"lower{level}", $"upper{level}"]);
        var rows = new List<string[]> { header.ToArray() };
        foreach (var item in output["items"]!.AsArray())
            foreach (var point in item!["points"]!.AsArray())
                rows.Add([.. header.Select(column => column switch
                {
                    "item" => SupplyCli.Cell(item["item"]),
                    "method" => SupplyCli.Cell(item["method"]),
                    _ => SupplyCli.Cell(point![column]),
                })]);
        return rows;
    }
}
