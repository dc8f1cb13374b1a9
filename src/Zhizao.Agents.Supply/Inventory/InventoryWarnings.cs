using System.Globalization;
using Zhizao.Agents.Supply.Data;
using Zhizao.Core.Assets;
using static System.FormattableString;

namespace Zhizao.Agents.Supply.Inventory;

/// <summary>The figures the warnings and the suggestion's reason are written from.</summary>
internal sealed record InventoryFacts(
    ItemTerms Terms,
    DateTime AsOf,
    double ServiceLevel,
    int ReviewPeriodDays,
    double SafetyStock,
    double ReorderPoint,
    double OrderUpTo,
    double Position,
    DateTime? StockOutDate,
    bool StockOutWithinLeadTime,
    bool BelowReorderPointNow,
    DateTime? ReorderDate,
    double? DaysOfCover,
    bool HasDemand);

/// <summary>
/// Inventory warnings (库存预警) in English and Chinese. At most one shortage warning — the most severe of critical
/// (stock-out within the lead time), high (below the reorder point now) and medium (below it within the larger of the
/// review period and the warning horizon) — plus overstock as info.
/// </summary>
internal static class InventoryWarnings
{
    public static List<InventoryWarning> For(InventoryFacts f, InventoryOptions options)
    {
        var warnings = new List<InventoryWarning>();
        var name = Name(f.Terms);
        if (f.StockOutWithinLeadTime && f.StockOutDate is { } stockOut)
        {
            var days = Days(f.AsOf, stockOut);
            warnings.Add(new(WarningSeverity.Critical, WarningKind.StockOutWithinLeadTime, new LocalizedText(
                Invariant($"{name.En}: stock-out expected on {Date(stockOut)} (in {days} days), before an order placed today could arrive (lead time {f.Terms.LeadTimeDays} days). Expedite the open order or find another source."),
                Invariant($"{name.Zh}：预计 {Date(stockOut)}（{days} 天后）缺货，早于今天下单的到货时间（交货期 {f.Terms.LeadTimeDays} 天）。请催交在途订单或寻找其他货源。"))));
        }
        else if (f.BelowReorderPointNow)
        {
            warnings.Add(new(WarningSeverity.High, WarningKind.BelowReorderPoint, new LocalizedText(
                $"{name.En}: the inventory position (on hand + on order) of {Quantity(f.Position, f.Terms)} is below the reorder point of {Quantity(f.ReorderPoint, f.Terms)}. Order now.",
                $"{name.Zh}：库存头寸（现有库存 + 在途）{Quantity(f.Position, f.Terms)} 低于再订货点 {Quantity(f.ReorderPoint, f.Terms)}。请立即下单。")));
        }
        else if (f.ReorderDate is { } reorder && Days(f.AsOf, reorder) < Math.Max(f.ReviewPeriodDays, options.WarningHorizonDays))
        {
            var days = Days(f.AsOf, reorder);
            warnings.Add(new(WarningSeverity.Medium, WarningKind.ReorderPointSoon, new LocalizedText(
                Invariant($"{name.En}: the inventory position will fall below the reorder point of {Quantity(f.ReorderPoint, f.Terms)} on {Date(reorder)} (in {days} days). Plan the order."),
                Invariant($"{name.Zh}：库存头寸预计于 {Date(reorder)}（{days} 天后）低于再订货点 {Quantity(f.ReorderPoint, f.Terms)}。请安排订货。"))));
        }
        if (!f.HasDemand && f.Position > 0)
            warnings.Add(new(WarningSeverity.Info, WarningKind.Overstock, new LocalizedText(
                $"{name.En}: no demand is forecast, yet {Quantity(f.Position, f.Terms)} are held or on order (idle stock).",
                $"{name.Zh}：预测无需求，但库存及在途共 {Quantity(f.Position, f.Terms)}（呆滞库存）。")));
        else if (f.DaysOfCover is { } cover && cover > options.OverstockDays)
            warnings.Add(new(WarningSeverity.Info, WarningKind.Overstock, new LocalizedText(
                Invariant($"{name.En}: the inventory position covers {cover:0} days of forecast demand (more than {options.OverstockDays:0}). Consider postponing orders."),
                Invariant($"{name.Zh}：库存头寸可覆盖 {cover:0} 天的预测需求（超过 {options.OverstockDays:0} 天）。可考虑推迟订货。"))));
        return warnings;
    }

    /// <summary>Why the suggested quantity: the need, the rounding to packs and the MOQ.</summary>
    public static LocalizedText Reason(InventoryFacts f, long quantity, double need, double positionThen, DateTime orderBy)
    {
        var t = f.Terms;
        var packs = quantity / t.PackSize;
        var moqBinds = quantity == OrderQuantity.Minimum(t.MinimumOrderQuantity, t.PackSize) && t.MinimumOrderQuantity > 0
            && OrderQuantity.ForNeed(need, t.PackSize, 0) < quantity;
        var en = Invariant($"Order {Quantity(quantity, t)} ({packs} pack(s) of {t.PackSize}) by {Date(orderBy)} to raise the inventory position from {Quantity(positionThen, t)} to the order-up-to level of {Quantity(f.OrderUpTo, t)} (reorder point {Quantity(f.ReorderPoint, t)} incl. safety stock {Quantity(f.SafetyStock, t)} at {100 * f.ServiceLevel:0.#} % service, plus {f.ReviewPeriodDays} days of demand); need {Quantity(need, t)}, rounded up to whole packs");
        var zh = Invariant($"请于 {Date(orderBy)} 前订购 {Quantity(quantity, t)}（{packs} 包，每包 {t.PackSize}），将库存头寸从 {Quantity(positionThen, t)} 补至目标库存 {Quantity(f.OrderUpTo, t)}（再订货点 {Quantity(f.ReorderPoint, t)}，含 {100 * f.ServiceLevel:0.#}% 服务水平的安全库存 {Quantity(f.SafetyStock, t)}，另加 {f.ReviewPeriodDays} 天需求）；需求量 {Quantity(need, t)}，按整包向上取整");
        return moqBinds
            ? new LocalizedText(en + Invariant($", then raised to the minimum order quantity of {t.MinimumOrderQuantity} in whole packs."), zh + Invariant($"，并提高到整包的最小起订量 {t.MinimumOrderQuantity}。"))
            : new LocalizedText(en + ".", zh + "。");
    }

    private static LocalizedText Name(ItemTerms terms) =>
        terms.Name is { } n ? new LocalizedText(n.En, n.Zh.Length > 0 ? n.Zh : n.En) : new LocalizedText(terms.ItemId, terms.ItemId);

    private static string Quantity(double value, ItemTerms terms) =>
        value.ToString("#,0.##", CultureInfo.InvariantCulture) + (terms.Unit is { Length: > 0 } unit ? " " + unit : "");

    private static string Date(DateTime time) => Timestamps.Format(time);

    private static int Days(DateTime from, DateTime to) => (int)Math.Round((to - from).TotalDays);
}
