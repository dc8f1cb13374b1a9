using System.Globalization;
using System.Text.Json;

namespace Zhizao.Scheduling.Benchmarks;

/// <summary>Published bounds of one instance: best upper and lower bound and, for job shop, CP-SAT's own 600 s result.</summary>
public sealed record ReferenceBound(string Instance, long UpperBound, long LowerBound, long? CpSatUpperBound = null, long? CpSatLowerBound = null);

/// <summary>
/// Looks up reference bounds for instance files: <c>reference-bounds.csv</c> (job shop) or <c>bks.json</c> (flexible) in
/// the instance's folder or up to two folders above it. Instances not listed have no reference (and no gap).
/// </summary>
public static class ReferenceBounds
{
    /// <summary>The reference for <paramref name="instancePath"/>, or null when none is listed.</summary>
    public static async Task<ReferenceBound?> FindAsync(string instancePath, CancellationToken cancellationToken)
    {
        var name = Path.GetFileNameWithoutExtension(instancePath);
        for (var dir = Path.GetDirectoryName(Path.GetFullPath(instancePath)); dir is not null && dir.Length > 0; dir = Path.GetDirectoryName(dir))
        {
            var csv = Path.Combine(dir, "reference-bounds.csv");
            if (File.Exists(csv) && Lookup(ParseCsv(await File.ReadAllTextAsync(csv, cancellationToken)), name) is { } fromCsv)
                return fromCsv;
            var json = Path.Combine(dir, "bks.json");
            if (File.Exists(json) && Lookup(ParseBks(await File.ReadAllTextAsync(json, cancellationToken)), name) is { } fromJson)
                return fromJson;
            if (Path.GetFullPath(instancePath).Count(c => c == Path.DirectorySeparatorChar) - dir.Count(c => c == Path.DirectorySeparatorChar) >= 3)
                break;
        }
        return null;
    }

    /// <summary>
    /// The entry named <paramref name="name"/>, or the one whose name differs only by leading zeros in its number
    /// (files named yn01 are listed as yn1 in some tables, and the other way round).
    /// </summary>
    public static ReferenceBound? Lookup(IReadOnlyDictionary<string, ReferenceBound> bounds, string name)
    {
        ArgumentNullException.ThrowIfNull(bounds);
        if (bounds.TryGetValue(name, out var exact))
            return exact;
        var key = Canonical(name);
        return bounds.FirstOrDefault(b => Canonical(b.Key) == key).Value;
    }

    /// <summary>Lower-case name with leading zeros removed from its trailing number: "YN01" → "yn1".</summary>
    private static string Canonical(string name)
    {
        var prefix = name.TrimEnd("0123456789".ToCharArray());
        var digits = name[prefix.Length..].TrimStart('0');
        return (prefix + (digits.Length == 0 && name.Length > prefix.Length ? "0" : digits)).ToLowerInvariant();
    }

    /// <summary>Parses <c>instance,jobs,machines,lb,ub,cpsat_600s_4cores_ub,cpsat_600s_4cores_lb</c> rows by header name.</summary>
    public static Dictionary<string, ReferenceBound> ParseCsv(string text)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var result = new Dictionary<string, ReferenceBound>(StringComparer.OrdinalIgnoreCase);
        if (lines.Length == 0)
            return result;
        var header = lines[0].Split(',').Select((h, i) => (h.Trim(), i)).ToDictionary(p => p.Item1, p => p.i, StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines.Skip(1))
        {
            var cells = line.Split(',');
            long? Cell(string column) => header.TryGetValue(column, out var i) && i < cells.Length
                && long.TryParse(cells[i], NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : null;
            if (Cell("ub") is { } ub)
                result[cells[header["instance"]]] = new ReferenceBound(cells[header["instance"]], ub, Cell("lb") ?? ub, Cell("cpsat_600s_4cores_ub"), Cell("cpsat_600s_4cores_lb"));
        }
        return result;
    }

    /// <summary>Parses <c>{"mk01": {"ub": 40, "lb": 40}, ...}</c>; entries without <c>ub</c> are skipped.</summary>
    public static Dictionary<string, ReferenceBound> ParseBks(string json)
    {
        var result = new Dictionary<string, ReferenceBound>(StringComparer.OrdinalIgnoreCase);
        using var doc = JsonDocument.Parse(json);
        foreach (var p in doc.RootElement.EnumerateObject())
            if (p.Value.ValueKind == JsonValueKind.Object && p.Value.TryGetProperty("ub", out var ub))
                result[p.Name] = new ReferenceBound(p.Name, ub.GetInt64(), p.Value.TryGetProperty("lb", out var lb) ? lb.GetInt64() : ub.GetInt64());
        return result;
    }
}
