using Zhizao.Core.Points;
using Zhizao.Core.Storage;

namespace Zhizao.Storage.DuckDb.Tests;

public sealed class DurabilityTests : DuckDbStoreTest
{
    [Fact]
    public async Task Points_plants_and_keys_survive_closing_and_reopening_the_file()
    {
        var now = new DateTimeOffset(2026, 11, 25, 8, 0, 0, TimeSpan.Zero);
        var saved = await Store.Metadata.SavePlantAsync(TestPlants.Plant("p1", TestPlants.Site("s1", TestPlants.Signal("temp"), TestPlants.Signal("speed", "rpm"))), now, Ct);
        var signals = await Store.Metadata.ListSignalsAsync(Ct);
        var key = new ApiKeyRecord("k1", "ops", "admin", [1, 2, 3, 4], [9, 8], now, null);
        await Store.Metadata.AddApiKeyAsync(key, Ct);
        var compacted = Enumerable.Range(0, CompactionThreshold).Select(i => new DataPoint(signals[0].Id, i, i)).ToList();
        List<DataPoint> hot = [new(signals[1].Id, 5, 1.5), new(signals[1].Id, 6, 2.5)];
        await Store.Points.WriteAsync(compacted, Ct);
        await Store.Points.WriteAsync(hot, Ct);

        await ReopenAsync();

        Assert.Equal(CompactionThreshold + 2, await Store.Points.CountAsync(Ct));
        Assert.Equal(hot, (await Store.Points.ReadRawAsync(signals[1].Id, 0, 100, 10, null, Ct)).Points);
        Assert.Equal(new LatestValue(signals[0].Id, CompactionThreshold - 1, CompactionThreshold - 1), Assert.Single(await Store.Points.ReadLatestAsync([signals[0].Id], Ct)));
        var plant = Assert.Single(await Store.Metadata.ListPlantsAsync(Ct));
        Assert.Equal(PlantFileJson(saved.Plant), PlantFileJson(plant.Plant));
        Assert.Equal(now, plant.UpdatedAt);
        Assert.Equal(signals, await Store.Metadata.ListSignalsAsync(Ct));
        var storedKey = Assert.Single(await Store.Metadata.ListApiKeysAsync(Ct));
        Assert.Equal(key.SecretHash, storedKey.SecretHash);
        Assert.Equal(key.Salt, storedKey.Salt);
        Assert.Equal(key with { SecretHash = [], Salt = [] }, storedKey with { SecretHash = [], Salt = [] });
    }

    [Fact]
    public async Task Duplicates_are_still_detected_after_reopening()
    {
        List<DataPoint> points = [new(1, 10, 1), new(1, 20, 2)];
        await Store.Points.WriteAsync(points, Ct);

        await ReopenAsync();

        Assert.Equal(new WriteResult(1, 2), await Store.Points.WriteAsync([.. points, new(1, 30, 3)], Ct));
    }

    [Fact]
    public async Task Compaction_threshold_counts_hot_rows_left_from_before_a_restart()
    {
        await Store.Points.WriteAsync([.. Enumerable.Range(0, CompactionThreshold - 10).Select(i => new DataPoint(1, i, i))], Ct);
        await ReopenAsync();

        await Store.Points.WriteAsync([.. Enumerable.Range(0, 10).Select(i => new DataPoint(2, i, i))], Ct);

        Assert.Equal(0, await CountRowsAsync("points_hot"));
        Assert.Equal(CompactionThreshold, await CountRowsAsync("points"));
    }

    [Fact]
    public async Task Ids_of_new_signals_continue_after_reopening()
    {
        await Store.Metadata.SavePlantAsync(TestPlants.Plant("p1", TestPlants.Site("s1", TestPlants.Signal("a"))), DateTimeOffset.UnixEpoch, Ct);
        await ReopenAsync();

        await Store.Metadata.SavePlantAsync(TestPlants.Plant("p1", TestPlants.Site("s1", TestPlants.Signal("a"), TestPlants.Signal("b"))), DateTimeOffset.UnixEpoch, Ct);

        var ids = (await Store.Metadata.ListSignalsAsync(Ct)).Select(s => s.Id).ToList();
        Assert.Equal(2, ids.Distinct().Count());
    }

    private static string PlantFileJson(Core.Assets.PlantModel plant) => Core.Assets.PlantFile.ToJson(plant);
}
