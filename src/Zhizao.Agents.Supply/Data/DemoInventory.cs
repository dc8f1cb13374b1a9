using Zhizao.Agents.Supply.Inventory;
using Zhizao.Simulation.Supply;

namespace Zhizao.Agents.Supply.Data;

/// <summary>
/// The demo plant's twenty items (<see cref="DemoSupply"/>) as a <see cref="SupplyDataSet"/>: the demand history goes
/// through the same series builder as a user's CSV file (read as <c>item,date,quantity</c> rows, line 2 onwards), so
/// the demo and an upload follow exactly the same path into forecasting and the inventory check.
/// </summary>
public static class DemoInventory
{
    /// <summary>The name the demo data carries in findings.</summary>
    public const string DemandFileName = "demo-plant demand";

    /// <summary>The name the demo terms carry in findings.</summary>
    public const string InventoryFileName = "demo-plant inventory";

    /// <summary>
    /// The twenty items with <paramref name="days"/> days of history starting on the date of <paramref name="start"/>;
    /// their stock, lead time, MOQ, pack size, unit cost, name and unit become <see cref="ItemTerms"/> (nothing on
    /// order; service level and review period from the options).
    /// </summary>
    public static SupplyDataSet Create(int seed, DateTimeOffset start, int days, SupplyFileOptions? options = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(days, 1);
        options ??= SupplyFileOptions.Default;
        options.Validate();
        var items = DemoSupply.Items(seed, start, days);
        var log = new FindingLog(DemandFileName, options.DetailLimit);
        var builder = new DemandSeriesBuilder(log, options);
        long line = 1;
        foreach (var item in items)
            foreach (var day in item.History)
                builder.Add(item.Id, day.Date.ToDateTime(TimeOnly.MinValue), day.Quantity, ++line);
        var (step, series) = builder.Build();
        var demand = new DemandData(DemandFileName, DemandFileFormat.Long, step, series, log.Complete(), log.Counts(), line - 1);
        var terms = items.Select(i => new ItemTerms(i.Id, i.OnHand, i.LeadTimeDays,
            MinimumOrderQuantity: i.MinimumOrderQuantity, PackSize: i.PackSize, UnitCost: i.UnitCost, Name: i.Name, Unit: i.Unit)).ToList();
        var inventory = new InventoryData(InventoryFileName, terms, [], new Dictionary<FindingKind, long>(), terms.Count);
        return SupplyDataSet.Join(demand, inventory);
    }
}
