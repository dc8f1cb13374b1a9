using Zhizao.Forecasting.Methods;

namespace Zhizao.Forecasting.Tests;

public sealed class MstlTrendSmoothingTests
{
    [Fact]
    public void Variance_factor_and_damped_point_match_the_hand_computed_formula()
    {
        var fit = new MstlTrendFit(MstlTrendKind.Damped, 0.5, 0.1, 0.9, 10, 2, 1, 50, 0, 0);

        // 1 + (0.5 + 0.1·0.9)² + (0.5 + 0.1·(0.9 + 0.81))²
        Assert.Equal(1 + (0.59 * 0.59) + (0.671 * 0.671), fit.VarianceFactor(3), 1e-12);
        Assert.Equal(10 + ((0.9 + 0.81 + 0.729) * 2), fit.Point(3), 1e-12);
    }

    [Fact]
    public void Holt_fits_a_straight_line_exactly_and_aicc_prefers_a_trend_there()
    {
        var line = Enumerable.Range(0, 60).Select(t => 5 + (1.5 * t) + (0.01 * Math.Sin(t))).ToArray();

        var holt = MstlTrendSmoothing.Fit(line, MstlTrendKind.Additive);
        var chosen = MstlTrendSmoothing.Select(line, [MstlTrendKind.None, MstlTrendKind.Additive, MstlTrendKind.Damped]);

        Assert.Equal(5 + (1.5 * 62), holt.Point(3), 0.05);
        Assert.True(holt.SumSquaredErrors < 0.05);
        Assert.NotEqual(MstlTrendKind.None, chosen.Kind);
    }

    [Fact]
    public void Recursion_matches_hand_computed_steps()
    {
        // α = 0.5, β = 0.2, φ = 0.9, l₀ = 10, b₀ = 1 on y = 12, 13: ŷ₁ = 10.9, e₁ = 1.1, l₁ = 11.45, b₁ = 1.12;
        // ŷ₂ = 11.45 + 1.008 = 12.458, e₂ = 0.542: the 1-step errors from origin 0 and the 2-step one are y − ŷ.
        var fit = new MstlTrendFit(MstlTrendKind.Damped, 0.5, 0.2, 0.9, 0, 0, 0, 3, 10, 1);
        var errors = fit.StepErrors([12, 13, 14], 2);

        Assert.Equal(13 - 12.458, errors[0][0], 1e-12);
        Assert.Equal(14 - (11.45 + ((0.9 + 0.81) * 1.12)), errors[1][0], 1e-12);
    }

    [Fact]
    public void Short_series_falls_back_to_naive_with_a_note()
    {
        var forecast = new MstlTrendForecaster().Forecast(new SeriesInput("s", [1, 2, 3], 1), 2, [95]);

        Assert.Equal("naive", forecast.Method);
        Assert.Contains("trend-smoothing fell back to naive", forecast.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void Empirical_intervals_come_from_in_sample_step_errors()
    {
        var values = Enumerable.Range(0, 200).Select(t => 50 + (5 * Math.Sin(t * 2.1))).ToArray();
        var analytic = new MstlTrendForecaster(MstlTrendKind.None).Forecast(new SeriesInput("s", values, 1), 3, [95]);
        var empirical = new MstlTrendForecaster(MstlTrendKind.None) { EmpiricalIntervals = true }.Forecast(new SeriesInput("s", values, 1), 3, [95]);

        Assert.Equal(analytic.Point, empirical.Point);
        Assert.NotEqual(analytic.Intervals[95].Upper[0], empirical.Intervals[95].Upper[0]);
        Assert.InRange(empirical.Intervals[95].Upper[0] - empirical.Point[0], 3, 12);
    }
}
