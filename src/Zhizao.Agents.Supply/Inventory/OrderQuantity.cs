namespace Zhizao.Agents.Supply.Inventory;

/// <summary>Order sizes the supplier accepts: whole packs, at least the minimum order quantity.</summary>
public static class OrderQuantity
{
    /// <summary>The smallest order accepted: the MOQ rounded up to whole packs (MOQ 25, pack 10 → 30).</summary>
    public static long Minimum(int minimumOrderQuantity, int packSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(minimumOrderQuantity);
        ArgumentOutOfRangeException.ThrowIfLessThan(packSize, 1);
        return CeilingPacks(minimumOrderQuantity, packSize) * packSize;
    }

    /// <summary>
    /// The order for a need: 0 when nothing is needed, else the need rounded up to whole packs and at least
    /// <see cref="Minimum"/> (need 31, pack 10 → 40).
    /// </summary>
    public static long ForNeed(double need, int packSize, int minimumOrderQuantity)
    {
        if (!double.IsFinite(need))
            throw new ArgumentOutOfRangeException(nameof(need), need, "The need must be a finite number.");
        var minimum = Minimum(minimumOrderQuantity, packSize);
        return need <= 0 ? 0 : Math.Max(CeilingPacks(need, packSize) * packSize, minimum);
    }

    /// <summary>Whole packs covering a quantity; a hair over a whole number of packs (rounding noise) does not add a pack.</summary>
    private static long CeilingPacks(double quantity, int packSize) => (long)Math.Ceiling((quantity / packSize) - 1e-9);
}
