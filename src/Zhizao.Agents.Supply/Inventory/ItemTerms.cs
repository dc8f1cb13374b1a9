using Zhizao.Core.Assets;

namespace Zhizao.Agents.Supply.Inventory;

/// <summary>
/// An item's stock and replenishment terms. Quantities are in the item's unit; the stock figures are those at the start
/// of the first forecast period.
/// </summary>
/// <param name="ItemId">The item id, as in the demand data.</param>
/// <param name="OnHand">Stock on hand; negative means backorders to serve first.</param>
/// <param name="LeadTimeDays">Days from placing an order to having the goods (≥ 0).</param>
/// <param name="ServiceLevel">Cycle service level (probability of no stock-out per replenishment cycle), in (0.5, 1); null: the options' default.</param>
/// <param name="MinimumOrderQuantity">Minimum order quantity (0: none); orders are at least this, rounded up to whole packs.</param>
/// <param name="PackSize">Orders are whole multiples of this (≥ 1).</param>
/// <param name="OnOrder">Quantity ordered and not yet received (≥ 0).</param>
/// <param name="OnOrderDue">When the open order arrives; null: assumed after the full lead time (the latest it could, if placed now).</param>
/// <param name="UnitCost">Cost per unit, for the order's expected cost.</param>
/// <param name="ReviewPeriodDays">Days between order decisions (0: continuous review); null: the options' default.</param>
/// <param name="Name">The item's name in English and Chinese, for messages; null: the id.</param>
/// <param name="Unit">The unit (pcs, kg, m…), for messages; null: none.</param>
public sealed record ItemTerms(
    string ItemId,
    double OnHand,
    int LeadTimeDays,
    double? ServiceLevel = null,
    int MinimumOrderQuantity = 0,
    int PackSize = 1,
    double OnOrder = 0,
    DateTime? OnOrderDue = null,
    decimal UnitCost = 0,
    int? ReviewPeriodDays = null,
    LocalizedText? Name = null,
    string? Unit = null)
{
    /// <summary>On hand plus on order: what the reorder rule compares with the reorder point.</summary>
    public double InventoryPosition => OnHand + OnOrder;
}
