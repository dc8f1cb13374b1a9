using Zhizao.Core.Assets;
using Zhizao.Core.Points;
using Zhizao.Core.Storage;

namespace Zhizao.Storage.DuckDb.Tests;

public sealed class MetadataStoreTests : DuckDbStoreTest
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task SavePlant_stores_a_new_plant_at_revision_one_with_its_signals()
    {
        var record = await Store.Metadata.SavePlantAsync(TestPlants.Plant("p1", TestPlants.Site("s1", TestPlants.Signal("temp"), TestPlants.Signal("run", "1", SignalDataType.Bool))), Now, Ct);

        Assert.Equal(1, record.Plant.Revision);
        Assert.Equal(Now, record.UpdatedAt);
        var signals = await Store.Metadata.ListSignalsAsync(Ct);
        Assert.Equal(["s1/line1/press1/temp", "s1/line1/press1/run"], signals.Select(s => s.Path.ToString()));
        Assert.All(signals, s => Assert.Equal("p1", s.PlantId));
        Assert.Equal(2, signals.Select(s => s.Id).Distinct().Count());
        Assert.Equal(new NormalRange(0, 100), signals[0].Definition.Normal);
        Assert.Equal(SignalDataType.Bool, signals[1].Definition.DataType);
        Assert.Equal("temp 传感器", signals[0].Definition.Description.Zh);
    }

    [Fact]
    public async Task SavePlant_again_increments_the_revision_and_keeps_signal_ids()
    {
        await Store.Metadata.SavePlantAsync(TestPlants.Plant("p1", TestPlants.Site("s1", TestPlants.Signal("temp"), TestPlants.Signal("speed", "rpm"))), Now, Ct);
        var before = (await Store.Metadata.ListSignalsAsync(Ct)).ToDictionary(s => s.Path.ToString(), s => s.Id);

        var changed = TestPlants.Plant("p1", TestPlants.Site("s1", TestPlants.Signal("new"), TestPlants.Signal("temp", "K"), TestPlants.Signal("speed", "rpm")));
        var record = await Store.Metadata.SavePlantAsync(changed, Now.AddHours(1), Ct);
        var third = await Store.Metadata.SavePlantAsync(changed, Now.AddHours(2), Ct);

        Assert.Equal(2, record.Plant.Revision);
        Assert.Equal(3, third.Plant.Revision);
        var after = (await Store.Metadata.ListSignalsAsync(Ct)).ToDictionary(s => s.Path.ToString());
        Assert.Equal(before["s1/line1/press1/temp"], after["s1/line1/press1/temp"].Id);
        Assert.Equal(before["s1/line1/press1/speed"], after["s1/line1/press1/speed"].Id);
        Assert.DoesNotContain(after["s1/line1/press1/new"].Id, before.Values);
        Assert.Equal("K", after["s1/line1/press1/temp"].Definition.Unit);
        var plant = Assert.Single(await Store.Metadata.ListPlantsAsync(Ct));
        Assert.Equal(3, plant.Plant.Revision);
        Assert.Equal(Now.AddHours(2), plant.UpdatedAt);
    }

    [Fact]
    public async Task SavePlant_refuses_a_site_owned_by_another_plant_and_changes_nothing()
    {
        await Store.Metadata.SavePlantAsync(TestPlants.Plant("p1", TestPlants.Site("s1", TestPlants.Signal("temp"))), Now, Ct);

        var e = await Assert.ThrowsAsync<PlantConflictException>(() =>
            Store.Metadata.SavePlantAsync(TestPlants.Plant("p2", TestPlants.Site("s2", TestPlants.Signal("a")), TestPlants.Site("s1", TestPlants.Signal("b"))), Now, Ct));

        Assert.Contains("'s1'", e.Message, StringComparison.Ordinal);
        Assert.Contains("'p1'", e.Message, StringComparison.Ordinal);
        Assert.Equal("p1", Assert.Single(await Store.Metadata.ListPlantsAsync(Ct)).Plant.Id);
        Assert.Equal(["s1/line1/press1/temp"], (await Store.Metadata.ListSignalsAsync(Ct)).Select(s => s.Path.ToString()));
    }

    [Fact]
    public async Task SavePlant_keeps_two_plants_with_distinct_sites()
    {
        await Store.Metadata.SavePlantAsync(TestPlants.Plant("p1", TestPlants.Site("s1", TestPlants.Signal("temp"))), Now, Ct);
        await Store.Metadata.SavePlantAsync(TestPlants.Plant("p2", TestPlants.Site("s2", TestPlants.Signal("temp"))), Now, Ct);

        Assert.Equal(["p1", "p2"], (await Store.Metadata.ListPlantsAsync(Ct)).Select(p => p.Plant.Id));
        Assert.Equal(["p1", "p2"], (await Store.Metadata.ListSignalsAsync(Ct)).Select(s => s.PlantId));
    }

    [Fact]
    public async Task Quarantine_lists_newest_first_and_filters_by_reason_and_source()
    {
        await Store.Metadata.AddQuarantineAsync(
        [
            new RejectedPoint(Now, "mqtt:a", RejectReason.UnknownSignal, "unknown", "x/y/z/w", "2026-11-25T08:00:00Z", "1"),
            new RejectedPoint(Now, "http:b", RejectReason.WrongType, "text", "s/l/m/t", null, "abc"),
            new RejectedPoint(Now.AddSeconds(1), "mqtt:a", RejectReason.WrongType, "bool", "s/l/m/t", null, "true"),
        ], Ct);

        var all = await Store.Metadata.ListQuarantineAsync(new QuarantineQuery(), Ct);
        var wrongType = await Store.Metadata.ListQuarantineAsync(new QuarantineQuery(Reason: RejectReason.WrongType), Ct);
        var fromA = await Store.Metadata.ListQuarantineAsync(new QuarantineQuery(Source: "mqtt:a"), Ct);
        var both = await Store.Metadata.ListQuarantineAsync(new QuarantineQuery(Reason: RejectReason.WrongType, Source: "mqtt:a"), Ct);

        Assert.Equal(["bool", "text", "unknown"], all.Select(e => e.Point.Message));
        Assert.True(all[0].Id > all[1].Id && all[1].Id > all[2].Id);
        Assert.Equal(new RejectedPoint(Now, "mqtt:a", RejectReason.UnknownSignal, "unknown", "x/y/z/w", "2026-11-25T08:00:00Z", "1"), all[2].Point);
        Assert.Null(all[1].Point.Timestamp);
        Assert.Equal(["bool", "text"], wrongType.Select(e => e.Point.Message));
        Assert.Equal(["bool", "unknown"], fromA.Select(e => e.Point.Message));
        Assert.Equal(["bool"], both.Select(e => e.Point.Message));
    }

    [Fact]
    public async Task Quarantine_pages_with_before_id_and_limit()
    {
        await Store.Metadata.AddQuarantineAsync([.. Enumerable.Range(0, 25).Select(i => new RejectedPoint(Now, "s", RejectReason.Malformed, $"m{i}"))], Ct);

        var seen = new List<string>();
        long? before = null;
        while (true)
        {
            var page = await Store.Metadata.ListQuarantineAsync(new QuarantineQuery(Limit: 10, BeforeId: before), Ct);
            if (page.Count == 0)
                break;
            seen.AddRange(page.Select(e => e.Point.Message));
            before = page[^1].Id;
        }

        Assert.Equal(Enumerable.Range(0, 25).Reverse().Select(i => $"m{i}"), seen);
    }

    [Fact]
    public async Task Quarantine_bounds_long_fields()
    {
        var huge = new string('v', 100_000);
        await Store.Metadata.AddQuarantineAsync([new RejectedPoint(Now, "s", RejectReason.Malformed, huge, huge, huge, huge)], Ct);

        var entry = Assert.Single(await Store.Metadata.ListQuarantineAsync(new QuarantineQuery(), Ct));

        Assert.Equal(RejectedPoint.MaxFieldLength + 1, entry.Point.Message.Length);
        Assert.Equal(RejectedPoint.MaxFieldLength + 1, entry.Point.Value!.Length);
    }

    [Fact]
    public async Task Quarantine_counts_per_reason()
    {
        await Store.Metadata.AddQuarantineAsync(
        [
            new RejectedPoint(Now, "s", RejectReason.NotFinite, "a"),
            new RejectedPoint(Now, "s", RejectReason.NotFinite, "b"),
            new RejectedPoint(Now, "s", RejectReason.Oversize, "c"),
        ], Ct);
        await Store.Metadata.AddQuarantineAsync([], Ct);

        var counts = await Store.Metadata.CountQuarantineAsync(Ct);

        Assert.Equal(new Dictionary<RejectReason, long> { [RejectReason.NotFinite] = 2, [RejectReason.Oversize] = 1 }, counts);
    }

    [Fact]
    public async Task Api_keys_are_listed_and_revoked_once()
    {
        var k1 = new ApiKeyRecord("k1", "ingest", "writer", [1, 2, 3], [4, 5], Now, null);
        var k2 = new ApiKeyRecord("k2", "admin", "admin", [6], [7], Now.AddMinutes(1), null);
        await Store.Metadata.AddApiKeyAsync(k1, Ct);
        await Store.Metadata.AddApiKeyAsync(k2, Ct);

        Assert.True(await Store.Metadata.RevokeApiKeyAsync("k1", Now.AddHours(1), Ct));
        Assert.False(await Store.Metadata.RevokeApiKeyAsync("k1", Now.AddHours(2), Ct));
        Assert.False(await Store.Metadata.RevokeApiKeyAsync("nope", Now, Ct));

        var keys = await Store.Metadata.ListApiKeysAsync(Ct);
        Assert.Equal(["k1", "k2"], keys.Select(k => k.Id));
        Assert.Equal(Now.AddHours(1), keys[0].RevokedAt);
        Assert.Null(keys[1].RevokedAt);
        Assert.Equal(k1.SecretHash, keys[0].SecretHash);
        Assert.Equal(k1.Salt, keys[0].Salt);
        Assert.Equal(("admin", "admin", Now.AddMinutes(1)), (keys[1].Name, keys[1].Role, keys[1].CreatedAt));
    }

    [Fact]
    public async Task Api_key_ids_are_unique()
    {
        var key = new ApiKeyRecord("k1", "a", "reader", [1], [2], Now, null);
        await Store.Metadata.AddApiKeyAsync(key, Ct);

        await Assert.ThrowsAnyAsync<Exception>(() => Store.Metadata.AddApiKeyAsync(key with { Name = "b" }, Ct));

        Assert.Equal("a", Assert.Single(await Store.Metadata.ListApiKeysAsync(Ct)).Name);
    }

    [Fact]
    public async Task Alarms_are_raised_cleared_acknowledged_and_listed()
    {
        var a = await Store.Metadata.RaiseAlarmAsync(Alarm("s/l/m/a", 1), Ct);
        var b = await Store.Metadata.RaiseAlarmAsync(Alarm("s/l/m/b", 2), Ct);
        Assert.NotEqual(a.Id, b.Id);

        await Store.Metadata.ClearAlarmAsync(a.Id, Now.AddMinutes(5), Ct);
        await Store.Metadata.ClearAlarmAsync(a.Id, Now.AddMinutes(9), Ct);
        Assert.True(await Store.Metadata.AcknowledgeAlarmAsync(b.Id, Now.AddMinutes(1), Ct));
        Assert.False(await Store.Metadata.AcknowledgeAlarmAsync(b.Id, Now.AddMinutes(2), Ct));
        Assert.False(await Store.Metadata.AcknowledgeAlarmAsync(999, Now, Ct));

        var active = await Store.Metadata.ListAlarmsAsync(activeOnly: true, 100, Ct);
        var all = await Store.Metadata.ListAlarmsAsync(activeOnly: false, 100, Ct);
        Assert.Equal(b with { AcknowledgedAt = Now.AddMinutes(1) }, Assert.Single(active));
        Assert.Equal([b.Id, a.Id], all.Select(x => x.Id));
        Assert.Equal(a with { ClearedAt = Now.AddMinutes(5) }, all[1]);
    }

    [Fact]
    public async Task Alarm_list_honours_the_limit()
    {
        for (var i = 0; i < 5; i++)
            await Store.Metadata.RaiseAlarmAsync(Alarm($"s/l/m/x{i}", i), Ct);

        var alarms = await Store.Metadata.ListAlarmsAsync(activeOnly: false, 2, Ct);

        Assert.Equal(["s/l/m/x4", "s/l/m/x3"], alarms.Select(x => x.Signal));
    }

    private static AlarmRecord Alarm(string signal, int signalId) =>
        new(0, "cn.zhizao/limit-monitor", signalId, signal, "high", "high", $"{signal} high", 120, 100, Now, null, null);
}
