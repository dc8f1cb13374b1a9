using System.Text.Json.Serialization;
using Zhizao.Agents.Supply.Data;
using Zhizao.Core.Assets;
using Zhizao.Forecasting;

namespace Zhizao.Agents.Supply.Inventory;

/// <summary>What the inventory check needs for one item.</summary>
/// <param name="Terms">Stock and replenishment terms.</param>
/// <param name="History">The demand history; the forecast starts at its <see cref="DemandSeries.ForecastStart"/>, which is also "now".</param>
/// <param name="Forecast">Point forecasts (one per period of the history's step) and intervals, covering at least the protection period.</param>
/// <param name="BacktestSigma">
/// Optional σ of demand over the protection period measured by a rolling-origin back-test (the standard deviation of the
/// summed forecast errors); when given it replaces the σ derived from the interval widths (not for intermittent items,
/// which use the empirical quantile).
/// </param>
public sealed record InventoryRequest(ItemTerms Terms, DemandSeries History, Forecast Forecast, double? BacktestSigma = null);

/// <summary>One period of the projection (end-of-period figures).</summary>
/// <param name="Start">Start of the period.</param>
/// <param name="Demand">The point forecast (negative forecasts count as zero).</param>
/// <param name="Receipts">Open orders arriving in the period.</param>
/// <param name="Stock">Physical stock at the end of the period; negative is a shortage.</param>
/// <param name="Position">Inventory position at the end of the period: stock plus open orders not yet received.</param>
public sealed record StockPeriod(DateTime Start, double Demand, double Receipts, double Stock, double Position);

/// <summary>How urgent an inventory warning (库存预警) is.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<WarningSeverity>))]
public enum WarningSeverity
{
    /// <summary>For information: overstock.</summary>
    Info,
    /// <summary>The inventory position will fall below the reorder point soon.</summary>
    Medium,
    /// <summary>The inventory position is below the reorder point now: order.</summary>
    High,
    /// <summary>A stock-out is expected within the lead time: an order placed now cannot arrive in time.</summary>
    Critical,
}

/// <summary>What an inventory warning is about.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<WarningKind>))]
public enum WarningKind
{
    /// <summary>Stock-out expected before an order placed now could arrive.</summary>
    StockOutWithinLeadTime,
    /// <summary>Inventory position below the reorder point now.</summary>
    BelowReorderPoint,
    /// <summary>Inventory position will cross the reorder point within the warning window.</summary>
    ReorderPointSoon,
    /// <summary>Stock covers more days of demand than the overstock bound, or there is stock and no demand.</summary>
    Overstock,
}

/// <summary>An inventory warning with its message in English and Chinese.</summary>
public sealed record InventoryWarning(WarningSeverity Severity, WarningKind Kind, LocalizedText Message);

/// <summary>A suggested purchase order.</summary>
/// <param name="Quantity">Units to order: whole packs, at least the MOQ.</param>
/// <param name="Packs">Quantity / pack size.</param>
/// <param name="OrderBy">Place the order by this date (now when already below the reorder point).</param>
/// <param name="ExpectedArrival">Order-by date plus the lead time.</param>
/// <param name="Need">Units needed to bring the inventory position up to the order-up-to level, before rounding.</param>
/// <param name="ExpectedCost">Quantity × unit cost.</param>
/// <param name="Reason">Why this quantity, in English and Chinese.</param>
public sealed record ReorderSuggestion(long Quantity, long Packs, DateTime OrderBy, DateTime ExpectedArrival, double Need, decimal ExpectedCost, LocalizedText Reason);

/// <summary>The inventory check of one item: policy figures, projection, warnings and a reorder suggestion.</summary>
/// <param name="ItemId">The item.</param>
/// <param name="AsOf">"Now": the start of the first forecast period.</param>
/// <param name="Step">The period length of the forecast.</param>
/// <param name="ServiceLevel">The cycle service level used.</param>
/// <param name="LeadTimeDays">Lead time.</param>
/// <param name="ReviewPeriodDays">Review period used.</param>
/// <param name="LeadTimeDemand">Demand over the protection period (lead time + review period).</param>
/// <param name="SafetyStock">Quantile − mean of protection-period demand (z·σ for the normal model); ≥ 0.</param>
/// <param name="ReorderPoint">Mean protection-period demand + safety stock.</param>
/// <param name="OrderUpToLevel">Reorder point + expected demand over one review period.</param>
/// <param name="InventoryPosition">On hand + on order, now.</param>
/// <param name="Projection">Projected stock and position per forecast period.</param>
/// <param name="StockOutDate">The first period whose projected stock is negative, or null.</param>
/// <param name="ReorderDate">When the inventory position falls below the reorder point (now when it already is), or null.</param>
/// <param name="LatestOrderDate">Stock-out date minus the lead time: the last day an order arrives in time (may be past), or null.</param>
/// <param name="DaysOfCover">Inventory position / average daily forecast demand; null when no demand is forecast.</param>
/// <param name="Warnings">Warnings, most severe first (at most one shortage warning, and possibly overstock).</param>
/// <param name="Suggestion">The order to place, or null when none is due within the forecast.</param>
/// <param name="Notes">Choices the calculation made that a reader should know (intermittent model, clamped forecasts…).</param>
public sealed record InventoryAssessment(
    string ItemId,
    DateTime AsOf,
    TimeSpan Step,
    double ServiceLevel,
    int LeadTimeDays,
    int ReviewPeriodDays,
    LeadTimeDemand LeadTimeDemand,
    double SafetyStock,
    double ReorderPoint,
    double OrderUpToLevel,
    double InventoryPosition,
    IReadOnlyList<StockPeriod> Projection,
    DateTime? StockOutDate,
    DateTime? ReorderDate,
    DateTime? LatestOrderDate,
    double? DaysOfCover,
    IReadOnlyList<InventoryWarning> Warnings,
    ReorderSuggestion? Suggestion,
    IReadOnlyList<string> Notes)
{
    /// <summary>The most severe warning's severity, or null when there is none.</summary>
    public WarningSeverity? Severity => Warnings.Count == 0 ? null : Warnings.Max(w => w.Severity);
}
