using Zhizao.Core.Storage;

namespace Zhizao.Storage.Postgres.Tests;

public sealed class OperationsTests(PostgresServerFixture server) : PostgresStoreTest(server)
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 8, 0, 0, TimeSpan.FromHours(8));

    private static ApiKeyRecord Key(string id, string role, int minute) =>
        new(id, $"{id} key", role, [1, 2, 3, (byte)minute], [9, 8, 7], Start.AddMinutes(minute), null);

    private static AlarmRecord Alarm(string signal, int minute) =>
        new(0, "quality-agent", 42, signal, "high", "value > limit", $"{signal} above limit", 105.5, 100, Start.AddMinutes(minute), null, null);

    [Fact]
    public async Task Api_keys_are_added_listed_and_revoked()
    {
        await Store.Metadata.AddApiKeyAsync(Key("k1", "admin", 0), Ct);
        await Store.Metadata.AddApiKeyAsync(Key("k2", "reader", 1), Ct);

        Assert.True(await Store.Metadata.RevokeApiKeyAsync("k1", Start.AddHours(1), Ct));
        Assert.True(await Store.Metadata.RevokeApiKeyAsync("k1", Start.AddHours(2), Ct));
        Assert.False(await Store.Metadata.RevokeApiKeyAsync("missing", Start, Ct));

        var keys = await Store.Metadata.ListApiKeysAsync(Ct);
        Assert.Equal(["k1", "k2"], keys.Select(k => k.Id));
        Assert.Equal(Start.AddHours(1), keys[0].RevokedAt);
        Assert.Null(keys[1].RevokedAt);
        var expected = Key("k2", "reader", 1);
        Assert.Equal((expected.Name, expected.Role, expected.CreatedAt), (keys[1].Name, keys[1].Role, keys[1].CreatedAt));
        Assert.Equal(expected.SecretHash, keys[1].SecretHash);
        Assert.Equal(expected.Salt, keys[1].Salt);
    }

    [Fact]
    public async Task An_api_key_id_cannot_be_added_twice()
    {
        await Store.Metadata.AddApiKeyAsync(Key("k1", "admin", 0), Ct);

        await Assert.ThrowsAsync<InvalidOperationException>(() => Store.Metadata.AddApiKeyAsync(Key("k1", "reader", 1), Ct));

        Assert.Equal("admin", Assert.Single(await Store.Metadata.ListApiKeysAsync(Ct)).Role);
    }

    [Fact]
    public async Task Alarms_are_raised_cleared_acknowledged_and_listed_newest_first()
    {
        var first = await Store.Metadata.RaiseAlarmAsync(Alarm("temp", 0), Ct);
        var second = await Store.Metadata.RaiseAlarmAsync(Alarm("pressure", 5), Ct);
        Assert.NotEqual(first.Id, second.Id);
        Assert.Equal(Alarm("temp", 0) with { Id = first.Id }, first);

        await Store.Metadata.ClearAlarmAsync(first.Id, Start.AddMinutes(10), Ct);
        await Store.Metadata.ClearAlarmAsync(first.Id, Start.AddMinutes(20), Ct);
        Assert.True(await Store.Metadata.AcknowledgeAlarmAsync(second.Id, Start.AddMinutes(6), Ct));
        Assert.False(await Store.Metadata.AcknowledgeAlarmAsync(second.Id + 1_000, Start, Ct));

        var all = await Store.Metadata.ListAlarmsAsync(activeOnly: false, 100, Ct);
        Assert.Equal([second.Id, first.Id], all.Select(a => a.Id));
        Assert.Equal(Start.AddMinutes(10), all[1].ClearedAt);
        Assert.Null(all[1].AcknowledgedAt);
        Assert.Equal(Start.AddMinutes(6), all[0].AcknowledgedAt);

        var active = await Store.Metadata.ListAlarmsAsync(activeOnly: true, 100, Ct);
        Assert.Equal([second with { AcknowledgedAt = Start.AddMinutes(6) }], active);
        Assert.Single(await Store.Metadata.ListAlarmsAsync(activeOnly: false, 1, Ct));
    }

    [Fact]
    public async Task An_alarm_message_beyond_the_bound_is_refused()
    {
        var alarm = Alarm("temp", 0) with { Message = new string('x', 10_000) };

        await Assert.ThrowsAsync<ArgumentException>(() => Store.Metadata.RaiseAlarmAsync(alarm, Ct));
    }
}
