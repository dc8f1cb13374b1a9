using Zhizao.Agents.Supply.Inventory;

namespace Zhizao.Agents.Supply.Data;

/// <summary>The result of reading an inventory file: one <see cref="ItemTerms"/> per item, findings and counts.</summary>
/// <param name="File">The file name used in findings.</param>
/// <param name="Items">The accepted items, in file order.</param>
/// <param name="Findings">Every finding (capped per kind).</param>
/// <param name="Counts">Occurrences by kind, never capped.</param>
/// <param name="DataLines">Data lines read.</param>
public sealed record InventoryData(
    string File,
    IReadOnlyList<ItemTerms> Items,
    IReadOnlyList<DataFinding> Findings,
    IReadOnlyDictionary<FindingKind, long> Counts,
    long DataLines)
{
    /// <summary>The occurrences of one kind (0 when none).</summary>
    public long Count(FindingKind kind) => Counts.GetValueOrDefault(kind);
}

/// <summary>One item ready for the inventory check: its demand history and its terms.</summary>
public sealed record SupplyItemData(DemandSeries History, ItemTerms Terms);

/// <summary>
/// Demand and inventory joined by item id: the input of the inventory check, whether read from the user's files or
/// built from the demo plant (<see cref="DemoInventory"/>).
/// </summary>
/// <param name="Demand">The demand data.</param>
/// <param name="Inventory">The inventory data.</param>
/// <param name="Items">Items present in both, in the demand data's order.</param>
/// <param name="Findings">The findings of both reads, then the items present in only one of them.</param>
public sealed record SupplyDataSet(DemandData Demand, InventoryData Inventory, IReadOnlyList<SupplyItemData> Items, IReadOnlyList<DataFinding> Findings)
{
    /// <summary>Joins demand and inventory by item id (ordinal); items in only one file are reported as warnings.</summary>
    public static SupplyDataSet Join(DemandData demand, InventoryData inventory)
    {
        ArgumentNullException.ThrowIfNull(demand);
        ArgumentNullException.ThrowIfNull(inventory);
        var terms = inventory.Items.ToDictionary(t => t.ItemId, StringComparer.Ordinal);
        var items = new List<SupplyItemData>();
        var findings = new List<DataFinding>(demand.Findings.Concat(inventory.Findings));
        foreach (var series in demand.Series)
        {
            if (terms.Remove(series.ItemId, out var t))
                items.Add(new SupplyItemData(series, t));
            else
                findings.Add(Unmatched(demand.File, series.ItemId, $"item '{series.ItemId}' has demand but no row in {inventory.File}; it is left out of the inventory check."));
        }
        foreach (var t in inventory.Items.Where(t => terms.ContainsKey(t.ItemId)))
            findings.Add(Unmatched(inventory.File, t.ItemId, $"item '{t.ItemId}' has an inventory row but no demand in {demand.File}; it is left out of the inventory check."));
        return new SupplyDataSet(demand, inventory, items, findings);
    }

    private static DataFinding Unmatched(string file, string item, string message) =>
        new(FindingSeverity.Warning, FindingKind.UnmatchedItem, file, null, null, null, item, message);
}
