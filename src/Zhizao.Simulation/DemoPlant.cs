using Zhizao.Core.Assets;

namespace Zhizao.Simulation;

/// <summary>
/// The embedded demo plant: one site in Shanghai with a machining line of five CNC machines and a packaging line
/// (filler, sealer, conveyor). The ids are constants so that simulators, agents and tests name signals the same way.
/// </summary>
public static class DemoPlant
{
    /// <summary>The plant id.</summary>
    public const string PlantId = "demo";

    /// <summary>The only site.</summary>
    public const string SiteId = "demo-site";

    /// <summary>The machining line with the CNC machines.</summary>
    public const string MachiningLine = "machining";

    /// <summary>The packaging line.</summary>
    public const string PackagingLine = "packaging";

    /// <summary>The filler on the packaging line.</summary>
    public const string Filler = "filler-01";

    /// <summary>The sealer on the packaging line.</summary>
    public const string Sealer = "sealer-01";

    /// <summary>The conveyor on the packaging line.</summary>
    public const string Conveyor = "conveyor-01";

    /// <summary>The CNC machine ids, cnc-01 to cnc-05.</summary>
    public static IReadOnlyList<string> CncMachines { get; } = ["cnc-01", "cnc-02", "cnc-03", "cnc-04", "cnc-05"];

    /// <summary>Machine kinds, as written in <see cref="Machine.Kind"/>; the simulator picks its model by kind.</summary>
    public static class Kinds
    {
        /// <summary>A CNC machining centre.</summary>
        public const string Cnc = "cnc";
        /// <summary>A volumetric filler.</summary>
        public const string Filler = "filler";
        /// <summary>A heat sealer.</summary>
        public const string Sealer = "sealer";
        /// <summary>A belt conveyor.</summary>
        public const string Conveyor = "conveyor";
    }

    /// <summary>Signal ids used by the demo machines.</summary>
    public static class Signals
    {
        /// <summary>Spindle speed, rpm.</summary>
        public const string SpindleSpeed = "spindle_speed";
        /// <summary>Spindle load, % of rated torque.</summary>
        public const string SpindleLoad = "spindle_load";
        /// <summary>Vibration velocity RMS, mm/s.</summary>
        public const string VibrationRms = "vibration_rms";
        /// <summary>Spindle bearing temperature, °C.</summary>
        public const string BearingTemp = "bearing_temp";
        /// <summary>Electrical power, kW.</summary>
        public const string Power = "power";
        /// <summary>Machine in automatic operation (bool).</summary>
        public const string Running = "running";
        /// <summary>Good parts or units produced (int counter).</summary>
        public const string GoodCount = "good_count";
        /// <summary>Net fill weight, g.</summary>
        public const string FillWeight = "fill_weight";
        /// <summary>Line speed, units/min.</summary>
        public const string LineSpeed = "line_speed";
        /// <summary>Sealing jaw temperature, °C.</summary>
        public const string SealTemp = "seal_temp";
        /// <summary>Sealing pressure, bar.</summary>
        public const string Pressure = "pressure";
        /// <summary>Sealer heater switched on (bool).</summary>
        public const string HeaterOn = "heater_on";
        /// <summary>Belt speed, m/s.</summary>
        public const string BeltSpeed = "belt_speed";
        /// <summary>Drive motor current, A.</summary>
        public const string MotorCurrent = "motor_current";
    }

    /// <summary>The full path of a demo signal.</summary>
    public static SignalPath PathOf(string line, string machine, string signal) => new(SiteId, line, machine, signal);

    /// <summary>The demo plant model; it passes <see cref="PlantValidator"/> and round-trips through <see cref="PlantFile"/>.</summary>
    public static PlantModel Create() => new(
        PlantModel.CurrentSchemaVersion,
        PlantId,
        new LocalizedText("Zhizao demo plant", "智造演示工厂"),
        1,
        [
            new Site(
                SiteId,
                new LocalizedText("Demo site, Shanghai", "上海演示厂区"),
                "Asia/Shanghai",
                [
                    new Line(MachiningLine, new LocalizedText("Machining line", "机加工产线"), [.. CncMachines.Select(CncMachine)]),
                    new Line(PackagingLine, new LocalizedText("Packaging line", "包装产线"), [FillerMachine(), SealerMachine(), ConveyorMachine()]),
                ]),
        ]);

    private static Machine CncMachine(string id) => new(
        id,
        new LocalizedText($"CNC machining centre {id[^2..]}", $"数控加工中心 {id[^2..]}"),
        Kinds.Cnc,
        [
            Float(Signals.SpindleSpeed, "rpm", 1, 0, 12_500, "Spindle speed", "主轴转速"),
            Float(Signals.SpindleLoad, "%", 1, 0, 90, "Spindle load (share of rated torque)", "主轴负载（额定扭矩百分比）"),
            Float(Signals.VibrationRms, "mm/s", 0.5, 0, 4.5, "Spindle vibration velocity, RMS", "主轴振动速度有效值"),
            Float(Signals.BearingTemp, "°C", 5, 15, 70, "Spindle bearing temperature", "主轴轴承温度"),
            Float(Signals.Power, "kW", 1, 0, 16, "Electrical power drawn", "电功率"),
            Bool(Signals.Running, 5, "In automatic operation", "自动运行中"),
            Counter(Signals.GoodCount, "count", 10, "Good parts produced since start", "累计合格件数"),
        ]);

    private static Machine FillerMachine() => new(
        Filler,
        new LocalizedText("Filler 01", "灌装机 01"),
        Kinds.Filler,
        [
            Float(Signals.FillWeight, "g", 1, 495, 510, "Net fill weight (500 g nominal)", "净灌装重量（标称 500 克）"),
            Float(Signals.LineSpeed, "units/min", 5, 100, 140, "Filling rate", "灌装速度"),
            Bool(Signals.Running, 5, "In automatic operation", "自动运行中"),
            Counter(Signals.GoodCount, "count", 10, "Good units filled since start", "累计合格灌装数"),
        ]);

    private static Machine SealerMachine() => new(
        Sealer,
        new LocalizedText("Sealer 01", "封口机 01"),
        Kinds.Sealer,
        [
            Float(Signals.SealTemp, "°C", 1, 170, 190, "Sealing jaw temperature", "封口热板温度"),
            Float(Signals.Pressure, "bar", 1, 5.5, 6.5, "Sealing pressure", "封口压力"),
            Bool(Signals.HeaterOn, 1, "Jaw heater switched on", "热板加热器开启"),
        ]);

    private static Machine ConveyorMachine() => new(
        Conveyor,
        new LocalizedText("Conveyor 01", "输送机 01"),
        Kinds.Conveyor,
        [
            Float(Signals.BeltSpeed, "m/s", 1, 0.4, 0.6, "Belt speed", "皮带速度"),
            Float(Signals.MotorCurrent, "A", 1, 3, 9, "Drive motor current", "驱动电机电流"),
            Bool(Signals.Running, 5, "Belt running", "皮带运行中"),
        ]);

    private static Signal Float(string id, string unit, double period, double min, double max, string en, string zh) =>
        new(id, unit, SignalDataType.Float, period, new NormalRange(min, max), new LocalizedText(en, zh));

    // Counters only grow; the range is wide so that a healthy counter is always "normal".
    private static Signal Counter(string id, string unit, double period, string en, string zh) =>
        new(id, unit, SignalDataType.Int, period, new NormalRange(0, 100_000_000), new LocalizedText(en, zh));

    private static Signal Bool(string id, double period, string en, string zh) =>
        new(id, "bool", SignalDataType.Bool, period, null, new LocalizedText(en, zh));
}
