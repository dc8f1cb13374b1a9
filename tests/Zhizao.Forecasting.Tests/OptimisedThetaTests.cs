using Zhizao.Forecasting.Methods;

namespace Zhizao.Forecasting.Tests;

public sealed class OptimisedThetaTests
{
    private static readonly int[] Level95 = [95];

    [Fact]
    public void Theta_two_with_the_ses_parameters_is_the_standard_theta_forecast()
    {
        // A random walk with drift: SES chooses α near 1, so the (1 − α)^n terms that separate the two forms vanish.
        var random = new Random(3);
        var values = new double[120];
        values[0] = 50;
        for (var t = 1; t < values.Length; t++)
        {
            values[t] = values[t - 1] + 0.7 + (3 * (random.NextDouble() - 0.5));
        }

        var ses = SimpleExponentialSmoothing.Fit(values);
        var slope = ThetaForecaster.TrendSlope(values);
        var intercept = values.Average() - (slope * (values.Length + 1) / 2.0);
        var fit = new OptimisedThetaFit(ses.Alpha, 2, ses.InitialLevel, ses.FinalLevel, intercept, slope, ses.SumSquaredErrors / values.Length, values.Length);

        var otm = OptimisedThetaModel.Point(fit, 12);
        var theta = new ThetaForecaster().Forecast(new SeriesInput("rw", values, 1), 12, Level95).Point;

        Assert.True(ses.Alpha > 0.5);
        for (var h = 0; h < 12; h++)
        {
            Assert.Equal(theta[h], otm[h], 8);
        }
    }

    [Fact]
    public void Fixed_theta_two_stays_close_to_the_standard_theta_forecast()
    {
        var values = Noisy(100, t => 30 + (0.4 * t), 4);

        var fit = OptimisedThetaModel.Fit(values, dynamic: false, fixedTheta: 2);
        var otm = OptimisedThetaModel.Point(fit, 10);
        var theta = new ThetaForecaster().Forecast(new SeriesInput("trend", values, 1), 10, Level95).Point;

        Assert.Equal(2, fit.Theta, 12);
        for (var h = 0; h < 10; h++)
        {
            Assert.InRange(otm[h], theta[h] * 0.97, theta[h] * 1.03);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Optimiser_finds_theta_above_two_on_a_strong_trend(bool dynamic)
    {
        var values = Noisy(80, t => 100 + (5 * t), 3);

        var fit = OptimisedThetaModel.Fit(values, dynamic);

        Assert.True(fit.Theta > 2, $"θ = {fit.Theta}");
        var fixedTwo = OptimisedThetaModel.Fit(values, dynamic, fixedTheta: 2);
        Assert.True(fit.MeanSquaredError <= fixedTwo.MeanSquaredError);
    }

    [Fact]
    public void Optimised_forecast_follows_a_strong_trend_better_than_standard_theta()
    {
        var values = Noisy(80, t => 100 + (5 * t), 3);
        var truth = Enumerable.Range(80, 10).Select(t => 100 + (5.0 * t)).ToArray();

        var otm = new OptimisedThetaForecaster().Forecast(new SeriesInput("trend", values, 1), 10, Level95);
        var theta = new ThetaForecaster().Forecast(new SeriesInput("trend", values, 1), 10, Level95);

        Assert.Equal("otm", otm.Method);
        Assert.True(Error(otm.Point, truth) < Error(theta.Point, truth));
    }

    [Fact]
    public void Intervals_grow_with_the_ses_variance_factor()
    {
        var values = Noisy(60, t => 20 + Math.Sin(t / 3.0), 1);

        var forecast = new OptimisedThetaForecaster(dynamic: true).Forecast(new SeriesInput("dotm", values, 1), 5, Level95);

        var fit = OptimisedThetaModel.Fit(values, dynamic: true);
        var (lower, upper) = forecast.Intervals[95];
        for (var h = 1; h <= 5; h++)
        {
            var expected = 2 * 1.959963984540054 * Math.Sqrt(fit.MeanSquaredError * (1 + ((h - 1) * fit.Alpha * fit.Alpha)));
            Assert.Equal(expected, upper[h - 1] - lower[h - 1], 9);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Seasonal_constant_and_short_series_give_finite_forecasts(bool dynamic)
    {
        var forecaster = new OptimisedThetaForecaster(dynamic);
        double[] pattern = [1.4, 0.6, 1.2, 0.8];

        var seasonal = forecaster.Forecast(new SeriesInput("s", Noisy(48, t => 10 * pattern[t % 4], 0.2), 4), 8, Level95);
        var constant = forecaster.Forecast(new SeriesInput("c", Enumerable.Repeat(7.0, 20).ToArray(), 1), 4, Level95);
        var shortSeries = forecaster.Forecast(new SeriesInput("x", [1, 2], 1), 3, Level95);

        Assert.InRange(seasonal.Point[0], 10 * pattern[0] * 0.9, 10 * pattern[0] * 1.1);
        Assert.All(constant.Point, p => Assert.Equal(7, p, 9));
        Assert.All(constant.Intervals[95].Upper, u => Assert.True(double.IsFinite(u)));
        Assert.Equal("naive", shortSeries.Method);
    }

    private static double Error(double[] point, double[] truth) => point.Zip(truth, (p, y) => Math.Abs(p - y)).Sum();

    private static double[] Noisy(int length, Func<int, double> signal, double noise)
    {
        var random = new Random(5);
        return [.. Enumerable.Range(0, length).Select(t => signal(t) + (noise * ((random.NextDouble() * 2) - 1)))];
    }
}
