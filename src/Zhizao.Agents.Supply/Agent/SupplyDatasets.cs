using System.Text.Json;
using System.Text.RegularExpressions;
using Zhizao.Agents.Supply.Data;
using Zhizao.Core.Storage;

namespace Zhizao.Agents.Supply.Agent;

/// <summary>A stored data set as listed: what was accepted and what was found on upload.</summary>
/// <param name="Name">The data set's name (its key).</param>
/// <param name="Demand">The demand file's summary.</param>
/// <param name="Inventory">The inventory file's summary, or null before one is uploaded.</param>
/// <param name="CreatedAt">First upload.</param>
/// <param name="UpdatedAt">Last upload.</param>
/// <param name="UpdatedBy">Who uploaded last.</param>
public sealed record SupplyDatasetInfo(string Name, DemandSummary Demand, InventorySummary? Inventory, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, string UpdatedBy);

/// <summary>What a demand upload held.</summary>
/// <param name="File">The file name used in findings.</param>
/// <param name="Format">Long or wide.</param>
/// <param name="Step">The period, in words ("1 day (daily)").</param>
/// <param name="Items">Series (items) accepted.</param>
/// <param name="Periods">Periods over all series, after repairs.</param>
/// <param name="DataLines">Data lines read.</param>
/// <param name="First">Start of the earliest period.</param>
/// <param name="Last">Start of the latest period.</param>
/// <param name="Counts">Findings by kind, never capped (rejected lines, summed duplicates, filled gaps…).</param>
/// <param name="Findings">The findings, capped per kind.</param>
public sealed record DemandSummary(string File, DemandFileFormat Format, string Step, int Items, long Periods, long DataLines, string First, string Last,
    IReadOnlyDictionary<FindingKind, long> Counts, IReadOnlyList<DataFinding> Findings)
{
    /// <summary>The summary of read demand data.</summary>
    public static DemandSummary Of(DemandData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return new(data.File, data.Format, Timestamps.Describe(data.Step), data.Series.Count, data.Series.Sum(s => (long)s.Values.Count), data.DataLines,
            SupplyJson.Time(data.Series.Min(s => s.Start)), SupplyJson.Time(data.Series.Max(s => s.End)), data.Counts, data.Findings);
    }
}

/// <summary>What an inventory upload held.</summary>
/// <param name="File">The file name used in findings.</param>
/// <param name="Items">Items accepted.</param>
/// <param name="DataLines">Data lines read.</param>
/// <param name="Counts">Findings by kind.</param>
/// <param name="Findings">The findings, capped per kind.</param>
public sealed record InventorySummary(string File, int Items, long DataLines, IReadOnlyDictionary<FindingKind, long> Counts, IReadOnlyList<DataFinding> Findings)
{
    /// <summary>The summary of read inventory data.</summary>
    public static InventorySummary Of(InventoryData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return new(data.File, data.Items.Count, data.DataLines, data.Counts, data.Findings);
    }
}

/// <summary>The outcome of a write: the stored data set, whether it was new, or why nothing was written.</summary>
/// <param name="Dataset">The data set after the write, or null when refused.</param>
/// <param name="Created">True when the name was new.</param>
/// <param name="Error">"not-found" or "conflict" when nothing was written.</param>
public sealed record DatasetWrite(SupplyDatasetInfo? Dataset, bool Created, string? Error = null);

/// <summary>
/// Demand and inventory data sets uploaded by users, in the document store. Each data set is a small manifest in
/// <see cref="Collection"/> (listed cheaply) and its parsed data in <see cref="DataCollection"/> under
/// <c>{name}/demand</c> and <c>{name}/inventory</c>. The parsed series are stored, not the raw CSV: the file is read
/// (and repaired, with every repair reported) once at upload, skills start from the accepted series without parsing
/// again, and the stored form is smaller (no repeated ids and dates). The manifest is written last and deleted first,
/// so a reader never sees a manifest without its data.
/// </summary>
public sealed partial class SupplyDatasets(IDocumentStore documents, TimeProvider time)
{
    /// <summary>The manifests' collection.</summary>
    public const string Collection = "supply-datasets";

    /// <summary>The data's collection.</summary>
    public const string DataCollection = "supply-dataset-data";

    /// <summary>The longest data-set name.</summary>
    public const int MaxNameLength = 64;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Whether a name is valid: 1–64 letters, digits, '.', '_' or '-', starting with a letter or digit.</summary>
    public static bool IsValidName(string? name) => name is not null && NamePattern().IsMatch(name);

    /// <summary>Every data set, by name.</summary>
    public async Task<IReadOnlyList<SupplyDatasetInfo>> ListAsync(CancellationToken cancellationToken) =>
        [.. (await documents.ListAsync(Collection, null, cancellationToken)).Select(d => JsonSerializer.Deserialize<SupplyDatasetInfo>(d.Json, Json)!)];

