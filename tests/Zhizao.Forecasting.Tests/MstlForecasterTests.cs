using Zhizao.Forecasting.Methods;
using Zhizao.Forecasting.Seasonality;

namespace Zhizao.Forecasting.Tests;

public sealed class MstlForecasterTests
{
    private static readonly int[] Levels = [80, 95];

    private static double Pattern(int t) =>
        100 + (0.02 * t) + (20 * Math.Sin(2 * Math.PI * t / 24)) + (t / 24 % 7 >= 5 ? -30 : 0);

    [Fact]
    public void Daily_and_weekly_patterns_with_trend_are_continued_closely()
    {
        var history = Enumerable.Range(0, 24 * 7 * 4).Select(t => Pattern(t) + Math.Sin(t * 1.7)).ToArray();
        var forecast = new MstlForecaster().Forecast(new SeriesInput("s", history, 24), 48, Levels);

        Assert.Equal("mstl", forecast.Method);
        Assert.Null(forecast.Note);
        for (var h = 0; h < 48; h++)
        {
            Assert.InRange(forecast.Point[h], Pattern(history.Length + h) - 4, Pattern(history.Length + h) + 4);
            var (lower80, upper80) = (forecast.Intervals[80].Lower[h], forecast.Intervals[80].Upper[h]);
            var (lower95, upper95) = (forecast.Intervals[95].Lower[h], forecast.Intervals[95].Upper[h]);
            Assert.True(lower95 <= lower80 && lower80 <= forecast.Point[h] && forecast.Point[h] <= upper80 && upper80 <= upper95);
        }
    }

    [Fact]
    public void Seasonal_components_are_continued_by_their_last_cycle()
    {
        var decomposition = new MstlResult(
            [2, 3],
            [[0, 0, 0, 0, 1, -1], [0, 0, 0, 5, 6, 7]],
            new double[6],
            new double[6]);

        Assert.Equal([1 + 5, -1 + 6, 1 + 7, -1 + 5, 1 + 6], MstlForecaster.SeasonalContinuation(decomposition, 5));
    }

    [Fact]
    public void Adjusted_series_model_is_pluggable()
    {
        var history = Enumerable.Range(0, 24 * 20).Select(t => Pattern(t) + Math.Sin(t * 1.7)).ToArray();
        var forecaster = new MstlForecaster(new MstlForecasterOptions(AdjustedModel: new NaiveForecaster(), BoxCoxLambda: null));
        var decomposition = Mstl.Decompose(history, [24, 168]);
        var seasonal = MstlForecaster.SeasonalContinuation(decomposition, 10);

        var forecast = forecaster.Forecast(new SeriesInput("s", history, 24), 10, Levels);

        for (var h = 0; h < 10; h++)
        {
            Assert.Equal(decomposition.Adjusted()[^1] + seasonal[h], forecast.Point[h], 1e-9);
        }
    }

    [Fact]
    public void Without_seasonal_period_or_enough_history_the_adjusted_model_forecasts_the_series_and_says_so()
    {
        var line = Enumerable.Range(0, 40).Select(t => 3.0 + (2 * t)).ToArray();

        var noPeriod = new MstlForecaster(new MstlForecasterOptions(BoxCoxLambda: null)).Forecast(new SeriesInput("s", line, 1), 3, Levels);
        var short24 = new MstlForecaster().Forecast(new SeriesInput("s", line, 24), 3, Levels);

        Assert.Contains("mstl fell back to trend-smoothing", noPeriod.Note, StringComparison.Ordinal);
        Assert.Contains("no seasonal period", noPeriod.Note, StringComparison.Ordinal);
        Assert.Contains("more than two seasons (48) needed", short24.Note, StringComparison.Ordinal);
        for (var h = 0; h < 3; h++)
        {
            Assert.Equal(3.0 + (2 * (40 + h)), noPeriod.Point[h], 1e-3);
        }
    }

    [Fact]
    public void Constant_zero_and_negative_series_give_finite_forecasts()
    {
        foreach (var value in new[] { 5.0, 0.0, -3.0 })
        {
            var forecast = new MstlForecaster().Forecast(new SeriesInput("c", Enumerable.Repeat(value, 400).ToArray(), 24), 24, Levels);

            Assert.All(forecast.Point, p => Assert.Equal(value, p, 1e-6));
            Assert.All(forecast.Intervals.Values, b => Assert.True(b.Lower.All(double.IsFinite) && b.Upper.All(double.IsFinite)));
        }

        var mixed = Enumerable.Range(0, 400).Select(t => Pattern(t) - 100).ToArray();
        var signed = new MstlForecaster().Forecast(new SeriesInput("m", mixed, 24), 24, Levels);
        Assert.All(signed.Point, p => Assert.True(double.IsFinite(p)));
    }

    [Fact]
    public void Box_cox_round_trips_and_the_square_root_default_keeps_positive_bounds()
    {
        foreach (var lambda in new[] { 0.0, 0.5, 1.3 })
        {
            Assert.Equal(7.25, MstlBoxCox.Inverse(MstlBoxCox.Transform(7.25, lambda), lambda), 1e-12);
        }

        Assert.Equal(2 * (Math.Sqrt(9) - 1), MstlBoxCox.Transform(9, 0.5), 1e-12);
        var history = Enumerable.Range(0, 24 * 15).Select(t => 1 + Math.Abs(Pattern(t) - 90) + Math.Sin(t * 1.7)).ToArray();
        var forecast = new MstlForecaster().Forecast(new SeriesInput("p", history, 24), 48, Levels);
        Assert.All(forecast.Intervals[95].Lower, l => Assert.True(l >= 0));
    }

    [Fact]
    public void Bad_requests_are_rejected_precisely()
    {
        var forecaster = new MstlForecaster();

        Assert.Throws<ArgumentException>(() => forecaster.Forecast(new SeriesInput("e", [], 24), 5, Levels));
        Assert.Throws<ArgumentException>(() => forecaster.Forecast(new SeriesInput("n", [1, double.NaN, 3], 24), 5, Levels));
        Assert.Throws<ArgumentOutOfRangeException>(() => forecaster.Forecast(new SeriesInput("h", [1, 2, 3], 24), 0, Levels));
    }

    [Fact]
    public void Catalog_offers_mstl()
    {
        Assert.True(ForecasterCatalog.TryGet("mstl", out var forecaster));
        Assert.IsType<MstlForecaster>(forecaster);
    }
}
