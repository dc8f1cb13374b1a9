using Zhizao.Core.Assets;

namespace Zhizao.Connectors.Files;

/// <summary>
/// Which columns of a file hold the timestamp, the signals and the units.
/// <para>
/// Wide layout: every column other than the timestamp is a signal, named by <see cref="Columns"/>
/// (column → "site/line/machine/signal", or a bare signal id completed by <see cref="Prefix"/>) or, when
/// absent there, by <see cref="Prefix"/> + "/" + column name. A column mapped neither way is an error unless
/// <see cref="IgnoreUnmapped"/>.
/// </para>
/// <para>
/// Long layout: one point per row from <see cref="SignalColumn"/>, <see cref="TimestampColumn"/>,
/// <see cref="ValueColumn"/> and, when the file has it, <see cref="UnitColumn"/>. A signal cell without '/'
/// is completed by <see cref="Prefix"/>.
/// </para>
/// </summary>
public sealed record ImportMapping
{
    /// <summary>Timestamp column names tried in order when <see cref="TimestampColumn"/> is not set.</summary>
    public static IReadOnlyList<string> DefaultTimestampColumns { get; } = ["ts", "timestamp", "time", "datetime"];

    /// <summary>The timestamp column; null (default) takes the first of <see cref="DefaultTimestampColumns"/> present (case-insensitive).</summary>
    public string? TimestampColumn { get; init; }

    /// <summary>"site/line/machine": the machine the file's signal ids belong to.</summary>
    public string? Prefix { get; init; }

    /// <summary>Explicit wide mapping: column name → signal path (or bare signal id when <see cref="Prefix"/> is set).</summary>
    public IReadOnlyDictionary<string, string> Columns { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Skip wide columns that have no mapping instead of failing.</summary>
    public bool IgnoreUnmapped { get; init; }

    /// <summary>The unit every value was measured in (passed on each point so the validator converts or rejects); null = the signal's own unit.</summary>
    public string? Unit { get; init; }

    /// <summary>Per-column units of a wide file (column → unit); overrides <see cref="Unit"/>.</summary>
    public IReadOnlyDictionary<string, string> ColumnUnits { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Long layout: the signal column (default "signal").</summary>
    public string SignalColumn { get; init; } = "signal";

    /// <summary>Long layout: the value column (default "value").</summary>
    public string ValueColumn { get; init; } = "value";

    /// <summary>Long layout: the optional unit column (default "unit"); used when the file has it. An empty cell falls back to <see cref="Unit"/>.</summary>
    public string UnitColumn { get; init; } = "unit";

    /// <summary>The prefix without surrounding blanks or slashes, or null when none is set.</summary>
    internal string? NormalizedPrefix => Prefix?.Trim().Trim('/');

    /// <summary>Throws <see cref="ArgumentException"/> when the prefix or a mapped path is not well formed.</summary>
    public void Validate()
    {
        if (NormalizedPrefix is { } prefix && !SignalPath.TryParse($"{prefix}/x", out _))
            throw new ArgumentException($"Prefix '{Prefix}' is not 'site/line/machine' made of identifiers (letters, digits, '-', '_').", nameof(Prefix));
        foreach (var (column, target) in Columns)
        {
            if (!target.Contains('/', StringComparison.Ordinal) && NormalizedPrefix is null)
                throw new ArgumentException($"Column '{column}' maps to '{target}', which is not a full signal path and no prefix is set.", nameof(Columns));
        }
    }

    /// <summary>The full signal path of <paramref name="signal"/>: itself when it contains '/', else prefix + "/" + signal.</summary>
    internal string Qualify(string signal) =>
        signal.Contains('/', StringComparison.Ordinal) || NormalizedPrefix is not { } prefix ? signal : $"{prefix}/{signal}";
}
