using Zhizao.Forecasting.Methods;

namespace Zhizao.Forecasting.Tests;

public sealed class BaselineForecasterTests
{
    private const double Z95 = 1.959963984540054;
    private static readonly int[] Level95 = [95];

    [Fact]
    public void Naive_repeats_the_last_value_with_sigma_root_h_intervals()
    {
        var forecast = new NaiveForecaster().Forecast(new SeriesInput("s", [1, 3, 2, 5], 1), 3, Level95);

        Assert.Equal([5.0, 5, 5], forecast.Point);
        // One-step changes 2, −1, 3: σ = sqrt(14/3).
        var (lower, upper) = forecast.Intervals[95];
        Assert.Equal(5 + (Z95 * Math.Sqrt(14.0 / 3) * Math.Sqrt(2)), upper[1], 9);
        Assert.Equal(5 - (Z95 * Math.Sqrt(14.0 / 3) * Math.Sqrt(3)), lower[2], 9);
        Assert.Null(forecast.Note);
    }

    [Fact]
    public void Seasonal_naive_repeats_the_last_season()
    {
        var forecast = new SeasonalNaiveForecaster().Forecast(new SeriesInput("s", [1, 2, 3, 4, 5, 6, 7], 3), 5, Level95);

        Assert.Equal("snaive", forecast.Method);
        Assert.Equal([5.0, 6, 7, 5, 6], forecast.Point);
        // Seasonal differences are all 3, so σ = 3; step 4 is in the second season: se = 3·√2.
        Assert.Equal(5 + (Z95 * 3 * Math.Sqrt(2)), forecast.Intervals[95].Upper[3], 9);
        Assert.Equal(7 + (Z95 * 3), forecast.Intervals[95].Upper[2], 9);
    }

    [Fact]
    public void Seasonal_naive_falls_back_to_naive_without_a_full_season_and_says_so()
    {
        var forecast = new SeasonalNaiveForecaster().Forecast(new SeriesInput("s", [1, 2, 3], 4), 2, Level95);

        Assert.Equal("naive", forecast.Method);
        Assert.Equal([3.0, 3], forecast.Point);
        Assert.Contains("snaive fell back to naive", forecast.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void Naive2_reproduces_a_perfectly_seasonal_multiplicative_series()
    {
        double[] pattern = [0.5, 1.5, 1, 1];
        var history = SeasonalityTests.PerfectlySeasonal(10, pattern, 4);

        var forecast = new Naive2Forecaster().Forecast(new SeriesInput("s", history, 4), 6, Level95);

        double[] expected = [5, 15, 10, 10, 5, 15];
        for (var h = 0; h < expected.Length; h++)
        {
            Assert.Equal(expected[h], forecast.Point[h], 9);
            Assert.Equal(expected[h], forecast.Intervals[95].Lower[h], 9);
            Assert.Equal(expected[h], forecast.Intervals[95].Upper[h], 9);
        }
    }

    [Fact]
    public void Naive2_scales_intervals_by_the_seasonal_index_of_each_step()
    {
        double[] pattern = [0.5, 1.5, 1, 1];
        var history = SeasonalityTests.PerfectlySeasonal(10, pattern, 4);
        history[^1] = 12; // the adjusted series now ends with a change of 2 (and starts with no others)

        var forecast = new Naive2Forecaster().Forecast(new SeriesInput("s", history, 4), 2, Level95);

        var (lower, upper) = forecast.Intervals[95];
        var widthRatio = (upper[1] - lower[1]) / (upper[0] - lower[0]);
        // Step 2 has index 1.5 and se √2; step 1 has index 0.5 and se 1 (indices estimated from the data, so approximately).
        Assert.Equal(3 * Math.Sqrt(2), widthRatio, 1);
        Assert.True(forecast.Point[1] > forecast.Point[0]);
    }

    [Fact]
    public void Naive2_without_seasonality_is_naive()
    {
        var forecast = new Naive2Forecaster().Forecast(new SeriesInput("s", [1, 3, 2, 5], 1), 2, Level95);
        var naive = new NaiveForecaster().Forecast(new SeriesInput("s", [1, 3, 2, 5], 1), 2, Level95);

        Assert.Equal("naive2", forecast.Method);
        Assert.Equal(naive.Point, forecast.Point);
        Assert.Equal(naive.Intervals[95].Upper, forecast.Intervals[95].Upper);
    }

    [Fact]
    public void Naive2_does_not_adjust_a_seasonal_series_with_zeros_and_says_so()
    {
        var history = Enumerable.Range(0, 20).Select(t => t % 2 == 0 ? 0.0 : 5.0).ToArray();

        var forecast = new Naive2Forecaster().Forecast(new SeriesInput("s", history, 2), 3, Level95);

        Assert.Equal([5.0, 5, 5], forecast.Point);
        Assert.Contains("not strictly positive", forecast.Note, StringComparison.Ordinal);
    }
}
