using Zhizao.Forecasting.Seasonality;

namespace Zhizao.Forecasting.Tests;

public sealed class MstlTests
{
    private static double[] DailyWeekly(int n) =>
        Enumerable.Range(0, n).Select(t => 50 + (0.05 * t) + (8 * Math.Sin(2 * Math.PI * t / 24)) + (4 * Math.Sin(2 * Math.PI * t / 168)) + (3 * Math.Sin(t * 1.3))).ToArray();

    [Fact]
    public void Matches_R_mstl_for_daily_and_weekly_periods()
    {
        // R 4.2.2, forecast 8.20: t <- 0:399; z <- 50 + 0.05*t + 8*sin(2*pi*t/24) + 4*sin(2*pi*t/168) + 3*sin(t*1.3);
        // mstl(msts(z, seasonal.periods = c(24, 168)))
        var result = Mstl.Decompose(DailyWeekly(400), [168, 24]);

        Assert.Equal([24, 168], result.Periods);
        Assert.Equal(-1.885232524263, result.Seasonals[0][0], 1e-9);
        Assert.Equal(10.405571736373, result.Seasonals[0][199], 1e-9);
        Assert.Equal(-8.127981291014, result.Seasonals[0][399], 1e-9);
        Assert.Equal(0.739779753821, result.Seasonals[1][0], 1e-9);
        Assert.Equal(2.854320986660, result.Seasonals[1][199], 1e-9);
        Assert.Equal(3.772295334435, result.Seasonals[1][399], 1e-9);
        Assert.Equal(50.091589037118, result.Trend[0], 1e-9);
        Assert.Equal(59.950063986453, result.Trend[199], 1e-9);
        Assert.Equal(69.920220047011, result.Trend[399], 1e-9);
    }

    [Fact]
    public void Components_add_up_to_the_series_and_adjusted_is_trend_plus_remainder()
    {
        var values = DailyWeekly(500);
        var result = Mstl.Decompose(values, [24, 168]);
        var adjusted = result.Adjusted();

        for (var t = 0; t < values.Length; t++)
        {
            Assert.Equal(values[t], result.Seasonals[0][t] + result.Seasonals[1][t] + result.Trend[t] + result.Remainder[t], 1e-9);
            Assert.Equal(values[t] - result.Seasonals[0][t] - result.Seasonals[1][t], adjusted[t], 1e-9);
        }
    }

    [Fact]
    public void Periods_are_sorted_and_kept_only_when_they_fit_more_than_twice()
    {
        Assert.Equal([24, 168], Mstl.UsablePeriods([168, 24], 337));
        Assert.Equal([24], Mstl.UsablePeriods([168, 24], 336));
        Assert.Empty(Mstl.UsablePeriods([24, 1], 48));
    }

    [Fact]
    public void Without_a_usable_period_the_series_is_all_trend()
    {
        var result = Mstl.Decompose([1.0, 2, 3, 4, 5], [24]);

        Assert.Empty(result.Periods);
        Assert.Equal([1.0, 2, 3, 4, 5], result.Trend);
        Assert.All(result.Remainder, r => Assert.Equal(0, r));
    }

    [Fact]
    public void Seasonal_leverage_is_one_per_phase_for_a_periodic_window()
    {
        // A periodic window averages each phase's values: trace 1 per phase, last-point variance 1 / count.
        var result = Mstl.Decompose(DailyWeekly(240), [24], new MstlOptions(SeasonalWindows: [null]));

        Assert.Equal(24, result.SeasonalDegreesOfFreedom, 1e-4);
        Assert.Equal(0.1, result.LastCycleVariance, 1e-4);
    }
}
