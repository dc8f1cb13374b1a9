using System.Globalization;

namespace Zhizao.Agents.Maintenance.Rul;

/// <summary>One engine's run (or truncated run) in a C-MAPSS-format file: its cycles in order.</summary>
/// <param name="Unit">The engine (unit) number.</param>
/// <param name="Cycles">The cycles in increasing order.</param>
public sealed record EngineRun(int Unit, IReadOnlyList<EngineCycle> Cycles);

/// <summary>One row of a C-MAPSS-format file.</summary>
/// <param name="Cycle">The time in cycles since the start of the run.</param>
/// <param name="Settings">The three operational settings.</param>
/// <param name="Sensors">The 21 sensor measurements.</param>
public sealed record EngineCycle(int Cycle, double[] Settings, double[] Sensors);

/// <summary>A malformed line in a C-MAPSS-format file; the message names the file and the line.</summary>
public sealed class CmapssFormatException : FormatException
{
    /// <summary>Creates the error for <paramref name="source"/> at 1-based <paramref name="line"/>.</summary>
    public CmapssFormatException(string source, int line, string problem)
        : base($"{source}:{line}: {problem}")
    {
        Source = source;
        Line = line;
    }

    /// <summary>The file (or stream name) the line came from.</summary>
    public new string Source { get; }

    /// <summary>The 1-based line number.</summary>
    public int Line { get; }
}

/// <summary>
/// Reads NASA C-MAPSS files (<c>train_FD00x.txt</c>, <c>test_FD00x.txt</c>): space-separated rows of
/// unit, cycle, 3 settings and 21 sensors; and the <c>RUL_FD00x.txt</c> truth files.
/// </summary>
public static class CmapssReader
{
    /// <summary>Number of operational settings per row.</summary>
    public const int SettingCount = 3;

    /// <summary>Number of sensors per row.</summary>
    public const int SensorCount = 21;

    private const int ColumnCount = 2 + SettingCount + SensorCount;
    private static readonly char[] Separators = [' ', '\t'];

    /// <summary>Reads a run file; engines in order of first appearance, cycles in order.</summary>
    public static IReadOnlyList<EngineRun> ReadFile(string path) => Read(File.OpenText(path), path);

    /// <summary>Reads run rows from <paramref name="reader"/> (disposed); <paramref name="source"/> names it in errors.</summary>
    public static IReadOnlyList<EngineRun> Read(TextReader reader, string source)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var engines = new List<(int Unit, List<EngineCycle> Cycles)>();
        var byUnit = new Dictionary<int, int>();
        using (reader)
        {
            var lineNumber = 0;
            while (reader.ReadLine() is { } line)
            {
                lineNumber++;
                var fields = line.Split(Separators, StringSplitOptions.RemoveEmptyEntries);
                if (fields.Length == 0)
                    continue;
                if (fields.Length != ColumnCount)
                    throw new CmapssFormatException(source, lineNumber, $"expected {ColumnCount} columns (unit, cycle, {SettingCount} settings, {SensorCount} sensors), found {fields.Length}");
                var unit = ParseInt(fields[0], source, lineNumber, "unit");
                var cycle = ParseInt(fields[1], source, lineNumber, "cycle");
                var settings = new double[SettingCount];
                for (var i = 0; i < SettingCount; i++)
                    settings[i] = ParseDouble(fields[2 + i], source, lineNumber, $"setting {i + 1}");
                var sensors = new double[SensorCount];
                for (var i = 0; i < SensorCount; i++)
                    sensors[i] = ParseDouble(fields[2 + SettingCount + i], source, lineNumber, $"sensor {i + 1}");
                if (!byUnit.TryGetValue(unit, out var index))
                {
                    index = engines.Count;
                    byUnit[unit] = index;
                    engines.Add((unit, []));
                }
                var cycles = engines[index].Cycles;
                if (cycles.Count > 0 && cycle <= cycles[^1].Cycle)
                    throw new CmapssFormatException(source, lineNumber, $"unit {unit}: cycle {cycle} does not follow cycle {cycles[^1].Cycle}");
                cycles.Add(new EngineCycle(cycle, settings, sensors));
            }
        }
        return [.. engines.Select(e => new EngineRun(e.Unit, e.Cycles))];
    }

    /// <summary>Reads a truth file: one true RUL per line, in test-engine order.</summary>
    public static IReadOnlyList<double> ReadTruthFile(string path)
    {
        var values = new List<double>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (line.Trim() is { Length: > 0 } text)
                values.Add(ParseDouble(text, path, lineNumber, "RUL"));
        }
        return values;
    }

    private static int ParseInt(string text, string source, int line, string column) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= 0
            ? value
            : throw new CmapssFormatException(source, line, $"{column} '{text}' is not a non-negative integer");

    private static double ParseDouble(string text, string source, int line, string column) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
            ? value
            : throw new CmapssFormatException(source, line, $"{column} '{text}' is not a finite number");
}
