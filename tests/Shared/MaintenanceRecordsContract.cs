using Zhizao.Core.Storage;

namespace Zhizao.Tests.Shared;

/// <summary>
/// What every store must do with maintenance records (machine alarms, work orders), written once and run by each store's
/// test project against its real engine (the file is linked into Zhizao.Storage.DuckDb.Tests and Zhizao.Storage.Postgres.Tests).
/// </summary>
internal static class MaintenanceRecordsContract
{
    public static readonly DateTimeOffset Now = new(2026, 11, 25, 8, 0, 0, TimeSpan.Zero);
    private static CancellationToken Ct => CancellationToken.None;

    public static AlarmRecord MachineAlarm() =>
        new(0, "cn.zhizao/maintenance", 7, "s/l/cnc-03/vibration", "high", "anomaly:trend", "cnc-03 vibration trending up", 4.2, 3.1, Now, null, null)
        {
            Asset = "s/l/cnc-03",
            MessageZh = "cnc-03 振动上升趋势",
            Details = """{"kind":"trend"}""",
        };

    private static WorkOrderRecord Order(string asset, string status = WorkOrderStatus.Open) =>
        new(0, "cn.zhizao/maintenance", asset, "high", status, "Inspect bearing", "检查轴承", "Vibration trend", "振动趋势",
            Now.AddHours(2), Now.AddHours(4), null, Now, Now);

    public static async Task Machine_alarm_fields_round_trip(IStore store)
    {
        var raised = await store.Metadata.RaiseAlarmAsync(MachineAlarm(), Ct);

        var stored = Assert.Single(await store.Metadata.ListAlarmsAsync(activeOnly: true, 10, Ct));
        Assert.Equal(raised.Id, stored.Id);
        Assert.Equal(("s/l/cnc-03", "cnc-03 振动上升趋势", 1), (stored.Asset, stored.MessageZh, stored.Occurrences));
        Assert.Contains("trend", stored.Details, StringComparison.Ordinal);
        Assert.Null(stored.ShelvedUntil);
    }

    public static async Task Repeating_an_active_alarm_counts_it_and_keeps_the_latest_value_but_not_once_cleared(IStore store)
    {
        var alarm = await store.Metadata.RaiseAlarmAsync(MachineAlarm(), Ct);

        Assert.True(await store.Metadata.RepeatAlarmAsync(alarm.Id, Now.AddMinutes(5), 5.5, Ct));
        Assert.True(await store.Metadata.RepeatAlarmAsync(alarm.Id, Now.AddMinutes(6), 6.5, Ct));
        var stored = Assert.Single(await store.Metadata.ListAlarmsAsync(activeOnly: true, 10, Ct));
        Assert.Equal((3, Now.AddMinutes(6), 6.5), (stored.Occurrences, stored.LastRaisedAt, stored.Value));

        await store.Metadata.ClearAlarmAsync(alarm.Id, Now.AddMinutes(7), Ct);
        Assert.False(await store.Metadata.RepeatAlarmAsync(alarm.Id, Now.AddMinutes(8), 1, Ct));
    }

    public static async Task An_active_alarm_is_revised_but_a_cleared_one_is_not(IStore store)
    {
        var alarm = await store.Metadata.RaiseAlarmAsync(MachineAlarm(), Ct);

        Assert.True(await store.Metadata.ReviseAlarmAsync(alarm with { Condition = "sensor-fault:stuck-sensor", Priority = "low", MessageZh = "传感器卡死" }, Ct));
        var stored = Assert.Single(await store.Metadata.ListAlarmsAsync(true, 10, Ct));
        Assert.Equal(("sensor-fault:stuck-sensor", "low", "传感器卡死", "s/l/cnc-03"), (stored.Condition, stored.Priority, stored.MessageZh, stored.Asset));

        await store.Metadata.ClearAlarmAsync(alarm.Id, Now.AddMinutes(1), Ct);
        Assert.False(await store.Metadata.ReviseAlarmAsync(alarm with { Condition = "x" }, Ct));
    }

    public static async Task Alarms_are_shelved_and_unshelved(IStore store)
    {
        var alarm = await store.Metadata.RaiseAlarmAsync(MachineAlarm(), Ct);

        Assert.True(await store.Metadata.ShelveAlarmAsync(alarm.Id, Now.AddHours(1), Ct));
        Assert.Equal(Now.AddHours(1), Assert.Single(await store.Metadata.ListAlarmsAsync(false, 10, Ct)).ShelvedUntil);
        Assert.True(await store.Metadata.ShelveAlarmAsync(alarm.Id, null, Ct));
        Assert.Null(Assert.Single(await store.Metadata.ListAlarmsAsync(false, 10, Ct)).ShelvedUntil);
        Assert.False(await store.Metadata.ShelveAlarmAsync(alarm.Id + 100, Now, Ct));
    }

    public static async Task Work_orders_are_created_filtered_and_updated(IStore store)
    {
        var first = await store.Metadata.CreateWorkOrderAsync(Order("s/l/cnc-03"), Ct);
        var second = await store.Metadata.CreateWorkOrderAsync(Order("s/l/cnc-05", WorkOrderStatus.Done), Ct);

        Assert.NotEqual(first.Id, second.Id);
        Assert.Equal([second.Id, first.Id], (await store.Metadata.ListWorkOrdersAsync(new WorkOrderQuery(), Ct)).Select(o => o.Id));
        var active = Assert.Single(await store.Metadata.ListWorkOrdersAsync(new WorkOrderQuery(ActiveOnly: true), Ct));
        Assert.Equal(("s/l/cnc-03", "检查轴承", Now.AddHours(2), Now.AddHours(4)), (active.Asset, active.TitleZh, active.WindowStart, active.WindowEnd));
        Assert.Equal(second.Id, Assert.Single(await store.Metadata.ListWorkOrdersAsync(new WorkOrderQuery(Asset: "s/l/cnc-05"), Ct)).Id);

        var moved = await store.Metadata.UpdateWorkOrderAsync(first.Id, WorkOrderStatus.Scheduled, Now.AddHours(3), Now.AddHours(5), Now.AddMinutes(1), Ct);
        Assert.NotNull(moved);
        Assert.Equal((WorkOrderStatus.Scheduled, Now.AddHours(3), Now.AddHours(5), Now.AddMinutes(1)), (moved.Status, moved.WindowStart, moved.WindowEnd, moved.UpdatedAt));
        var kept = await store.Metadata.UpdateWorkOrderAsync(first.Id, WorkOrderStatus.InProgress, null, null, Now.AddMinutes(2), Ct);
        Assert.Equal(Now.AddHours(3), kept!.WindowStart);
        Assert.Null(await store.Metadata.UpdateWorkOrderAsync(first.Id + 100, WorkOrderStatus.Done, null, null, Now, Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => store.Metadata.UpdateWorkOrderAsync(first.Id, "finished", null, null, Now, Ct));
    }
}
