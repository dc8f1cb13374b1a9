using Zhizao.Agents.Supply.Inventory;

namespace Zhizao.Agents.Supply.Tests.Inventory;

public sealed class ReorderTests
{
    [Theory]
    [InlineData(25, 10, 30)]
    [InlineData(30, 10, 30)]
    [InlineData(0, 10, 0)]
    [InlineData(7, 1, 7)]
    public void The_minimum_order_is_the_moq_rounded_up_to_whole_packs(int moq, int pack, long expected) =>
        Assert.Equal(expected, OrderQuantity.Minimum(moq, pack));

    [Theory]
    [InlineData(31, 10, 0, 40)]            // rounded up to whole packs
    [InlineData(40, 10, 0, 40)]            // already whole packs
    [InlineData(40.0000000001, 10, 0, 40)] // rounding noise does not add a pack
    [InlineData(5, 10, 25, 30)]            // at least the MOQ in whole packs
    [InlineData(31, 10, 25, 40)]           // the need beats the MOQ
    [InlineData(0, 10, 25, 0)]             // nothing needed, nothing ordered
    [InlineData(-3, 10, 25, 0)]
    public void An_order_is_the_need_rounded_up_to_packs_and_at_least_the_minimum(double need, int pack, int moq, long expected) =>
        Assert.Equal(expected, OrderQuantity.ForNeed(need, pack, moq));

    [Fact]
    public void Below_the_reorder_point_the_suggestion_is_to_order_now_up_to_the_order_up_to_level()
    {
        // Reorder point 40 (10 a day, lead time 4, no uncertainty); 30 on hand: need 10, pack 10, MOQ 25 → 30.
        var result = Cases.Certain(Cases.Terms(30) with { PackSize = 10, MinimumOrderQuantity = 25, UnitCost = 2.5m, Unit = "pcs" });

        var suggestion = result.Suggestion!;
        Assert.Equal((30L, 3L, 10.0, 75m), (suggestion.Quantity, suggestion.Packs, suggestion.Need, suggestion.ExpectedCost));
        Assert.Equal((Cases.AsOf, Cases.AsOf.AddDays(4)), (suggestion.OrderBy, suggestion.ExpectedArrival));
        Assert.Equal("Order 30 pcs (3 pack(s) of 10) by 2026-05-01 to raise the inventory position from 30 pcs to the order-up-to level of 40 pcs (reorder point 40 pcs incl. safety stock 0 pcs at 95 % service, plus 0 days of demand); need 10 pcs, rounded up to whole packs, then raised to the minimum order quantity of 25 in whole packs.", suggestion.Reason.En);
        Assert.StartsWith("请于 2026-05-01 前订购 30 pcs（3 包，每包 10）", suggestion.Reason.Zh, StringComparison.Ordinal);
    }

    [Fact]
    public void A_need_of_31_in_packs_of_10_orders_40()
    {
        var result = Cases.Certain(Cases.Terms(9) with { PackSize = 10 });

        Assert.Equal((31.0, 40L), (result.Suggestion!.Need, result.Suggestion.Quantity));
        Assert.EndsWith("rounded up to whole packs.", result.Suggestion.Reason.En, StringComparison.Ordinal);
    }

    [Fact]
    public void Above_the_reorder_point_the_order_is_due_when_the_position_crosses_it()
    {
        // 100 on hand, reorder point 40, review 0: the position is 40 at the end of day index 5, 30 (< 40) on index 6.
        var result = Cases.Certain(Cases.Terms(100) with { PackSize = 5 });

        var suggestion = result.Suggestion!;
        Assert.Equal(new DateTime(2026, 5, 7), suggestion.OrderBy);
        Assert.Equal((10.0, 10L), (suggestion.Need, suggestion.Quantity));
        Assert.Equal(new DateTime(2026, 5, 11), suggestion.ExpectedArrival);
    }

    [Fact]
    public void No_suggestion_when_the_position_stays_above_the_reorder_point_over_the_forecast()
    {
        var result = Cases.Certain(Cases.Terms(1_000), horizon: 10);

        Assert.Null(result.ReorderDate);
        Assert.Null(result.Suggestion);
    }
}
