using Zhizao.Core.Assets;
using Zhizao.Core.Storage;
using static Zhizao.Storage.Postgres.Tests.TestPlants;

namespace Zhizao.Storage.Postgres.Tests;

public sealed class PlantCatalogTests(PostgresServerFixture server) : PostgresStoreTest(server)
{
    private static readonly DateTimeOffset Monday = new(2026, 3, 2, 8, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public async Task Saving_a_new_plant_stores_it_with_its_signals()
    {
        var plant = Plant("shanghai", Site("sh1", Signal("temp"), Signal("pressure", "bar")));

        var record = await Store.Metadata.SavePlantAsync(plant, Monday, Ct);

        Assert.Equal(1, record.Plant.Revision);
        Assert.Equal(Monday, record.UpdatedAt);
        var stored = Assert.Single(await Store.Metadata.ListPlantsAsync(Ct));
        Assert.Equal("shanghai", stored.Plant.Id);
        Assert.Equal(plant.Name, stored.Plant.Name);
        Assert.Equal(Monday, stored.UpdatedAt);
        Assert.Equal(plant.AllSignals().Select(s => s.Path), stored.Plant.AllSignals().Select(s => s.Path));
        var signals = await Store.Metadata.ListSignalsAsync(Ct);
        Assert.Equal(["sh1/line1/press1/temp", "sh1/line1/press1/pressure"], signals.Select(s => s.Path.ToString()));
        Assert.All(signals, s => Assert.Equal("shanghai", s.PlantId));
        Assert.Equal(Signal("pressure", "bar"), signals[1].Definition);
        Assert.Equal(2, signals.Select(s => s.Id).Distinct().Count());
    }

    [Fact]
    public async Task Saving_a_plant_again_raises_its_revision_and_keeps_signal_ids()
    {
        await Store.Metadata.SavePlantAsync(Plant("suzhou", Site("sz1", Signal("temp"), Signal("speed", "rpm"))), Monday, Ct);
        var before = (await Store.Metadata.ListSignalsAsync(Ct)).ToDictionary(s => s.Path.ToString(), s => s.Id);

        // "speed" is dropped, "temp" changes unit, "current" is new.
        var edited = Plant("suzhou", Site("sz1", Signal("current", "A"), Signal("temp", "K")));
        var record = await Store.Metadata.SavePlantAsync(edited, Monday.AddHours(1), Ct);

        Assert.Equal(2, record.Plant.Revision);
        Assert.Equal(Monday.AddHours(1), record.UpdatedAt);
        var after = (await Store.Metadata.ListSignalsAsync(Ct)).ToDictionary(s => s.Path.ToString());
        Assert.Equal(before["sz1/line1/press1/temp"], after["sz1/line1/press1/temp"].Id);
        Assert.Equal("K", after["sz1/line1/press1/temp"].Definition.Unit);
        Assert.Equal(before["sz1/line1/press1/speed"], after["sz1/line1/press1/speed"].Id);
        Assert.DoesNotContain(after["sz1/line1/press1/current"].Id, before.Values);
        var stored = Assert.Single(await Store.Metadata.ListPlantsAsync(Ct));
        Assert.Equal(2, stored.Plant.Revision);
        Assert.Equal(["current", "temp"], stored.Plant.AllSignals().Select(s => s.Signal.Id));
    }

    [Fact]
    public async Task The_first_save_keeps_the_revision_of_the_file_and_later_saves_count_on_from_it()
    {
        var first = await Store.Metadata.SavePlantAsync(Plant("wuxi", revision: 5, Site("wx1", Signal("temp"))), Monday, Ct);
        var second = await Store.Metadata.SavePlantAsync(Plant("wuxi", revision: 1, Site("wx1", Signal("temp"))), Monday, Ct);

        Assert.Equal(5, first.Plant.Revision);
        Assert.Equal(6, second.Plant.Revision);
    }

    [Fact]
    public async Task A_plant_cannot_claim_a_site_of_another_plant()
    {
        await Store.Metadata.SavePlantAsync(Plant("north", Site("n1", Signal("temp"))), Monday, Ct);

        var error = await Assert.ThrowsAsync<PlantConflictException>(
            () => Store.Metadata.SavePlantAsync(Plant("south", Site("s1", Signal("temp")), Site("n1", Signal("flow", "m3/h"))), Monday, Ct));

        Assert.Contains("'n1'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'north'", error.Message, StringComparison.Ordinal);
        Assert.Equal(["north"], (await Store.Metadata.ListPlantsAsync(Ct)).Select(p => p.Plant.Id));
        Assert.Equal(["n1/line1/press1/temp"], (await Store.Metadata.ListSignalsAsync(Ct)).Select(s => s.Path.ToString()));
    }

    [Fact]
    public async Task A_site_released_by_its_plant_can_be_claimed_by_another()
    {
        await Store.Metadata.SavePlantAsync(Plant("east", Site("e1", Signal("temp")), Site("e2", Signal("temp"))), Monday, Ct);
        await Store.Metadata.SavePlantAsync(Plant("east", Site("e1", Signal("temp"))), Monday, Ct);

        var record = await Store.Metadata.SavePlantAsync(Plant("west", Site("e2", Signal("temp"))), Monday, Ct);

        Assert.Equal("west", record.Plant.Id);
        var moved = Assert.Single(await Store.Metadata.ListSignalsAsync(Ct), s => s.Path.Site == "e2");
        Assert.Equal("west", moved.PlantId);
    }

    [Fact]
    public async Task An_invalid_plant_is_refused_before_anything_is_stored()
    {
        var plant = Plant("bad", Site("b1", Signal("temp"))) with { SchemaVersion = 99 };

        await Assert.ThrowsAsync<PlantFileException>(() => Store.Metadata.SavePlantAsync(plant, Monday, Ct));

        Assert.Empty(await Store.Metadata.ListPlantsAsync(Ct));
    }
}
