using System.Text.Json.Serialization;
using Zhizao.Core.Assets;

namespace Zhizao.Simulation.Supply;

/// <summary>The shape of an item's demand, known to the generator: ground truth for forecasting agents.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<DemandPattern>))]
public enum DemandPattern
{
    /// <summary>Steady demand with a mild weekly pattern.</summary>
    Smooth,
    /// <summary>A strong weekly pattern (quiet weekends).</summary>
    Seasonal,
    /// <summary>A clear upward trend plus the weekly pattern.</summary>
    Trending,
    /// <summary>Most days zero, occasional orders (spares, consumables).</summary>
    Intermittent,
}

/// <summary>One day of demand.</summary>
public sealed record DemandDay(DateOnly Date, int Quantity);

/// <summary>
/// A purchased item with its demand history and replenishment terms: stock on hand, supplier lead time,
/// minimum order quantity (a multiple of the pack size) and pack size.
/// </summary>
public sealed record SupplyItem(
    string Id,
    LocalizedText Name,
    string Unit,
    DemandPattern Pattern,
    IReadOnlyList<DemandDay> History,
    int OnHand,
    int LeadTimeDays,
    int MinimumOrderQuantity,
    int PackSize,
    decimal UnitCost);
