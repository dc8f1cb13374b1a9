using Zhizao.Core.Assets;
using Zhizao.Core.Storage;

namespace Zhizao.Server;

/// <summary>The outcome of a plant import: stored, invalid (with every error), or in conflict with another plant.</summary>
public sealed class PlantImportResult
{
    private PlantImportResult(PlantRecord? record, IReadOnlyList<PlantFileError>? errors, string? conflict) => (Record, Errors, Conflict) = (record, errors, conflict);

    public PlantRecord? Record { get; }
    public IReadOnlyList<PlantFileError>? Errors { get; }
    public string? Conflict { get; }

    public static PlantImportResult Stored(PlantRecord record) => new(record, null, null);
    public static PlantImportResult Invalid(IReadOnlyList<PlantFileError> errors) => new(null, errors, null);
    public static PlantImportResult InConflict(string message) => new(null, null, message);

    public T Match<T>(Func<PlantRecord, T> stored, Func<IReadOnlyList<PlantFileError>, T> invalid, Func<string, T> conflict) =>
        Record is not null ? stored(Record) : Errors is not null ? invalid(Errors) : conflict(Conflict!);
}

/// <summary>Parses, validates and stores a plant file atomically, then refreshes the signal catalog.</summary>
public sealed class PlantImporter(IStore store, CatalogService catalog, TimeProvider time)
{
    public async Task<PlantImportResult> ImportAsync(string fileName, string content, CancellationToken cancellationToken)
    {
        PlantModel plant;
        try
        {
            plant = PlantFile.Parse(fileName, content);
        }
        catch (PlantFileException e)
        {
            return PlantImportResult.Invalid(e.Errors);
        }
        try
        {
            var record = await store.Metadata.SavePlantAsync(plant, time.GetUtcNow(), cancellationToken);
            await catalog.ReloadAsync(cancellationToken);
            return PlantImportResult.Stored(record);
        }
        catch (PlantConflictException e)
        {
            return PlantImportResult.InConflict($"{fileName}: {e.Message}");
        }
    }
}