    /// <summary>One data set's manifest, or null.</summary>
    public async Task<SupplyDatasetInfo?> GetAsync(string name, CancellationToken cancellationToken) =>
        (await GetManifestAsync(name, cancellationToken)).Info;

    /// <summary>Stores (or replaces) a data set's demand; an inventory uploaded before is kept.</summary>
    public async Task<DatasetWrite> PutDemandAsync(string name, DemandData demand, string by, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(demand);
        var (info, revision) = await GetManifestAsync(name, cancellationToken);
        var now = time.GetUtcNow();
        await documents.PutAsync(DataCollection, name + "/demand", JsonSerializer.Serialize(StoredDemand.Of(demand), Json), null, now, cancellationToken);
        var updated = new SupplyDatasetInfo(name, DemandSummary.Of(demand), info?.Inventory, info?.CreatedAt ?? now, now, by);
        return await PutManifestAsync(updated, revision, info is null, cancellationToken);
    }

    /// <summary>Stores (or replaces) the inventory of an existing data set.</summary>
    public async Task<DatasetWrite> PutInventoryAsync(string name, InventoryData inventory, string by, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(inventory);
        var (info, revision) = await GetManifestAsync(name, cancellationToken);
        if (info is null)
            return new DatasetWrite(null, false, "not-found");
        var now = time.GetUtcNow();
        await documents.PutAsync(DataCollection, name + "/inventory", JsonSerializer.Serialize(inventory, Json), null, now, cancellationToken);
        return await PutManifestAsync(info with { Inventory = InventorySummary.Of(inventory), UpdatedAt = now, UpdatedBy = by }, revision, false, cancellationToken);
    }

    /// <summary>Deletes a data set; false when there is none by that name.</summary>
    public async Task<bool> DeleteAsync(string name, CancellationToken cancellationToken)
    {
        if (!await documents.DeleteAsync(Collection, name, cancellationToken))
            return false;
        await documents.DeleteAsync(DataCollection, name + "/demand", cancellationToken);
        await documents.DeleteAsync(DataCollection, name + "/inventory", cancellationToken);
        return true;
    }

    /// <summary>The demand (and inventory, when uploaded) of a data set, or null when there is none by that name.</summary>
    public async Task<(DemandData Demand, InventoryData? Inventory)?> LoadAsync(string name, CancellationToken cancellationToken)
    {
        if (await GetAsync(name, cancellationToken) is not { } info)
            return null;
        if (await documents.GetAsync(DataCollection, name + "/demand", cancellationToken) is not { } demand)
            return null;
        var inventory = info.Inventory is null ? null : await documents.GetAsync(DataCollection, name + "/inventory", cancellationToken);
        return (JsonSerializer.Deserialize<StoredDemand>(demand.Json, Json)!.ToData(),
            inventory is null ? null : JsonSerializer.Deserialize<InventoryData>(inventory.Json, Json));
    }

    private async Task<(SupplyDatasetInfo? Info, long? Revision)> GetManifestAsync(string name, CancellationToken cancellationToken)
    {
        if (!IsValidName(name))
            return (null, null);
        var document = await documents.GetAsync(Collection, name, cancellationToken);
        return document is null ? (null, null) : (JsonSerializer.Deserialize<SupplyDatasetInfo>(document.Json, Json), document.Revision);
    }

    private async Task<DatasetWrite> PutManifestAsync(SupplyDatasetInfo info, long? revision, bool created, CancellationToken cancellationToken)
    {
        var json = JsonSerializer.Serialize(info, Json);
        var written = revision is null
            ? await documents.TryInsertAsync(Collection, info.Name, json, info.UpdatedAt, cancellationToken)
            : await documents.PutAsync(Collection, info.Name, json, revision, info.UpdatedAt, cancellationToken);
        return written ? new DatasetWrite(info, created) : new DatasetWrite(null, false, "conflict");
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")]
    private static partial Regex NamePattern();

    /// <summary>The stored form of demand data: series without their computed members.</summary>
    private sealed record StoredDemand(string File, DemandFileFormat Format, TimeSpan Step, List<StoredSeries> Series,
        List<DataFinding> Findings, Dictionary<FindingKind, long> Counts, long DataLines)
    {
        public static StoredDemand Of(DemandData d) => new(d.File, d.Format, d.Step,
            [.. d.Series.Select(s => new StoredSeries(s.ItemId, s.Start, [.. s.Values], s.Flags, s.FilledPeriods))],
            [.. d.Findings], d.Counts.ToDictionary(), d.DataLines);

        public DemandData ToData() => new(File, Format, Step,
            [.. Series.Select(s => new DemandSeries(s.Item, s.Start, Step, s.Values, s.Flags, s.FilledPeriods))], Findings, Counts, DataLines);
    }

    private sealed record StoredSeries(string Item, DateTime Start, double[] Values, SeriesFlags Flags, int FilledPeriods);
}
