namespace Zhizao.Core.Points;

/// <summary>
/// Linear unit conversions for the units plants commonly send (temperature, power, energy, pressure, speed,
/// current, voltage, length, mass, time). A sender may give the unit it measured in; the value is converted
/// to the signal's unit, or rejected when no conversion exists.
/// </summary>
public static class Units
{
    // Each unit: dimension, factor and offset to the dimension's base unit (base = value * factor + offset).
    private static readonly Dictionary<string, (string Dimension, double Factor, double Offset)> Table = new(StringComparer.Ordinal)
    {
        ["°C"] = ("temperature", 1, 0), ["degC"] = ("temperature", 1, 0), ["C"] = ("temperature", 1, 0),
        ["K"] = ("temperature", 1, -273.15),
        ["°F"] = ("temperature", 5.0 / 9, -32 * 5.0 / 9), ["degF"] = ("temperature", 5.0 / 9, -32 * 5.0 / 9),
        ["W"] = ("power", 1, 0), ["kW"] = ("power", 1e3, 0), ["MW"] = ("power", 1e6, 0),
        ["Wh"] = ("energy", 3600, 0), ["kWh"] = ("energy", 3.6e6, 0), ["MWh"] = ("energy", 3.6e9, 0), ["J"] = ("energy", 1, 0), ["kJ"] = ("energy", 1e3, 0), ["MJ"] = ("energy", 1e6, 0),
        ["Pa"] = ("pressure", 1, 0), ["kPa"] = ("pressure", 1e3, 0), ["MPa"] = ("pressure", 1e6, 0), ["bar"] = ("pressure", 1e5, 0), ["mbar"] = ("pressure", 100, 0), ["psi"] = ("pressure", 6894.757293168, 0),
        ["rpm"] = ("rotation", 1, 0), ["r/min"] = ("rotation", 1, 0), ["Hz"] = ("frequency", 1, 0), ["kHz"] = ("frequency", 1e3, 0),
        ["m/s"] = ("velocity", 1, 0), ["mm/s"] = ("velocity", 1e-3, 0), ["km/h"] = ("velocity", 1 / 3.6, 0),
        ["m/s²"] = ("acceleration", 1, 0), ["m/s2"] = ("acceleration", 1, 0), ["g"] = ("acceleration", 9.80665, 0),
        ["A"] = ("current", 1, 0), ["mA"] = ("current", 1e-3, 0), ["V"] = ("voltage", 1, 0), ["mV"] = ("voltage", 1e-3, 0), ["kV"] = ("voltage", 1e3, 0),
        ["m"] = ("length", 1, 0), ["mm"] = ("length", 1e-3, 0), ["µm"] = ("length", 1e-6, 0), ["um"] = ("length", 1e-6, 0),
        ["kg"] = ("mass", 1, 0), ["t"] = ("mass", 1e3, 0),
        ["s"] = ("time", 1, 0), ["ms"] = ("time", 1e-3, 0), ["min"] = ("time", 60, 0), ["h"] = ("time", 3600, 0),
        ["%"] = ("ratio", 0.01, 0), ["ratio"] = ("ratio", 1, 0),
        ["m³/h"] = ("flow", 1.0 / 3600, 0), ["m3/h"] = ("flow", 1.0 / 3600, 0), ["L/min"] = ("flow", 1e-3 / 60, 0), ["l/min"] = ("flow", 1e-3 / 60, 0), ["m³/s"] = ("flow", 1, 0),
    };

    /// <summary>
    /// Returns a converter from <paramref name="from"/> to <paramref name="to"/>, or false when the units
    /// are not both known and of the same dimension. Identical units always convert.
    /// </summary>
    public static bool TryGetConversion(string from, string to, out Func<double, double> convert)
    {
        if (string.Equals(from, to, StringComparison.Ordinal))
        {
            convert = static v => v;
            return true;
        }
        if (Table.TryGetValue(from, out var a) && Table.TryGetValue(to, out var b) && a.Dimension == b.Dimension)
        {
            convert = v => ((v * a.Factor) + a.Offset - b.Offset) / b.Factor;
            return true;
        }
        convert = static v => v;
        return false;
    }
}
