using Zhizao.Core.Assets;

namespace Zhizao.Cli.Bench;

/// <summary>
/// The generated plant every suite measures: site <c>bench</c>, line <c>l1</c>, machines <c>m0…</c> of
/// <see cref="SignalsPerMachine"/> float signals <c>s0…</c> each. Signal number <c>n</c> is machine <c>n / per machine</c>,
/// signal <c>n % per machine</c>, so every suite and the publisher process agree on names without exchanging them.
/// </summary>
internal sealed class BenchPlant
{
    /// <summary>The plant id (also the site id).</summary>
    public const string Id = "bench";

    /// <summary>The only line.</summary>
    public const string LineId = "l1";

    public BenchPlant(int signals, int signalsPerMachine)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(signals, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(signalsPerMachine, 1);
        Signals = signals;
        SignalsPerMachine = Math.Min(signalsPerMachine, signals);
    }

    /// <summary>Total number of signals.</summary>
    public int Signals { get; }

    /// <summary>Signals per machine (the last machine may have fewer).</summary>
    public int SignalsPerMachine { get; }

    /// <summary>Number of machines.</summary>
    public int Machines => (Signals + SignalsPerMachine - 1) / SignalsPerMachine;

    /// <summary>Signals of machine <paramref name="machine"/>.</summary>
    public int SignalsOf(int machine) => Math.Min(SignalsPerMachine, Signals - (machine * SignalsPerMachine));

    /// <summary>"m{k}": the machine id.</summary>
    public static string MachineId(int machine) => $"m{machine}";

    /// <summary>"s{j}": the signal id within its machine.</summary>
    public static string SignalId(int signalInMachine) => $"s{signalInMachine}";

    /// <summary>"bench/l1/m{k}": the machine path (MQTT machine topics end with it).</summary>
    public static string MachinePath(int machine) => $"{Id}/{LineId}/{MachineId(machine)}";

    /// <summary>The full path of signal number <paramref name="n"/>.</summary>
    public string SignalPath(int n) => $"{MachinePath(n / SignalsPerMachine)}/{SignalId(n % SignalsPerMachine)}";

    /// <summary>A flat column name for signal number <paramref name="n"/> in a wide file: "m{k}_s{j}".</summary>
    public string ColumnName(int n) => $"{MachineId(n / SignalsPerMachine)}_{SignalId(n % SignalsPerMachine)}";

    /// <summary>Column name → signal path for every signal, as a wide import mapping.</summary>
    public IReadOnlyDictionary<string, string> ColumnMapping() =>
        Enumerable.Range(0, Signals).ToDictionary(ColumnName, SignalPath, StringComparer.Ordinal);

    /// <summary>The plant model (1 s sampling, no normal range, unit "V" so values need no conversion).</summary>
    public PlantModel Model()
    {
        var machines = Enumerable.Range(0, Machines).Select(k => new Machine(
            MachineId(k), new LocalizedText($"Bench machine {k}", $"基准机器 {k}"), "bench",
            [.. Enumerable.Range(0, SignalsOf(k)).Select(j => new Signal(SignalId(j), "V", SignalDataType.Float, 1.0, null, new LocalizedText($"Bench signal {j}")))]))
            .ToList();
        var line = new Line(LineId, new LocalizedText("Bench line", "基准产线"), machines);
        var site = new Site(Id, new LocalizedText("Benchmark site", "基准工厂"), "UTC", [line]);
        return new PlantModel(PlantModel.CurrentSchemaVersion, Id, new LocalizedText("Benchmark plant", "基准工厂"), 1, [site]);
    }
}
