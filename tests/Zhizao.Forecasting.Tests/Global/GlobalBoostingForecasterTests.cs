using Zhizao.Forecasting.Evaluation;
using Zhizao.Forecasting.Global;

namespace Zhizao.Forecasting.Tests.Global;

public sealed class GlobalBoostingForecasterTests
{
    private static readonly int[] Levels = [80, 95];

    // A small, fast model: the tests check behaviour, not tuned accuracy.
    private static readonly GlobalBoostingForecaster Model = new(new GlobalBoostingOptions(Iterations: 120, Leaves: 15, MinimumRowsPerLeaf: 20, Threads: 1));

    /// <summary>Daily-cycle series at different levels with a little noise: one shape, many sizes.</summary>
    private static List<SeriesInput> Seasonal(int count, int length, int seed = 7)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(i =>
        {
            var level = 10 * (i + 1);
            var values = Enumerable.Range(0, length)
                .Select(t => level * (1 + (0.5 * Math.Sin(2 * Math.PI * t / 24))) * (1 + (0.02 * ((random.NextDouble() * 2) - 1))))
                .ToArray();
            return new SeriesInput($"s{i}", values, 24);
        })];
    }

    [Fact]
    public void One_model_learns_the_shared_cycle_and_beats_seasonal_naive_out_of_sample()
    {
        var all = Seasonal(20, 24 * 20);
        var history = all.Select(s => s with { Values = s.Values.Take(s.Values.Count - 24).ToArray() }).ToList();

        var forecasts = Model.ForecastAll(history, 24, Levels);

        double mase = 0;
        for (var i = 0; i < all.Count; i++)
        {
            Assert.Equal("lgbm", forecasts[i].Method);
            Assert.Null(forecasts[i].Note);
            mase += Metrics.Mase(history[i].Values, all[i].Values.Skip(history[i].Values.Count).ToArray(), forecasts[i].Point, 24);
        }

        // The noise is ±2 %; a model that got the cycle wrong would be far above 1.
        Assert.InRange(mase / all.Count, 0, 1.0);
    }

    [Fact]
    public void Conformal_intervals_are_nested_contain_the_point_and_stay_non_negative()
    {
        var forecasts = Model.ForecastAll(Seasonal(10, 24 * 15), 12, Levels);

        foreach (var forecast in forecasts)
        {
            var (low80, high80) = forecast.Intervals[80];
            var (low95, high95) = forecast.Intervals[95];
            for (var h = 0; h < 12; h++)
            {
                Assert.InRange(forecast.Point[h], low80[h], high80[h]);
                Assert.True(low95[h] <= low80[h] && high95[h] >= high80[h]);
                Assert.True(low95[h] >= 0);
            }
        }
    }

    [Fact]
    public void Series_too_short_for_the_model_fall_back_to_seasonal_naive_and_say_so()
    {
        var series = Seasonal(6, 24 * 10);
        series.Add(new SeriesInput("short", [.. series[0].Values.Take(40)], 24));

        var forecasts = Model.ForecastAll(series, 24, Levels);

        Assert.Equal("lgbm", forecasts[0].Method);
        Assert.Equal("snaive", forecasts[^1].Method);
        Assert.Contains("lgbm fell back to snaive: 40 values, at least 49 needed", forecasts[^1].Note, StringComparison.Ordinal);
    }

    [Fact]
    public void A_batch_without_enough_training_rows_falls_back_for_every_series()
    {
        var forecast = Model.Forecast(new SeriesInput("one", [.. Enumerable.Range(0, 40).Select(t => (double)(t % 7))], 7), 7, Levels);

        Assert.Equal("snaive", forecast.Method);
        Assert.Contains("training rows in the batch", forecast.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void Zeros_and_intermittent_values_give_finite_forecasts()
    {
        var random = new Random(3);
        var series = Enumerable.Range(0, 8)
            .Select(i => new SeriesInput($"z{i}", [.. Enumerable.Range(0, 300).Select(_ => random.NextDouble() < 0.7 ? 0.0 : random.Next(1, 5))], 7))
            .Append(new SeriesInput("zeros", new double[300], 7))
            .ToList();

        var forecasts = Model.ForecastAll(series, 14, Levels);

        Assert.All(forecasts, f =>
        {
            Assert.All(f.Point, p => Assert.True(double.IsFinite(p) && p >= 0));
            Assert.All(f.Intervals.Values, b => Assert.True(b.Lower.Concat(b.Upper).All(double.IsFinite)));
        });
        Assert.All(forecasts[^1].Point, p => Assert.Equal(0, p, 6));
    }

    [Fact]
    public void The_same_input_gives_the_same_forecast()
    {
        var series = Seasonal(5, 24 * 8);

        var first = Model.ForecastAll(series, 24, Levels);
        var second = Model.ForecastAll(series, 24, Levels);

        Assert.Equal(first[2].Point, second[2].Point);
    }
}
