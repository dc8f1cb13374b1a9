using System.Text.Json.Nodes;
using Zhizao.Agents.Supply.Inventory;

namespace Zhizao.Agents.Supply.Agent;

/// <summary>An <see cref="InventoryAssessment"/> as the inventory-check skill writes it.</summary>
internal static class InventoryJson
{
    /// <summary>"critical", "high", "medium", "info".</summary>
    public static string Name(WarningSeverity severity) => severity.ToString().ToLowerInvariant();

    public static JsonObject Item(InventoryAssessment a, ItemTerms terms, string method)
    {
        var demand = a.LeadTimeDemand;
        return new JsonObject
        {
            ["item"] = a.ItemId,
            ["name"] = terms.Name is { } name ? SupplyJson.Text(name) : null,
            ["unit"] = terms.Unit,
            ["severity"] = a.Severity is { } s ? Name(s) : null,
            ["warnings"] = new JsonArray([.. a.Warnings.Select(w => (JsonNode)new JsonObject
            {
                ["severity"] = Name(w.Severity),
                ["kind"] = w.Kind.ToString(),
                ["message"] = SupplyJson.Text(w.Message),
            })]),
            ["suggestion"] = a.Suggestion is { } o ? new JsonObject
            {
                ["quantity"] = o.Quantity,
                ["packs"] = o.Packs,
                ["packSize"] = terms.PackSize,
                ["minimumOrderQuantity"] = terms.MinimumOrderQuantity,
                ["orderBy"] = SupplyJson.Time(o.OrderBy),
                ["expectedArrival"] = SupplyJson.Time(o.ExpectedArrival),
                ["need"] = SupplyJson.Number(o.Need),
                ["expectedCost"] = o.ExpectedCost,
                ["reason"] = SupplyJson.Text(o.Reason),
            } : null,
            ["asOf"] = SupplyJson.Time(a.AsOf),
            ["onHand"] = SupplyJson.Number(terms.OnHand),
            ["onOrder"] = SupplyJson.Number(terms.OnOrder),
            ["inventoryPosition"] = SupplyJson.Number(a.InventoryPosition),
            ["leadTimeDays"] = a.LeadTimeDays,
            ["reviewPeriodDays"] = a.ReviewPeriodDays,
            ["serviceLevel"] = a.ServiceLevel,
            ["forecastMethod"] = method,
            ["leadTimeDemand"] = new JsonObject
            {
                ["periods"] = demand.Periods,
                ["mean"] = SupplyJson.Number(demand.Mean),
                ["sigma"] = SupplyJson.Number(demand.Sigma),
                ["quantile"] = SupplyJson.Number(demand.Quantile),
                ["spreadSource"] = demand.Source.ToString(),
                ["intervalLevel"] = demand.IntervalLevel,
            },
            ["safetyStock"] = SupplyJson.Number(a.SafetyStock),
            ["reorderPoint"] = SupplyJson.Number(a.ReorderPoint),
            ["orderUpToLevel"] = SupplyJson.Number(a.OrderUpToLevel),
            ["stockOutDate"] = SupplyJson.Time(a.StockOutDate),
            ["reorderDate"] = SupplyJson.Time(a.ReorderDate),
            ["latestOrderDate"] = SupplyJson.Time(a.LatestOrderDate),
            ["daysOfCover"] = SupplyJson.Number(a.DaysOfCover),
            ["notes"] = SupplyJson.Strings(a.Notes),
            ["projection"] = new JsonObject
            {
                ["start"] = SupplyJson.Time(a.AsOf),
                ["demand"] = new JsonArray([.. a.Projection.Select(p => SupplyJson.Number(p.Demand))]),
                ["stock"] = new JsonArray([.. a.Projection.Select(p => SupplyJson.Number(p.Stock))]),
                ["position"] = new JsonArray([.. a.Projection.Select(p => SupplyJson.Number(p.Position))]),
            },
        };
    }
}
