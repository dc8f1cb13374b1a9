using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Zhizao.Core.Benchmarks;

/// <summary>One measured figure. <see cref="Better"/> says which direction is good ("higher", "lower" or "").</summary>
public sealed record BenchmarkMetric(string Name, double Value, string Unit, string? Target = null, string Better = "");

/// <summary>
/// The report every benchmark writes: what ran (suite, exact command, data paths, parameters), where and when,
/// and each metric, with optional notes and a Markdown <see cref="Details"/> block (e.g. a per-instance table).
/// docs/benchmarks.md is assembled from these files (<c>zhizao bench docs</c>).
/// </summary>
public sealed record BenchmarkReport(
    string Suite,
    string Title,
    string Command,
    IReadOnlyList<string> DataPaths,
    IReadOnlyDictionary<string, string> Parameters,
    DateTimeOffset Date,
    string Machine,
    IReadOnlyList<BenchmarkMetric> Metrics,
    string? Notes = null,
    string? Details = null)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>A one-line description of this machine: cores, memory, OS, runtime.</summary>
    public static string DescribeMachine()
    {
        var memoryGiB = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024);
        return string.Create(CultureInfo.InvariantCulture,
            $"{Environment.ProcessorCount} cores, {memoryGiB:F0} GiB, {System.Runtime.InteropServices.RuntimeInformation.OSDescription.Trim()}, .NET {Environment.Version}");
    }

    /// <summary>Writes <c>{suite}.json</c> and <c>{suite}.md</c> into <paramref name="directory"/>; returns the JSON path.</summary>
    public async Task<string> WriteAsync(string directory, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        var jsonPath = Path.Combine(directory, $"{Suite}.json");
        await File.WriteAllTextAsync(jsonPath, JsonSerializer.Serialize(this, Json), cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(directory, $"{Suite}.md"), ToMarkdown(), cancellationToken);
        return jsonPath;
    }

    /// <summary>Reads a report written by <see cref="WriteAsync"/>.</summary>
    public static async Task<BenchmarkReport> ReadAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(path);
        return await JsonSerializer.DeserializeAsync<BenchmarkReport>(stream, Json, cancellationToken)
            ?? throw new InvalidDataException($"{path}: empty benchmark report");
    }

    /// <summary>The report as a Markdown section: provenance lines and a metric table.</summary>
    public string ToMarkdown()
    {
        var sb = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        sb.AppendLine(inv, $"### {Title} (`{Suite}`)").AppendLine();
        sb.AppendLine(inv, $"- Command: `{Command}`");
        sb.AppendLine(inv, $"- Date: {Date:yyyy-MM-dd HH:mm} UTC; machine: {Machine}");
        if (DataPaths.Count > 0)
            sb.AppendLine(inv, $"- Data: {string.Join(", ", DataPaths.Select(p => $"`{p}`"))}");
        if (Parameters.Count > 0)
            sb.AppendLine(inv, $"- Parameters: {string.Join(", ", Parameters.Select(p => $"{p.Key}={p.Value}"))}");
        sb.AppendLine().AppendLine("| Metric | Value | Unit | Target |").AppendLine("|---|---:|---|---|");
        foreach (var m in Metrics)
            sb.AppendLine(inv, $"| {m.Name} | {FormatValue(m.Value)} | {m.Unit} | {m.Target ?? ""} |");
        if (!string.IsNullOrWhiteSpace(Notes))
            sb.AppendLine().AppendLine(Notes);
        if (!string.IsNullOrWhiteSpace(Details))
            sb.AppendLine().AppendLine(Details.TrimEnd());
        return sb.ToString();
    }

    /// <summary>How report tables round a figure: thousands separators from 1,000, one decimal from 10, four significant digits below.</summary>
    public static string FormatValue(double value) =>
        Math.Abs(value) >= 1000 ? value.ToString("N0", CultureInfo.InvariantCulture)
        : Math.Abs(value) >= 10 ? value.ToString("F1", CultureInfo.InvariantCulture)
        : value.ToString("G4", CultureInfo.InvariantCulture);
}
