using System.Text;
using Zhizao.Agents.Supply.Data;

namespace Zhizao.Agents.Supply.Tests.Data;

/// <summary>Reads CSV text the way an upload arrives: as a UTF-8 stream.</summary>
internal static class Files
{
    public static Task<DemandData> Demand(string csv, SupplyFileOptions? options = null) =>
        DemandFile.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(csv)), "demand.csv", options);

    public static Task<InventoryData> Inventory(string csv, SupplyFileOptions? options = null) =>
        InventoryFile.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(csv)), "inventory.csv", options);

    /// <summary>The findings of one kind.</summary>
    public static List<DataFinding> Of(this IEnumerable<DataFinding> findings, FindingKind kind) => [.. findings.Where(f => f.Kind == kind)];

    /// <summary>The path of a sample file: next to the tests when copied to the output, else in the source tree.</summary>
    public static string Sample(string name)
    {
        var copied = Path.Combine(AppContext.BaseDirectory, "samples", name);
        if (File.Exists(copied))
            return copied;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var source = Path.Combine(dir.FullName, "src", "Zhizao.Agents.Supply", "samples", name);
            if (File.Exists(source))
                return source;
        }
        throw new FileNotFoundException("Sample not found", name);
    }

    /// <summary>A daily long-format file of one item with the given quantities from 2026-01-01.</summary>
    public static string Daily(string item, params double[] quantities) =>
        "item,date,quantity\n" + string.Concat(quantities.Select((q, d) =>
            FormattableString.Invariant($"{item},{new DateOnly(2026, 1, 1).AddDays(d):yyyy-MM-dd},{q}\n")));
}
