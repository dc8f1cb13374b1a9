using Zhizao.Agents.Supply.Data;

namespace Zhizao.Agents.Supply.Tests.Data;

public sealed class InventoryFileTests
{
    [Fact]
    public async Task Required_columns_only_take_the_defaults()
    {
        var data = await Files.Inventory("Item,On Hand,Lead Time\nA,120,7\nB,0.5,0\n");

        var a = data.Items[0];
        Assert.Equal(("A", 120.0, 7), (a.ItemId, a.OnHand, a.LeadTimeDays));
        Assert.Null(a.ServiceLevel);
        Assert.Null(a.ReviewPeriodDays);
        Assert.Equal((0, 1, 0.0, 0m), (a.MinimumOrderQuantity, a.PackSize, a.OnOrder, a.UnitCost));
        Assert.Equal(0.5, data.Items[1].OnHand);
        Assert.Empty(data.Findings);
    }

    [Theory]
    [InlineData("0.95")]
    [InlineData("95")]
    [InlineData("95%")]
    public async Task Service_level_is_read_as_a_fraction_or_a_percentage(string text)
    {
        var data = await Files.Inventory($"item,on_hand,lead_time_days,service_level\nA,1,1,{text}\n");

        Assert.Equal(0.95, data.Items[0].ServiceLevel!.Value, 12);
    }

    [Fact]
    public async Task A_row_with_invalid_values_is_rejected_with_every_bad_field_reported()
    {
        var data = await Files.Inventory("item,on_hand,lead_time_days,service_level,pack_size,moq\nA,many,2.5,100%,0,-1\nB,5,3,,,\n");

        Assert.Equal("B", Assert.Single(data.Items).ItemId);
        Assert.Equal(5, data.Count(FindingKind.InvalidValue));
        Assert.Equal(
        [
            "inventory.csv: line 2, column on_hand: item 'A': 'many' is not a number; row rejected.",
            "inventory.csv: line 2, column lead_time_days: item 'A': '2.5' is not a whole number from 0 to 3,650; row rejected.",
            "inventory.csv: line 2, column service_level: item 'A': '100%' is not a service level from 50 % to below 100 % (write 0.95, 95 or 95%); row rejected.",
            "inventory.csv: line 2, column moq: item 'A': '-1' is not a whole number from 0 to 2,147,483,647; row rejected.",
            "inventory.csv: line 2, column pack_size: item 'A': '0' is not a whole number from 1 to 2,147,483,647; row rejected.",
        ], data.Findings.Select(f => f.ToString()));
    }

    [Fact]
    public async Task Missing_required_value_rejects_the_row()
    {
        var data = await Files.Inventory("item,on_hand,lead_time_days\nA,,3\nB,1,1\n");

        Assert.Equal("inventory.csv: line 2, column on_hand: item 'A': 'on_hand' is required; row rejected.", data.Findings.Of(FindingKind.InvalidValue)[0].ToString());
    }

    [Fact]
    public async Task Negative_stock_is_kept_as_backorders_and_flagged()
    {
        var data = await Files.Inventory("item,on_hand,lead_time_days\nA,-12,3\n");

        Assert.Equal(-12, Assert.Single(data.Items).OnHand);
        var finding = Assert.Single(data.Findings);
        Assert.Equal((FindingSeverity.Warning, FindingKind.NegativeOnHand), (finding.Severity, finding.Kind));
        Assert.Equal("item 'A': stock on hand is negative (-12); kept as backorders to serve first.", finding.Message);
    }

    [Fact]
    public async Task A_second_row_for_an_item_is_rejected()
    {
        var data = await Files.Inventory("item,on_hand,lead_time_days\nA,1,3\nA,2,3\n");

        Assert.Equal(1, Assert.Single(data.Items).OnHand);
        Assert.Equal("inventory.csv: line 3, column item: item 'A' was already given on line 2; row rejected.", Assert.Single(data.Findings).ToString());
    }

    [Fact]
    public async Task A_missing_required_column_refuses_the_file()
    {
        var e = await Assert.ThrowsAsync<SupplyFileException>(() => Files.Inventory("item,on_hand\nA,1\n"));

        Assert.Equal(FindingKind.MissingColumn, Assert.Single(e.Findings).Kind);
        Assert.StartsWith("missing column 'lead_time_days' (accepted names: lead_time_days, lead_time,", e.Findings[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_sample_files_join_into_three_items()
    {
        var demand = await DemandFile.ReadAsync(Files.Sample("demand.example.csv"));
        var inventory = await InventoryFile.ReadAsync(Files.Sample("inventory.example.csv"));

        var set = SupplyDataSet.Join(demand, inventory);

        Assert.Equal(["bearing-6204", "coolant", "bearing-7014"], set.Items.Select(i => i.Terms.ItemId));
        var coolant = set.Items[1].Terms;
        Assert.Equal((300.0, 10, 0.95, 40, 20, 200.0, 16.50m, 7, "L"), (coolant.OnHand, coolant.LeadTimeDays, coolant.ServiceLevel!.Value, coolant.MinimumOrderQuantity, coolant.PackSize, coolant.OnOrder, coolant.UnitCost, coolant.ReviewPeriodDays!.Value, coolant.Unit!));
        Assert.Equal(new DateTime(2026, 5, 3), coolant.OnOrderDue);
        Assert.Equal(0.98, set.Items[2].Terms.ServiceLevel!.Value, 12);
        // The intermittent spare has rows only on days with demand: its other days are filled, and said so.
        Assert.All(set.Findings.Where(f => f.Severity != FindingSeverity.Info), f => Assert.Equal(("bearing-7014", FindingSeverity.Warning), (f.ItemId, f.Severity)));
    }

    [Fact]
    public async Task Items_in_only_one_file_are_reported_when_joining()
    {
        var demand = await Files.Demand("item,date,quantity\nA,2026-01-01,1\nB,2026-01-01,1\n");
        var inventory = await Files.Inventory("item,on_hand,lead_time_days\nA,1,1\nC,1,1\n");

        var set = SupplyDataSet.Join(demand, inventory);

        Assert.Equal("A", Assert.Single(set.Items).Terms.ItemId);
        Assert.Equal(
        [
            "demand.csv: item 'B' has demand but no row in inventory.csv; it is left out of the inventory check.",
            "inventory.csv: item 'C' has an inventory row but no demand in demand.csv; it is left out of the inventory check.",
        ], set.Findings.Of(FindingKind.UnmatchedItem).Select(f => f.ToString()));
    }
}
