using System.Text.Json;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;
using Zhizao.Core.Assets;
using Zhizao.Core.Storage;

namespace Zhizao.Storage.Postgres;

/// <summary>
/// Plants and the signal catalog in PostgreSQL. The rest of <see cref="IMetadataStore"/> (quarantine, API keys,
/// alarms) is in the other parts of this class.
/// </summary>
internal sealed partial class PostgresMetadataStore(NpgsqlDataSource dataSource, ILogger logger) : IMetadataStore
{
    private const string UpsertPlant = """
        INSERT INTO plants (id, revision, plant, updated_at) VALUES ($1, $2, $3, $4)
        ON CONFLICT (id) DO UPDATE SET revision = excluded.revision, plant = excluded.plant, updated_at = excluded.updated_at
        RETURNING updated_at
        """;

    private const string ReleaseSites = "DELETE FROM plant_sites WHERE plant_id = $1 AND NOT (site_id = ANY($2))";

    private const string ClaimSites = "INSERT INTO plant_sites (site_id, plant_id) SELECT unnest($2::text[]), $1 ON CONFLICT (site_id) DO NOTHING";

    // A path keeps its id forever; its definition (and, once a site changed hands, its plant) follows the newest file.
    private const string UpsertSignals = """
        INSERT INTO signals (plant_id, path, definition)
        SELECT $1, s.path, s.definition FROM unnest($2::text[], $3::jsonb[]) AS s(path, definition)
        ON CONFLICT (path) DO UPDATE SET plant_id = excluded.plant_id, definition = excluded.definition
        RETURNING (xmax = 0)
        """;

    public async Task<IReadOnlyList<PlantRecord>> ListPlantsAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT id, plant::text, updated_at FROM plants ORDER BY id");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var plants = new List<PlantRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var plant = PlantFile.Parse($"{reader.GetString(0)}.json", reader.GetString(1));
            plants.Add(new PlantRecord(plant, reader.GetFieldValue<DateTimeOffset>(2)));
        }
        return plants;
    }

    public async Task<PlantRecord> SavePlantAsync(PlantModel plant, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plant);
        // The round trip through the file format validates the plant as an import would (and bounds its size),
        // and guarantees that what is stored reads back.
        var normalized = PlantFile.Parse($"{plant.Id}.json", PlantFile.ToJson(plant));
        var siteIds = normalized.Sites.Select(s => s.Id).ToArray();
        var signals = normalized.AllSignals().ToArray();
        var paths = signals.Select(s => s.Path.ToString()).ToArray();
        var definitions = signals.Select(s => JsonSerializer.Serialize(s.Signal, PlantFile.JsonOptions)).ToArray();

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        NpgsqlCommand Command(string sql) => new(sql, connection, transaction);

        // Serialise plant saves: two plants claiming the same new site at once must not both pass the check below.
        await using (var command = Command("SELECT pg_advisory_xact_lock($1)").With(PostgresSchema.PlantLockKey))
            await command.ExecuteNonQueryAsync(cancellationToken);

        await ThrowOnSiteConflictAsync(Command, normalized.Id, siteIds, cancellationToken);

        int? previous;
        await using (var command = Command("SELECT revision FROM plants WHERE id = $1").With(normalized.Id))
            previous = (int?)await command.ExecuteScalarAsync(cancellationToken);
        var stored = normalized with { Revision = previous is { } revision ? revision + 1 : normalized.Revision };

        DateTimeOffset updatedAt;
        await using (var command = Command(UpsertPlant).With(stored.Id).With(stored.Revision).WithJson(PlantFile.ToJson(stored)).WithTime(now))
            updatedAt = (DateTime)(await command.ExecuteScalarAsync(cancellationToken))!;

        foreach (var sql in (string[])[ReleaseSites, ClaimSites])
        {
            await using var command = Command(sql).With(stored.Id).With(siteIds);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        var newSignals = 0;
        await using (var command = Command(UpsertSignals).With(stored.Id).With(paths))
        {
            command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb, Value = definitions });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
                newSignals += reader.GetBoolean(0) ? 1 : 0;
        }

        await transaction.CommitAsync(cancellationToken);
        Log.PlantSaved(logger, stored.Id, stored.Revision, signals.Length, newSignals);
        return new PlantRecord(stored, updatedAt);
    }

    private async Task ThrowOnSiteConflictAsync(Func<string, NpgsqlCommand> command, string plantId, string[] siteIds, CancellationToken cancellationToken)
    {
        await using var query = command("SELECT site_id, plant_id FROM plant_sites WHERE site_id = ANY($1) AND plant_id <> $2 ORDER BY site_id LIMIT 1")
            .With(siteIds).With(plantId);
        await using var reader = await query.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
            return;
        var (site, owner) = (reader.GetString(0), reader.GetString(1));
        Log.PlantSiteConflict(logger, plantId, site, owner);
        throw new PlantConflictException($"Site '{site}' already belongs to plant '{owner}'; plant '{plantId}' cannot claim it.");
    }

    public async Task<IReadOnlyList<SignalRecord>> ListSignalsAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT id, plant_id, path, definition::text FROM signals ORDER BY id");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var signals = new List<SignalRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var pathText = reader.GetString(2);
            if (!SignalPath.TryParse(pathText, out var path))
                throw new InvalidOperationException($"The catalog holds an invalid signal path '{pathText}'.");
            var definition = JsonSerializer.Deserialize<Signal>(reader.GetString(3), PlantFile.JsonOptions)
                ?? throw new InvalidOperationException($"The catalog holds no definition for signal '{pathText}'.");
            signals.Add(new SignalRecord(reader.GetInt32(0), reader.GetString(1), path.Value, definition));
        }
        return signals;
    }
}
