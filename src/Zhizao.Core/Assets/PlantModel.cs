using System.Text.Json.Serialization;

namespace Zhizao.Core.Assets;

/// <summary>Text in Chinese and English, as plant files and the console carry both.</summary>
/// <remarks><see cref="Zh"/> defaults to empty: plant files may omit it, and JSON leaves a missing parameter at its default.</remarks>
public sealed record LocalizedText(string En, string Zh = "")
{
    /// <summary>The text in the requested language ("zh" or anything else for English).</summary>
    public string For(string language) => language.StartsWith("zh", StringComparison.OrdinalIgnoreCase) && Zh.Length > 0 ? Zh : En;
}

/// <summary>How a signal's values are typed on the wire and checked on ingest.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SignalDataType>))]
public enum SignalDataType
{
    /// <summary>A real number (stored as double).</summary>
    Float,
    /// <summary>An integer (counters, states); a fractional value is rejected.</summary>
    Int,
    /// <summary>0/1, true/false.</summary>
    Bool,
}

/// <summary>The range in which a signal is considered normal; used by alarms and agents.</summary>
public sealed record NormalRange(double Min, double Max);

/// <summary>A measured quantity on a machine.</summary>
public sealed record Signal(
    string Id,
    string Unit,
    SignalDataType DataType,
    double SamplingPeriodSeconds,
    NormalRange? Normal,
    LocalizedText Description);

/// <summary>A machine (asset) on a line.</summary>
public sealed record Machine(string Id, LocalizedText Name, string? Kind, IReadOnlyList<Signal> Signals);

/// <summary>A production line in a site.</summary>
public sealed record Line(string Id, LocalizedText Name, IReadOnlyList<Machine> Machines);

/// <summary>A site (plant location) with its time zone.</summary>
public sealed record Site(string Id, LocalizedText Name, string TimeZone, IReadOnlyList<Line> Lines);

/// <summary>
/// A plant file: the versioned description of sites, lines, machines and signals.
/// <see cref="SchemaVersion"/> is the version of the file format; <see cref="Revision"/> counts edits of this plant.
/// </summary>
public sealed record PlantModel(int SchemaVersion, string Id, LocalizedText? Name, int Revision, IReadOnlyList<Site> Sites)
{
    /// <summary>The plant file format version this build reads and writes.</summary>
    public const int CurrentSchemaVersion = 1;

    /// <summary>Every signal with its full path, in file order.</summary>
    public IEnumerable<(SignalPath Path, Signal Signal)> AllSignals()
    {
        foreach (var site in Sites)
            foreach (var line in site.Lines)
                foreach (var machine in line.Machines)
                    foreach (var signal in machine.Signals)
                        yield return (new SignalPath(site.Id, line.Id, machine.Id, signal.Id), signal);
    }
}
