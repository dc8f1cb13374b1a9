using System.Text.Json.Serialization;
using Zhizao.Forecasting;

namespace Zhizao.Agents.Supply.Data;

/// <summary>What the reader noticed about one series; the matching findings say more.</summary>
[Flags]
[JsonConverter(typeof(JsonStringEnumConverter<SeriesFlags>))]
public enum SeriesFlags
{
    /// <summary>Nothing noticed.</summary>
    None = 0,
    /// <summary>Missing periods were filled with zero demand.</summary>
    GapsFilled = 1,
    /// <summary>One gap is longer than a quarter of the span: check for an outage, a stock-out or an inactive period.</summary>
    LongGap = 2,
    /// <summary>Rows for the same period were summed.</summary>
    DuplicatesSummed = 4,
    /// <summary>Fewer periods than the minimum: forecasters fall back to simple methods.</summary>
    FewObservations = 8,
    /// <summary>Every value is zero.</summary>
    AllZero = 16,
}

/// <summary>
/// The demand of one item as an equally spaced series: <see cref="Values"/>[k] is the demand of the period starting at
/// <see cref="Start"/> + k·<see cref="Step"/>. Times are plant-local clock times as written in the file.
/// </summary>
/// <param name="ItemId">The item id as written (trimmed).</param>
/// <param name="Start">Start of the first period.</param>
/// <param name="Step">Length of a period (1 day for daily data).</param>
/// <param name="Values">Demand per period, oldest first; finite and non-negative.</param>
/// <param name="Flags">What the reader noticed.</param>
/// <param name="FilledPeriods">How many periods were missing and filled with zero.</param>
public sealed record DemandSeries(
    string ItemId,
    DateTime Start,
    TimeSpan Step,
    IReadOnlyList<double> Values,
    SeriesFlags Flags = SeriesFlags.None,
    int FilledPeriods = 0)
{
    /// <summary>Start of the last period.</summary>
    public DateTime End => TimeAt(Values.Count - 1);

    /// <summary>Start of the first period after the history: where a forecast of this series begins.</summary>
    public DateTime ForecastStart => TimeAt(Values.Count);

    /// <summary>Start of period <paramref name="index"/> (may lie beyond the history).</summary>
    public DateTime TimeAt(int index) => Start + (Step * index);

    /// <summary>The share of periods with zero demand (0 for an empty series).</summary>
    public double ZeroShare => Values.Count == 0 ? 0 : Values.Count(v => v == 0) / (double)Values.Count;

    /// <summary>The series as a forecaster's input, with the seasonal period usual for its step.</summary>
    public SeriesInput ToSeriesInput() => new(ItemId, Values, SeasonalPeriodFor(Step));

    /// <summary>The usual seasonal period: 7 for daily data (weekly cycle), 24 for hourly (daily cycle), 52 for weekly; 1 otherwise.</summary>
    public static int SeasonalPeriodFor(TimeSpan step) =>
        step == TimeSpan.FromDays(1) ? 7
        : step == TimeSpan.FromHours(1) ? 24
        : step == TimeSpan.FromDays(7) ? 52
        : 1;
}
