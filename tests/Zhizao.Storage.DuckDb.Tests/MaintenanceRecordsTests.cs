using Zhizao.Core.Storage;

namespace Zhizao.Storage.DuckDb.Tests;

public sealed class MaintenanceRecordsTests : DuckDbStoreTest
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 8, 0, 0, TimeSpan.Zero);

    private static AlarmRecord MachineAlarm() =>
        new(0, "cn.zhizao/maintenance", 7, "s/l/cnc-03/vibration", "high", "anomaly:trend", "cnc-03 vibration trending up", 4.2, 3.1, Now, null, null)
        {
            Asset = "s/l/cnc-03",
            MessageZh = "cnc-03 振动上升趋势",
            Details = """{"kind":"trend"}""",
        };

    private static WorkOrderRecord Order(string asset, string status = WorkOrderStatus.Open) =>
        new(0, "cn.zhizao/maintenance", asset, "high", status, "Inspect bearing", "检查轴承", "Vibration trend", "振动趋势",
            Now.AddHours(2), Now.AddHours(4), null, Now, Now);

    [Fact]
    public async Task A_file_from_before_alarm_management_is_upgraded_in_place_and_keeps_its_alarms()
    {
        await using (var connection = await Store.OpenAsync(Ct))
        {
            await using var command = connection.CreateCommand();
            // The alarm table as the first schema had it, with one alarm in it.
            command.CommandText = """
                DROP TABLE alarms;
                CREATE TABLE alarms (
                    id BIGINT PRIMARY KEY DEFAULT nextval('alarm_ids'), source VARCHAR NOT NULL, signal_id INTEGER NOT NULL, signal VARCHAR NOT NULL,
                    priority VARCHAR NOT NULL, condition VARCHAR NOT NULL, message VARCHAR NOT NULL, value DOUBLE NOT NULL, limit_value DOUBLE NOT NULL,
                    raised_us BIGINT NOT NULL, cleared_us BIGINT, acknowledged_us BIGINT);
                INSERT INTO alarms (source, signal_id, signal, priority, condition, message, value, limit_value, raised_us)
                VALUES ('cn.zhizao/limit-monitor', 1, 's/l/m/t', 'high', 'high', 'old alarm', 120, 100, 0);
                """;
            await command.ExecuteNonQueryAsync(Ct);
        }

        await ReopenAsync();
        await Store.Metadata.RaiseAlarmAsync(MachineAlarm(), Ct);

        var alarms = await Store.Metadata.ListAlarmsAsync(false, 10, Ct);
        Assert.Equal(["s/l/cnc-03", null], alarms.Select(a => a.Asset));
        Assert.Equal(1, alarms[1].Occurrences);
    }

    [Fact]
    public async Task Machine_alarm_fields_round_trip()
    {
        var raised = await Store.Metadata.RaiseAlarmAsync(MachineAlarm(), Ct);

        var stored = Assert.Single(await Store.Metadata.ListAlarmsAsync(activeOnly: true, 10, Ct));
        Assert.Equal(raised.Id, stored.Id);
        Assert.Equal(("s/l/cnc-03", "cnc-03 振动上升趋势", 1), (stored.Asset, stored.MessageZh, stored.Occurrences));
        Assert.Contains("trend", stored.Details, StringComparison.Ordinal);
        Assert.Null(stored.ShelvedUntil);
    }

    [Fact]
    public async Task Repeating_an_active_alarm_counts_it_and_keeps_the_latest_value_but_not_once_cleared()
    {
        var alarm = await Store.Metadata.RaiseAlarmAsync(MachineAlarm(), Ct);

        Assert.True(await Store.Metadata.RepeatAlarmAsync(alarm.Id, Now.AddMinutes(5), 5.5, Ct));
        Assert.True(await Store.Metadata.RepeatAlarmAsync(alarm.Id, Now.AddMinutes(6), 6.5, Ct));
        var stored = Assert.Single(await Store.Metadata.ListAlarmsAsync(activeOnly: true, 10, Ct));
        Assert.Equal((3, Now.AddMinutes(6), 6.5), (stored.Occurrences, stored.LastRaisedAt, stored.Value));

        await Store.Metadata.ClearAlarmAsync(alarm.Id, Now.AddMinutes(7), Ct);
        Assert.False(await Store.Metadata.RepeatAlarmAsync(alarm.Id, Now.AddMinutes(8), 1, Ct));
    }

    [Fact]
    public async Task An_active_alarm_is_revised_but_a_cleared_one_is_not()
    {
        var alarm = await Store.Metadata.RaiseAlarmAsync(MachineAlarm(), Ct);

        Assert.True(await Store.Metadata.ReviseAlarmAsync(alarm with { Condition = "sensor-fault:stuck-sensor", Priority = "low", MessageZh = "传感器卡死" }, Ct));
        var stored = Assert.Single(await Store.Metadata.ListAlarmsAsync(true, 10, Ct));
        Assert.Equal(("sensor-fault:stuck-sensor", "low", "传感器卡死", "s/l/cnc-03"), (stored.Condition, stored.Priority, stored.MessageZh, stored.Asset));

        await Store.Metadata.ClearAlarmAsync(alarm.Id, Now.AddMinutes(1), Ct);
        Assert.False(await Store.Metadata.ReviseAlarmAsync(alarm with { Condition = "x" }, Ct));
    }

    [Fact]
    public async Task Alarms_are_shelved_and_unshelved()
    {
        var alarm = await Store.Metadata.RaiseAlarmAsync(MachineAlarm(), Ct);

        Assert.True(await Store.Metadata.ShelveAlarmAsync(alarm.Id, Now.AddHours(1), Ct));
        Assert.Equal(Now.AddHours(1), Assert.Single(await Store.Metadata.ListAlarmsAsync(false, 10, Ct)).ShelvedUntil);
        Assert.True(await Store.Metadata.ShelveAlarmAsync(alarm.Id, null, Ct));
        Assert.Null(Assert.Single(await Store.Metadata.ListAlarmsAsync(false, 10, Ct)).ShelvedUntil);
        Assert.False(await Store.Metadata.ShelveAlarmAsync(alarm.Id + 100, Now, Ct));
    }

    [Fact]
    public async Task Work_orders_are_created_filtered_and_updated()
    {
        var first = await Store.Metadata.CreateWorkOrderAsync(Order("s/l/cnc-03"), Ct);
        var second = await Store.Metadata.CreateWorkOrderAsync(Order("s/l/cnc-05", WorkOrderStatus.Done), Ct);

        Assert.NotEqual(first.Id, second.Id);
        Assert.Equal([second.Id, first.Id], (await Store.Metadata.ListWorkOrdersAsync(new WorkOrderQuery(), Ct)).Select(o => o.Id));
        var active = Assert.Single(await Store.Metadata.ListWorkOrdersAsync(new WorkOrderQuery(ActiveOnly: true), Ct));
        Assert.Equal(("s/l/cnc-03", "检查轴承", Now.AddHours(2), Now.AddHours(4)), (active.Asset, active.TitleZh, active.WindowStart, active.WindowEnd));
        Assert.Equal(second.Id, Assert.Single(await Store.Metadata.ListWorkOrdersAsync(new WorkOrderQuery(Asset: "s/l/cnc-05"), Ct)).Id);

        var moved = await Store.Metadata.UpdateWorkOrderAsync(first.Id, WorkOrderStatus.Scheduled, Now.AddHours(3), Now.AddHours(5), Now.AddMinutes(1), Ct);
        Assert.NotNull(moved);
        Assert.Equal((WorkOrderStatus.Scheduled, Now.AddHours(3), Now.AddHours(5), Now.AddMinutes(1)), (moved.Status, moved.WindowStart, moved.WindowEnd, moved.UpdatedAt));
        var kept = await Store.Metadata.UpdateWorkOrderAsync(first.Id, WorkOrderStatus.InProgress, null, null, Now.AddMinutes(2), Ct);
        Assert.Equal(Now.AddHours(3), kept!.WindowStart);
        Assert.Null(await Store.Metadata.UpdateWorkOrderAsync(first.Id + 100, WorkOrderStatus.Done, null, null, Now, Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.Metadata.UpdateWorkOrderAsync(first.Id, "finished", null, null, Now, Ct));
    }
}
