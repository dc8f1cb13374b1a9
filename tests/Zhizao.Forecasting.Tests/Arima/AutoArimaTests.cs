using Zhizao.Forecasting.Methods.Arima;

namespace Zhizao.Forecasting.Tests.Arima;

public sealed class AutoArimaTests
{
    private static readonly int[] Levels = [80, 95];

    [Fact]
    public void Arima_011_intervals_equal_the_ses_widths()
    {
        // ARIMA(0,1,1) with θ = −0.6 is SES with α = 1 + θ = 0.4: se_h = σ·√(1 + (h − 1)·α²).
        double[] history = [10, 11, 10.5, 12];
        var differenced = UnitRootTests.Difference(history, 1);
        var fit = new ArimaFit(
            new ArimaOrder(0, 1, 1, 0, 0, 0, 1), false, new ArimaCoefficients([], [-0.6], [], [], 0), 4, double.NaN,
            double.NaN, double.NaN, double.NaN, double.NaN, true, [0.3, -0.2, 0.5]);
        var model = new ArimaModel(history, differenced, fit);

        var prediction = model.Forecast(5);

        Assert.Equal([1, 0.4, 0.4, 0.4, 0.4], model.PsiWeights(5).Select(v => Math.Round(v, 12)));
        for (var h = 1; h <= 5; h++)
        {
            Assert.Equal(2 * Math.Sqrt(1 + ((h - 1) * 0.16)), prediction.StandardErrors[h - 1], 12);
            // The level after the last innovation: y_n + θ·e_n = 12 − 0.6·0.5.
            Assert.Equal(11.7, prediction.Point[h - 1], 12);
        }
    }

    [Fact]
    public void Random_walk_gets_one_difference()
    {
        var walk = ArimaTestData.RandomWalk(300, 2);

        var model = AutoArima.Fit(walk, 1);

        Assert.Equal(1, UnitRootTests.Differences(walk));
        Assert.NotNull(model);
        Assert.Equal(1, model.Order.Differences);
        Assert.True(model.ExactLikelihood);
    }

    [Fact]
    public void White_noise_gets_arima_000_with_a_mean()
    {
        var noise = ArimaTestData.Normal(120, 8).Select(v => 20 + (2 * v)).ToArray();

        var model = AutoArima.Fit(noise, 1);

        Assert.NotNull(model);
        Assert.Equal(new ArimaOrder(0, 0, 0, 0, 0, 0, 1), model.Order);
        Assert.True(model.HasConstant);
        Assert.Equal(noise.Average(), model.Constant, 1);
        Assert.Equal("ARIMA(0,0,0) with non-zero mean", model.ToString());
    }

    [Fact]
    public void Strong_seasonality_takes_a_seasonal_difference()
    {
        var noise = ArimaTestData.Normal(120, 3);
        var seasonal = noise.Select((e, t) => 50 + (10 * Math.Sin(2 * Math.PI * t / 12)) + e).ToArray();

        Assert.True(UnitRootTests.SeasonalStrength(seasonal, 12) > 0.64);
        Assert.Equal(1, UnitRootTests.SeasonalDifferences(seasonal, 12));
        Assert.Equal(0, UnitRootTests.SeasonalDifferences(noise, 12));
        var model = AutoArima.Fit(seasonal, 12);
        Assert.NotNull(model);
        Assert.Equal(1, model.Order.SeasonalDifferences);
    }

    [Fact]
    public void Forecaster_is_in_the_catalog_and_forecasts_an_ar1_towards_its_mean()
    {
        Assert.True(ForecasterCatalog.TryGet("arima", out var forecaster));
        var values = ArimaTestData.Ar1(0.7, 200, 6).Select(v => v + 100).ToArray();

        var forecast = forecaster.Forecast(new SeriesInput("ar1", values, 1), 30, Levels);

        Assert.Equal("arima", forecast.Method);
        Assert.Null(forecast.Note);
        Assert.InRange(forecast.Point[^1], 99, 101);
        Assert.True(forecast.Intervals[95].Upper[^1] - forecast.Intervals[95].Lower[^1] > forecast.Intervals[80].Upper[^1] - forecast.Intervals[80].Lower[^1]);
    }

    [Theory]
    [InlineData(new double[] { 5, 5, 5, 5, 5, 5, 5, 5 })]
    [InlineData(new double[] { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 })]
    [InlineData(new double[] { 3 })]
    [InlineData(new double[] { 3, 4 })]
    [InlineData(new double[] { 1, 5, 2 })]
    [InlineData(new double[] { 1, 2, 3, 4, 5, 6, 7, 8 })]
    [InlineData(new double[] { 0, 0, 0, 7, 0, 0, 0, 0, 3, 0, 0, 0 })]
    public void Degenerate_series_never_give_non_finite_forecasts(double[] values)
    {
        var forecaster = new ArimaForecaster();

        var forecast = forecaster.Forecast(new SeriesInput("x", values, 4), 6, Levels);

        Assert.All(forecast.Point, v => Assert.True(double.IsFinite(v)));
        Assert.All(forecast.Intervals.Values, b => Assert.True(b.Lower.Concat(b.Upper).All(double.IsFinite)));
        if (values.All(v => v == values[0]))
        {
            Assert.Equal(values[0], forecast.Point[0]);
            Assert.Contains("constant", forecast.Note, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Options_are_validated()
    {
        Assert.Throws<ArgumentException>(() => new ArimaForecaster(new AutoArimaOptions { MaxDifferences = 3 }));
        Assert.Throws<ArgumentException>(() => new ArimaForecaster(new AutoArimaOptions { KpssAlpha = 0.5 }));
    }
}
