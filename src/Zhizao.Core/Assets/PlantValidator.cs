namespace Zhizao.Core.Assets;

/// <summary>Checks the meaning of a plant that already matches the schema.</summary>
public static class PlantValidator
{
    /// <summary>All semantic problems, each with its JSON pointer.</summary>
    public static IReadOnlyList<PlantFileError> Validate(string file, PlantModel plant)
    {
        var errors = new List<PlantFileError>();
        void Add(string path, string message) => errors.Add(new PlantFileError(file, path, message));

        if (plant.SchemaVersion != PlantModel.CurrentSchemaVersion)
            Add("/schemaVersion", $"unsupported schema version {plant.SchemaVersion}; this build reads version {PlantModel.CurrentSchemaVersion}");
        CheckUnique(plant.Sites, s => s.Id, "/sites", "site", Add);
        for (var si = 0; si < plant.Sites.Count; si++)
        {
            var site = plant.Sites[si];
            var sitePath = $"/sites/{si}";
            if (!Identifier.IsValid(site.Id))
                Add($"{sitePath}/id", $"'{site.Id}' is not a valid id (letters, digits, '-', '_'; at most {Identifier.MaxLength})");
            if (!TimeZoneInfo.TryFindSystemTimeZoneById(site.TimeZone, out _))
                Add($"{sitePath}/timeZone", $"unknown time zone '{site.TimeZone}' (use an IANA name such as Asia/Shanghai)");
            CheckUnique(site.Lines, l => l.Id, $"{sitePath}/lines", "line", Add);
            for (var li = 0; li < site.Lines.Count; li++)
            {
                var line = site.Lines[li];
                var linePath = $"{sitePath}/lines/{li}";
                CheckUnique(line.Machines, m => m.Id, $"{linePath}/machines", "machine", Add);
                for (var mi = 0; mi < line.Machines.Count; mi++)
                {
                    var machine = line.Machines[mi];
                    var machinePath = $"{linePath}/machines/{mi}";
                    CheckUnique(machine.Signals, s => s.Id, $"{machinePath}/signals", "signal", Add);
                    for (var gi = 0; gi < machine.Signals.Count; gi++)
                    {
                        var signal = machine.Signals[gi];
                        var signalPath = $"{machinePath}/signals/{gi}";
                        if (signal.Normal is { } range)
                        {
                            if (!double.IsFinite(range.Min) || !double.IsFinite(range.Max) || range.Min >= range.Max)
                                Add($"{signalPath}/normal", $"normal range min ({range.Min}) must be below max ({range.Max})");
                            if (signal.DataType == SignalDataType.Bool)
                                Add($"{signalPath}/normal", "a bool signal has no normal range");
                        }
                        if (!double.IsFinite(signal.SamplingPeriodSeconds) || signal.SamplingPeriodSeconds <= 0 || signal.SamplingPeriodSeconds > 86_400)
                            Add($"{signalPath}/samplingPeriodSeconds", "sampling period must be in (0, 86400] seconds");
                    }
                }
            }
        }
        return errors;
    }

    private static void CheckUnique<T>(IReadOnlyList<T> items, Func<T, string> id, string path, string what, Action<string, string> add)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            if (!seen.TryAdd(id(items[i]), i))
                add($"{path}/{i}/id", $"duplicate {what} id '{id(items[i])}' (first at {path}/{seen[id(items[i])]})");
        }
    }
}
