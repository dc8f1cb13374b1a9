using Zhizao.Forecasting.Methods;

namespace Zhizao.Forecasting.Tests;

public sealed class MultiSeasonalForecasterTests
{
    private static readonly int[] Levels = [80, 95];

    private static double Pattern(int t) =>
        100 * (1 + (0.5 * Math.Sin(2 * Math.PI * t / 24))) * (t / 24 % 7 >= 5 ? 0.6 : 1.0);

    [Fact]
    public void Daily_and_weekly_multiplicative_patterns_are_reproduced_closely()
    {
        var history = Enumerable.Range(0, 24 * 7 * 4).Select(t => Pattern(t) * (1 + (0.01 * Math.Sin(t * 1.7)))).ToArray();
        var forecast = new MultiSeasonalForecaster().Forecast(new SeriesInput("s", history, 24), 48, Levels);

        Assert.Equal("mseas", forecast.Method);
        Assert.Null(forecast.Note);
        for (var h = 0; h < 48; h++)
        {
            var actual = Pattern(history.Length + h);
            Assert.InRange(forecast.Point[h], actual - (0.05 * 100), actual + (0.05 * 100));
            Assert.True(forecast.Intervals[95].Lower[h] <= forecast.Point[h] && forecast.Point[h] <= forecast.Intervals[95].Upper[h]);
        }
    }

    [Fact]
    public void Log_option_reproduces_the_multiplicative_patterns_too()
    {
        var history = Enumerable.Range(0, 24 * 7 * 3).Select(Pattern).ToArray();
        var forecast = new MultiSeasonalForecaster(new MultiSeasonalOptions(LogWhenPositive: true))
            .Forecast(new SeriesInput("s", history, 24), 24, Levels);

        for (var h = 0; h < 24; h++)
        {
            Assert.Equal(Pattern(history.Length + h), forecast.Point[h], 1e-6);
        }
    }

    [Fact]
    public void Weekly_period_is_used_only_for_hourly_series_with_two_weeks()
    {
        var forecaster = new MultiSeasonalForecaster();
        Assert.Equal([168, 24], forecaster.Periods(24, 336));
        Assert.Equal([24], forecaster.Periods(24, 335));
        Assert.Equal([7], forecaster.Periods(7, 700));
        Assert.Empty(forecaster.Periods(24, 47));
    }

    [Fact]
    public void Short_history_falls_back_to_theta_and_says_so()
    {
        var forecast = new MultiSeasonalForecaster().Forecast(new SeriesInput("s", [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 24), 5, Levels);

        Assert.NotEqual("mseas", forecast.Method);
        Assert.Contains("mseas fell back to theta", forecast.Note, StringComparison.Ordinal);
        Assert.All(forecast.Point, p => Assert.True(double.IsFinite(p)));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(42.0)]
    public void Constant_series_gives_finite_flat_forecasts(double value)
    {
        var history = Enumerable.Repeat(value, 24 * 20).ToArray();
        foreach (var options in new[] { new MultiSeasonalOptions(), new MultiSeasonalOptions(LogWhenPositive: true, Model: AdjustedSeriesModel.Theta) })
        {
            var forecast = new MultiSeasonalForecaster(options).Forecast(new SeriesInput("c", history, 24), 48, Levels);

            Assert.Equal("mseas", forecast.Method);
            Assert.All(forecast.Point, p => Assert.Equal(value, p, 1e-9));
            Assert.All(forecast.Intervals.Values, b => Assert.All(b.Lower.Concat(b.Upper), x => Assert.Equal(value, x, 1e-9)));
        }
    }

    [Fact]
    public void Catalog_finds_the_method()
    {
        Assert.True(ForecasterCatalog.TryGet("MSEAS", out var forecaster));
        Assert.IsType<MultiSeasonalForecaster>(forecaster);
    }
}
