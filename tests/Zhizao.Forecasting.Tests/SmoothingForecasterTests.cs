using Zhizao.Forecasting.Methods;

namespace Zhizao.Forecasting.Tests;

public sealed class SmoothingForecasterTests
{
    private const double Z95 = 1.959963984540054;
    private static readonly int[] Level95 = [95];

    [Fact]
    public void Ses_recursion_matches_a_hand_computation()
    {
        // α = 0.3, l0 = 10 on 10, 12, 11, 15: errors 0, 2, 0.4, 4.28; levels 10, 10.6, 10.72, 12.004.
        var fit = SimpleExponentialSmoothing.Run([10, 12, 11, 15], 0.3, 10);

        Assert.Equal(12.004, fit.FinalLevel, 12);
        Assert.Equal(4 + 0.16 + (4.28 * 4.28), fit.SumSquaredErrors, 12);
        Assert.Equal(Math.Sqrt(fit.SumSquaredErrors / 1), fit.Sigma, 12);
    }

    [Fact]
    public void Ses_initial_level_is_the_least_squares_one_for_a_fixed_alpha()
    {
        // With l0 = 0 the errors are 2, 3, 0.5 and their l0 weights 1, 0.5, 0.25: l0 = 3.625 / 1.3125.
        double[] values = [2, 4, 3];
        var fit = SimpleExponentialSmoothing.FitWithAlpha(values, 0.5);

        Assert.Equal(3.625 / 1.3125, fit.InitialLevel, 12);
        Assert.True(SimpleExponentialSmoothing.Run(values, 0.5, fit.InitialLevel + 0.01).SumSquaredErrors > fit.SumSquaredErrors);
        Assert.True(SimpleExponentialSmoothing.Run(values, 0.5, fit.InitialLevel - 0.01).SumSquaredErrors > fit.SumSquaredErrors);
    }

    [Fact]
    public void Ses_fitted_alpha_is_no_worse_than_any_alpha_on_a_fine_grid()
    {
        var random = new Random(3);
        var level = 50.0;
        var values = new double[60];
        for (var t = 0; t < values.Length; t++)
        {
            level += random.NextDouble() - 0.5;
            values[t] = level + (3 * (random.NextDouble() - 0.5));
        }

        var fit = SimpleExponentialSmoothing.Fit(values);

        for (var alpha = 0.001; alpha < 1; alpha += 0.001)
        {
            Assert.True(fit.SumSquaredErrors <= SimpleExponentialSmoothing.FitWithAlpha(values, alpha).SumSquaredErrors + 1e-9, $"alpha {alpha}");
        }
    }

    [Fact]
    public void Ses_forecast_is_flat_at_the_last_level_with_widening_intervals()
    {
        var fit = new SesFit(0.5, 0, 10, 0, 2);

        var forecast = SesForecaster.FromFit("ses", fit, 3, Level95, _ => 0);

        Assert.Equal([10.0, 10, 10], forecast.Point);
        Assert.Equal(10 + (Z95 * 2), forecast.Intervals[95].Upper[0], 9);
        Assert.Equal(10 + (Z95 * 2 * Math.Sqrt(1.5)), forecast.Intervals[95].Upper[2], 9);
    }

    [Fact]
    public void Ses_on_a_random_walk_picks_a_large_alpha_and_on_noise_a_small_one()
    {
        var random = new Random(11);
        var walk = new double[200];
        var noise = new double[200];
        for (var t = 1; t < walk.Length; t++)
        {
            walk[t] = walk[t - 1] + random.NextDouble() - 0.5;
            noise[t] = random.NextDouble();
        }

        Assert.True(SimpleExponentialSmoothing.Fit(walk).Alpha > 0.8);
        Assert.True(SimpleExponentialSmoothing.Fit(noise).Alpha < 0.2);
    }

    [Fact]
    public void Ses_adjusts_for_seasonality_like_the_M4_benchmark()
    {
        var history = SeasonalityTests.PerfectlySeasonal(10, [0.5, 1.5, 1, 1], 4);

        var forecast = new SesForecaster().Forecast(new SeriesInput("s", history, 4), 3, Level95);

        Assert.Equal([5.0, 15, 10], forecast.Point.Select(p => Math.Round(p, 9)));
    }

    [Fact]
    public void Ses_with_two_values_falls_back_to_naive()
    {
        var forecast = new SesForecaster().Forecast(new SeriesInput("s", [4, 6], 1), 2, Level95);

        Assert.Equal("naive", forecast.Method);
        Assert.Equal([6.0, 6], forecast.Point);
        Assert.Contains("ses fell back to naive", forecast.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void Trend_slope_is_the_least_squares_slope()
    {
        Assert.Equal(1.1, ThetaForecaster.TrendSlope([1, 3, 2, 5]), 12);
    }

    [Fact]
    public void Theta_is_ses_plus_half_the_trend_slope_drift()
    {
        double[] values = [3, 5, 4, 7, 8, 7, 10, 11];
        var fit = SimpleExponentialSmoothing.Fit(values);
        var b = ThetaForecaster.TrendSlope(values);
        var offset = (1 - Math.Pow(1 - fit.Alpha, values.Length)) / fit.Alpha;

        var forecast = new ThetaForecaster().Forecast(new SeriesInput("s", values, 1), 4, Level95);

        for (var h = 1; h <= 4; h++)
        {
            Assert.Equal(fit.FinalLevel + (b / 2 * (h - 1 + offset)), forecast.Point[h - 1], 9);
        }
    }

    [Fact]
    public void Theta_on_a_straight_line_continues_at_half_the_slope()
    {
        // SES follows a line with α → 1, its level ends at the last value, and the drift is b/2·h.
        var line = Enumerable.Range(1, 10).Select(t => (double)t).ToArray();

        var forecast = new ThetaForecaster().Forecast(new SeriesInput("s", line, 1), 3, Level95);

        Assert.Equal([10.5, 11, 11.5], forecast.Point.Select(p => Math.Round(p, 2)));
    }

    [Fact]
    public void Theta_reproduces_a_perfectly_seasonal_multiplicative_series()
    {
        var history = SeasonalityTests.PerfectlySeasonal(10, [0.5, 1.5, 1, 1], 4);

        var forecast = new ThetaForecaster().Forecast(new SeriesInput("s", history, 4), 5, Level95);

        double[] expected = [5, 15, 10, 10, 5];
        for (var h = 0; h < expected.Length; h++)
        {
            Assert.Equal(expected[h], forecast.Point[h], 6);
        }
    }
}
