using Zhizao.Forecasting.Seasonality;

namespace Zhizao.Forecasting.Tests;

public sealed class StlTests
{
    private static double[] SinePlusLine(int n, int period) =>
        Enumerable.Range(0, n).Select(t => 20 + (0.5 * t) + (10 * Math.Sin(2 * Math.PI * t / period))).ToArray();

    [Fact]
    public void Sine_plus_linear_trend_separates_into_the_sine_and_the_line()
    {
        var values = SinePlusLine(120, 12);
        var result = Stl.Decompose(values, 12);

        // The end effects of the trend loess bias the phase means a little: R's stl gives the same errors (at most 0.28 in the
        // seasonal and 0.23 in the trend for this series), 3 % of the amplitude.
        for (var t = 0; t < values.Length; t++)
        {
            Assert.Equal(10 * Math.Sin(2 * Math.PI * t / 12), result.Seasonal[t], 0.3);
            Assert.Equal(20 + (0.5 * t), result.Trend[t], 0.25);
            Assert.Equal(values[t], result.Seasonal[t] + result.Trend[t] + result.Remainder[t], 1e-9);
        }
    }

    [Fact]
    public void Periodic_seasonal_repeats_each_cycle_and_sums_to_about_zero_over_one()
    {
        var values = SinePlusLine(96, 12).Select((v, t) => v + (3 * Math.Sin(t * 1.7))).ToArray();
        var seasonal = Stl.Decompose(values, 12).Seasonal;

        for (var t = 12; t < seasonal.Length; t++)
        {
            Assert.Equal(seasonal[t - 12], seasonal[t], 1e-12);
        }

        Assert.InRange(seasonal.Take(12).Sum(), -0.5, 0.5);
    }

    [Fact]
    public void Matches_R_stl_with_a_seasonal_window_and_with_robustness()
    {
        // R 4.2.2: t <- 0:59; y <- 10 + 0.3*t + 5*sin(2*pi*t/12) + 2*cos(2*pi*t/7); stl(ts(y, frequency = 12), s.window = 7)
        var values = Enumerable.Range(0, 60).Select(t => 10 + (0.3 * t) + (5 * Math.Sin(2 * Math.PI * t / 12)) + (2 * Math.Cos(2 * Math.PI * t / 7))).ToArray();
        var plain = Stl.Decompose(values, 12, new StlOptions(SeasonalWindow: 7));
        var robust = Stl.Decompose(values, 12, new StlOptions(SeasonalWindow: 7, Robust: true));

        Assert.Equal(0.077638632054, plain.Seasonal[0], 1e-9);
        Assert.Equal(2.487350692493, plain.Seasonal[29], 1e-9);
        Assert.Equal(-2.690087741560, plain.Seasonal[59], 1e-9);
        Assert.Equal(10.298134597913, plain.Trend[0], 1e-9);
        Assert.Equal(18.700176429812, plain.Trend[29], 1e-9);
        Assert.Equal(27.660486146792, plain.Trend[59], 1e-9);
        // Robust fits agree with R to about 1e-5 relative (R's Fortran uses single-precision constants in the weights).
        Assert.Equal(10.260854826646, robust.Trend[0], 1e-3);
        Assert.Equal(18.701422306345, robust.Trend[29], 1e-3);
        Assert.Equal(27.714362032189, robust.Trend[59], 1e-3);
    }

    [Fact]
    public void Robustness_weights_down_weight_an_injected_outlier_and_keep_it_out_of_the_seasonal()
    {
        var clean = SinePlusLine(120, 12).Select((v, t) => v + Math.Sin(t * 1.3)).ToArray();
        var spiked = (double[])clean.Clone();
        spiked[60] += 200;

        var robust = Stl.Decompose(spiked, 12, new StlOptions(SeasonalWindow: 7, Robust: true));
        var plain = Stl.Decompose(spiked, 12, new StlOptions(SeasonalWindow: 7));
        var reference = Stl.Decompose(clean, 12, new StlOptions(SeasonalWindow: 7));

        Assert.InRange(robust.RobustnessWeights[60], 0, 0.01);
        Assert.True(robust.RobustnessWeights.Where((_, t) => t != 60).Average() > 0.7);
        Assert.All(plain.RobustnessWeights, w => Assert.Equal(1, w));
        var robustError = Math.Abs(robust.Seasonal[60] - reference.Seasonal[60]);
        var plainError = Math.Abs(plain.Seasonal[60] - reference.Seasonal[60]);
        Assert.True(robustError < plainError / 5, $"robust {robustError}, plain {plainError}");
        Assert.True(robust.Remainder[60] > 190);
    }

    [Fact]
    public void Default_windows_follow_R()
    {
        var p = new StlOptions(SeasonalWindow: 11).Resolve(24, 700);

        Assert.Equal(11, p.SeasonalSpan);
        Assert.Equal(43, p.TrendSpan); // nextodd(ceiling(1.5 * 24 / (1 - 1.5 / 11))) = nextodd(42)
        Assert.Equal(25, p.LowPassSpan);
        Assert.Equal((2, 5, 3), (p.SeasonalJump, p.TrendJump, p.LowPassJump));
        Assert.Equal((2, 0), (p.Inner, p.Outer));

        var periodic = new StlOptions(SeasonalWindow: 8, Robust: true).Resolve(12, 100);
        Assert.Equal(9, periodic.SeasonalSpan);
        Assert.Equal((1, 15), (periodic.Inner, periodic.Outer));
    }

    [Fact]
    public void Too_short_history_or_bad_degree_is_rejected()
    {
        Assert.Throws<ArgumentException>(() => Stl.Decompose(SinePlusLine(24, 12), 12));
        Assert.Throws<ArgumentOutOfRangeException>(() => Stl.Decompose(SinePlusLine(24, 12), 1));
        Assert.Throws<ArgumentException>(() => Stl.Decompose(SinePlusLine(48, 12), 12, new StlOptions(SeasonalDegree: 2)));
    }

    [Fact]
    public void Constant_series_has_zero_seasonal_and_flat_trend()
    {
        var result = Stl.Decompose(Enumerable.Repeat(7.0, 50).ToArray(), 7, new StlOptions(SeasonalWindow: 7, Robust: true));

        Assert.All(result.Seasonal, s => Assert.Equal(0, s, 1e-9));
        Assert.All(result.Trend, t => Assert.Equal(7, t, 1e-9));
        Assert.All(result.RobustnessWeights, w => Assert.True(double.IsFinite(w)));
    }
}
