using Zhizao.Tests.Shared;

namespace Zhizao.Storage.Postgres.Tests;

/// <summary>The maintenance-records contract on the real PostgreSQL server.</summary>
public sealed class MaintenanceRecordsTests(PostgresServerFixture server) : PostgresStoreTest(server)
{
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
