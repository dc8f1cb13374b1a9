using Zhizao.Tests.Shared;

namespace Zhizao.Storage.DuckDb.Tests;

/// <summary>The maintenance-records contract on the embedded store, and the in-place upgrade of files from before it.</summary>
public sealed class MaintenanceRecordsTests : DuckDbStoreTest
{
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
        await Store.Metadata.RaiseAlarmAsync(MaintenanceRecordsContract.MachineAlarm(), Ct);

        var alarms = await Store.Metadata.ListAlarmsAsync(false, 10, Ct);
        Assert.Equal(["s/l/cnc-03", null], alarms.Select(a => a.Asset));
        Assert.Equal(1, alarms[1].Occurrences);
    }

    [Fact]
    public Task Machine_alarm_fields_round_trip() => MaintenanceRecordsContract.Machine_alarm_fields_round_trip(Store);

    [Fact]
    public Task Repeating_an_active_alarm_counts_it_and_keeps_the_latest_value_but_not_once_cleared() => MaintenanceRecordsContract.Repeating_an_active_alarm_counts_it_and_keeps_the_latest_value_but_not_once_cleared(Store);

    [Fact]
    public Task An_active_alarm_is_revised_but_a_cleared_one_is_not() => MaintenanceRecordsContract.An_active_alarm_is_revised_but_a_cleared_one_is_not(Store);

    [Fact]
    public Task Alarms_are_shelved_and_unshelved() => MaintenanceRecordsContract.Alarms_are_shelved_and_unshelved(Store);

    [Fact]
    public Task Work_orders_are_created_filtered_and_updated() => MaintenanceRecordsContract.Work_orders_are_created_filtered_and_updated(Store);
}
