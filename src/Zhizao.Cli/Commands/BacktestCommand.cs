using System.CommandLine;
using System.Text.Json.Nodes;

namespace Zhizao.Cli.Commands;

/// <summary>
/// <c>zhizao backtest DEMAND.csv</c>: rolling-origin back-test of forecasting methods, locally; per item and method
/// sMAPE, MASE and interval coverage, the overall means (rows of item "(overall)") and the best method per item.
/// </summary>
public static class BacktestCommand
{
    private static readonly string[] Header = ["item", "method", "folds", "smape", "mase", "coverage", "best"];

    public static Command Create()
    {
        var folds = new Option<int>("--folds") { Description = "Forecast origins, a horizon apart (1–10)", DefaultValueFactory = _ => 3 };
        var methods = new Option<string>("--methods") { Description = "Methods to compare, comma-separated", DefaultValueFactory = _ => "auto,snaive,ets-fast" };
        var level = new Option<int>("--level") { Description = "Interval level whose coverage is scored", DefaultValueFactory = _ => 95 };
        var command = new Command("backtest", "Back-test forecasting methods on a demand CSV (or the demo plant): sMAPE, MASE and coverage per item and overall")
            { SupplyCli.Horizon, folds, methods, level };
        command.WithSupplyOptions();
        command.SetAction((r, ct) => CommonOptions.RunAsync(async () =>
        {
            var input = new JsonObject
            {
                ["horizon"] = r.GetValue(SupplyCli.Horizon),
                ["folds"] = r.GetValue(folds),
                ["methods"] = new JsonArray([.. (SupplyCli.List(r.GetValue(methods)) ?? []).Select(m => (JsonNode)m)]),
                ["level"] = r.GetValue(level),
            };
            return await SupplyCli.RunAsync(r, "backtest", input, null, Rows, null, ct);
        }));
        return command;
    }

    /// <summary>One row per item and method (best marked), then one overall row per method.</summary>
    internal static List<string[]> Rows(JsonObject output)
    {
        var rows = new List<string[]> { Header };
        foreach (var item in output["items"]!.AsArray())
            foreach (var result in item!["results"]!.AsArray())
                rows.Add([SupplyCli.Cell(item["item"]), SupplyCli.Cell(result!["method"]), SupplyCli.Cell(result["folds"]), SupplyCli.Cell(result["smape"]),
                    SupplyCli.Cell(result["mase"]), SupplyCli.Cell(result["coverage"]), SupplyCli.Cell(item["best"]) == SupplyCli.Cell(result["method"]) ? "*" : ""]);
        foreach (var method in output["methods"]!.AsArray())
            rows.Add(["(overall)", SupplyCli.Cell(method!["method"]), SupplyCli.Cell(method["scoredItems"]), SupplyCli.Cell(method["smape"]),
                SupplyCli.Cell(method["mase"]), SupplyCli.Cell(method["coverage"]), $"{SupplyCli.Cell(method["wins"])} win(s)"]);
        return rows;
    }
}
