namespace Zhizao.Forecasting.Tests;

public sealed class BadInputTests
{
    private static readonly int[] Levels = [80, 95];

    public static TheoryData<string> Methods() => [.. ForecasterCatalog.All.Select(f => f.Name)];

    private static IForecaster Get(string name) =>
        ForecasterCatalog.TryGet(name, out var forecaster) ? forecaster : throw new InvalidOperationException(name);

    [Theory]
    [MemberData(nameof(Methods))]
    public void A_non_finite_value_is_rejected_with_its_index(string method)
    {
        var error = Assert.Throws<ArgumentException>(() => Get(method).Forecast(new SeriesInput("H7", [1, 2, double.NaN, 4], 1), 2, Levels));
        Assert.Contains("index 2", error.Message, StringComparison.Ordinal);
        Assert.Contains("H7", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void An_empty_series_a_zero_horizon_and_a_100_percent_level_are_rejected(string method)
    {
        var forecaster = Get(method);
        Assert.Throws<ArgumentException>(() => forecaster.Forecast(new SeriesInput("s", [], 1), 2, Levels));
        Assert.Throws<ArgumentOutOfRangeException>(() => forecaster.Forecast(new SeriesInput("s", [1, 2, 3], 1), 0, Levels));
        Assert.Throws<ArgumentException>(() => forecaster.Forecast(new SeriesInput("s", [1, 2, 3], 1), 2, [100]));
    }

    private static readonly HashSet<string> IntermittentMethods = ["croston", "sba", "tsb", "croston-opt", "sba-opt", "tsb-opt"];

    [Theory]
    [MemberData(nameof(Methods))]
    public void Awkward_series_give_finite_forecasts_at_every_level(string method)
    {
        double[][] series =
        [
            [7],
            [7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7],
            [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
            [0, 5, 0, 5, 0, 5, 0, 5, 0, 5, 0, 5],
            [-3, 4, -3, 4, -3, 4, -3, 4, -3, 4, -3, 4],
        ];
        foreach (var values in series)
        {
            // Intermittent-demand methods refuse negative demand, precisely, instead of forecasting it.
            if (IntermittentMethods.Contains(method) && values.Any(v => v < 0))
            {
                var refused = Assert.Throws<ArgumentException>(() => Get(method).Forecast(new SeriesInput("s", values, 2), 30, Levels));
                Assert.Contains("negative", refused.Message, StringComparison.Ordinal);
                continue;
            }
            var forecast = Get(method).Forecast(new SeriesInput("s", values, 2), 30, Levels);

            Assert.Equal(30, forecast.Point.Length);
            Assert.All(forecast.Point, p => Assert.True(double.IsFinite(p)));
            Assert.Equal(Levels, forecast.Intervals.Keys.Order());
            Assert.All(forecast.Intervals.Values, b => Assert.True(b.Lower.Concat(b.Upper).All(double.IsFinite)));
        }
    }

    [Fact]
    public void The_catalogue_finds_methods_by_name_case_insensitively()
    {
        Assert.True(ForecasterCatalog.TryGet("Theta", out var theta));
        Assert.Equal("theta", theta.Name);
        Assert.False(ForecasterCatalog.TryGet("no-such-method", out _));
    }
}
