using System.Globalization;

namespace Zhizao.Forecasting.Methods.Arima;

/// <summary>The orders of a seasonal ARIMA(p,d,q)(P,D,Q)m model.</summary>
/// <param name="Ar">Non-seasonal autoregressive order p.</param>
/// <param name="Differences">Non-seasonal differences d.</param>
/// <param name="Ma">Non-seasonal moving-average order q.</param>
/// <param name="SeasonalAr">Seasonal autoregressive order P.</param>
/// <param name="SeasonalDifferences">Seasonal differences D.</param>
/// <param name="SeasonalMa">Seasonal moving-average order Q.</param>
/// <param name="Period">Seasonal period m (1 when the model has no seasonal part).</param>
public sealed record ArimaOrder(int Ar, int Differences, int Ma, int SeasonalAr, int SeasonalDifferences, int SeasonalMa, int Period)
{
    /// <summary>Observations lost to differencing: d + D·m.</summary>
    public int LostToDifferencing => Differences + (SeasonalDifferences * Period);

    /// <summary>Whether the model has any seasonal term.</summary>
    public bool IsSeasonal => Period > 1 && (SeasonalAr + SeasonalDifferences + SeasonalMa) > 0;

    /// <summary>R's notation, e.g. "ARIMA(2,1,1)(0,1,1)[24]".</summary>
    public override string ToString() => IsSeasonal
        ? string.Create(CultureInfo.InvariantCulture, $"ARIMA({Ar},{Differences},{Ma})({SeasonalAr},{SeasonalDifferences},{SeasonalMa})[{Period}]")
        : string.Create(CultureInfo.InvariantCulture, $"ARIMA({Ar},{Differences},{Ma})");
}
