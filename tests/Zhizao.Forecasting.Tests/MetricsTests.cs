using Zhizao.Forecasting.Evaluation;

namespace Zhizao.Forecasting.Tests;

public sealed class MetricsTests
{
    private static readonly double[] Insample = [1, 3, 2, 5];

    [Fact]
    public void Smape_is_the_mean_of_200_abs_error_over_abs_sum()
    {
        // 200·10/210 and 200·20/380.
        var expected = ((2000.0 / 210) + (4000.0 / 380)) / 2;
        Assert.Equal(expected, Metrics.Smape([100, 200], [110, 180]), 12);
    }

    [Fact]
    public void Smape_counts_a_perfect_zero_forecast_of_zero_as_no_error()
    {
        Assert.Equal(100, Metrics.Smape([0, 0], [0, 1]), 12);
    }

    [Fact]
    public void Mase_scales_by_the_in_sample_mean_absolute_difference_at_lag_m()
    {
        // Lag 1 differences 2, 1, 3 (mean 2); lag 2 differences 1, 2 (mean 1.5). Forecast MAE is 1.
        Assert.Equal(0.5, Metrics.Mase(Insample, [4, 6], [5, 5], 1), 12);
        Assert.Equal(1 / 1.5, Metrics.Mase(Insample, [4, 6], [5, 5], 2), 12);
    }

    [Fact]
    public void Mase_uses_lag_one_when_the_in_sample_is_no_longer_than_m()
    {
        Assert.Equal(2.0, Metrics.Scale([1, 3, 2, 5], 4), 12);
        Assert.Equal(0.5, Metrics.Mase([1, 3], [4], [5], 2), 12);
    }

    [Fact]
    public void Owa_averages_the_two_ratios_to_naive2()
    {
        Assert.Equal(0.75, Metrics.Owa(10, 1, 20, 1), 12);
    }

    [Fact]
    public void Msis_adds_the_width_and_2_over_alpha_times_each_miss_then_scales()
    {
        // Widths 2, 6, 4; misses: 0 is 2 below 2 and 12 is 2 above 10, each costing 40·2. (2 + 86 + 84) / 3 / scale 2.
        var msis = Metrics.Msis(Insample, [5, 0, 12], [4, 2, 6], [6, 8, 10], 1);
        Assert.Equal(172.0 / 3 / 2, msis, 12);
    }

    [Fact]
    public void Coverage_counts_values_on_the_bounds_as_inside()
    {
        Assert.Equal(0.5, Metrics.Coverage([4, 6, 0, 12], [4, 2, 2, 6], [6, 6, 8, 10]), 12);
    }

    [Fact]
    public void Metrics_reject_series_of_different_lengths()
    {
        var error = Assert.Throws<ArgumentException>(() => Metrics.Smape([1, 2], [1]));
        Assert.Contains("1 values but there are 2", error.Message, StringComparison.Ordinal);
    }
}
