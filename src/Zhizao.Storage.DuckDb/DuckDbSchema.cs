namespace Zhizao.Storage.DuckDb;

/// <summary>The embedded store's schema, created idempotently at start.</summary>
internal static class DuckDbSchema
{
    public static readonly string[] Statements =
    [
        // Times in metadata tables are microseconds since the Unix epoch (UTC), like point timestamps.
        "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)",
        "INSERT INTO schema_version SELECT 1 WHERE NOT EXISTS (SELECT 1 FROM schema_version)",
        // Compacted points: slabs sorted by (signal_id, ts). ts is microseconds since the Unix epoch, UTC.
        "CREATE TABLE IF NOT EXISTS points (signal_id INTEGER NOT NULL, ts BIGINT NOT NULL, value DOUBLE NOT NULL)",
        // Recent points in arrival order, moved into points by compaction.
        "CREATE TABLE IF NOT EXISTS points_hot (signal_id INTEGER NOT NULL, ts BIGINT NOT NULL, value DOUBLE NOT NULL)",
        "CREATE TABLE IF NOT EXISTS latest (signal_id INTEGER PRIMARY KEY, ts BIGINT NOT NULL, value DOUBLE NOT NULL)",
        "CREATE SEQUENCE IF NOT EXISTS signal_ids START 1",
        "CREATE SEQUENCE IF NOT EXISTS quarantine_ids START 1",
        "CREATE SEQUENCE IF NOT EXISTS alarm_ids START 1",
        "CREATE TABLE IF NOT EXISTS plants (id VARCHAR PRIMARY KEY, revision INTEGER NOT NULL, document VARCHAR NOT NULL, updated_us BIGINT NOT NULL)",
        "CREATE TABLE IF NOT EXISTS signals (id INTEGER PRIMARY KEY DEFAULT nextval('signal_ids'), plant_id VARCHAR NOT NULL, path VARCHAR NOT NULL UNIQUE, definition VARCHAR NOT NULL)",
        """
        CREATE TABLE IF NOT EXISTS quarantine (
            id BIGINT PRIMARY KEY DEFAULT nextval('quarantine_ids'), received_us BIGINT NOT NULL, source VARCHAR NOT NULL,
            reason VARCHAR NOT NULL, message VARCHAR NOT NULL, signal VARCHAR, ts VARCHAR, value VARCHAR)
        """,
        """
        CREATE TABLE IF NOT EXISTS api_keys (
            id VARCHAR PRIMARY KEY, name VARCHAR NOT NULL, role VARCHAR NOT NULL, secret_hash BLOB NOT NULL, salt BLOB NOT NULL,
            created_us BIGINT NOT NULL, revoked_us BIGINT)
        """,
        """
        CREATE TABLE IF NOT EXISTS alarms (
            id BIGINT PRIMARY KEY DEFAULT nextval('alarm_ids'), source VARCHAR NOT NULL, signal_id INTEGER NOT NULL, signal VARCHAR NOT NULL,
            priority VARCHAR NOT NULL, condition VARCHAR NOT NULL, message VARCHAR NOT NULL, value DOUBLE NOT NULL, limit_value DOUBLE NOT NULL,
            raised_us BIGINT NOT NULL, cleared_us BIGINT, acknowledged_us BIGINT,
            asset VARCHAR, message_zh VARCHAR, occurrences INTEGER DEFAULT 1, last_raised_us BIGINT, shelved_until_us BIGINT, details VARCHAR)
        """,
        "CREATE SEQUENCE IF NOT EXISTS work_order_ids START 1",
        """
        CREATE TABLE IF NOT EXISTS work_orders (
            id BIGINT PRIMARY KEY DEFAULT nextval('work_order_ids'), source VARCHAR NOT NULL, asset VARCHAR NOT NULL, priority VARCHAR NOT NULL,
            status VARCHAR NOT NULL, title VARCHAR NOT NULL, title_zh VARCHAR NOT NULL, description VARCHAR NOT NULL, description_zh VARCHAR NOT NULL,
            window_start_us BIGINT NOT NULL, window_end_us BIGINT NOT NULL, alarm_id BIGINT, created_us BIGINT NOT NULL, updated_us BIGINT NOT NULL)
        """,
        """
        CREATE TABLE IF NOT EXISTS documents (
            collection VARCHAR NOT NULL, key VARCHAR NOT NULL, json VARCHAR NOT NULL, revision BIGINT NOT NULL, updated_us BIGINT NOT NULL,
            PRIMARY KEY (collection, key))
        """,
    ];

    /// <summary>A column that exists only in files created with the current schema; its absence means the upgrades must run.</summary>
    public const string UpgradeProbe = "SELECT count(*) FROM information_schema.columns WHERE table_name = 'alarms' AND column_name = 'asset'";

    /// <summary>
    /// Brings a file created before the maintenance agent (alarm management columns) to the current schema. Run only when
    /// <see cref="UpgradeProbe"/> finds the columns missing, then checkpointed, so that a crash right after never replays
    /// a schema change from the write-ahead log.
    /// </summary>
    public static readonly string[] Upgrades =
    [
        "ALTER TABLE alarms ADD COLUMN asset VARCHAR",
        "ALTER TABLE alarms ADD COLUMN message_zh VARCHAR",
        "ALTER TABLE alarms ADD COLUMN occurrences INTEGER DEFAULT 1",
        "ALTER TABLE alarms ADD COLUMN last_raised_us BIGINT",
        "ALTER TABLE alarms ADD COLUMN shelved_until_us BIGINT",
        "ALTER TABLE alarms ADD COLUMN details VARCHAR",
        "CHECKPOINT",
    ];
}
