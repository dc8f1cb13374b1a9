using Zhizao.Forecasting.Ensemble;
using Zhizao.Forecasting.Evaluation;
using Zhizao.Forecasting.Methods;

namespace Zhizao.Forecasting.Tests.Ensemble;

public sealed class BacktestEnsembleTests
{
    private static readonly int[] Levels = [95];
    private static readonly double[] Cycle = [1, 5, 9, 4];

    private static BacktestEnsemble Ensemble(CombinationRule rule, int top = 2, int folds = 2) =>
        new("ens", [BatchForecaster.PerSeries(new NaiveForecaster()), BatchForecaster.PerSeries(new SeasonalNaiveForecaster()), BatchForecaster.PerSeries(new SesForecaster())],
            new EnsembleOptions(new BacktestOptions(folds), rule, top));

    [Fact]
    public void Weights_follow_the_rule()
    {
        double[] scores = [2, 1, 4];

        Assert.Equal([0.0, 1, 0], Ensemble(CombinationRule.SelectBest).Weigh(scores));
        Assert.Equal([0.5, 0.5, 0], Ensemble(CombinationRule.TopEqual).Weigh(scores));
        var inverse = Ensemble(CombinationRule.TopInverseError).Weigh(scores);
        Assert.Equal(1.0 / 3, inverse[0], 12);
        Assert.Equal(2.0 / 3, inverse[1], 12);
        Assert.Equal(0, inverse[2]);
        Assert.Equal([1.0 / 3, 1.0 / 3, 1.0 / 3], Ensemble(CombinationRule.SelectBest).Weigh([double.NaN, double.NaN, double.NaN]));
    }

    [Fact]
    public void On_a_repeating_pattern_the_back_test_picks_seasonal_naive_and_the_forecast_is_its_forecast()
    {
        var series = new SeriesInput("cycle", [.. Enumerable.Range(0, 60).Select(t => Cycle[t % 4])], 4);

        var run = Ensemble(CombinationRule.SelectBest).Run([series], 8, Levels);

        var weights = Assert.Single(run.Weights);
        Assert.Equal(1, weights.Weights["snaive"]);
        Assert.Equal(0, weights.BacktestMase["snaive"], 12);
        Assert.Equal("ens(snaive)", run.Forecasts[0].Method);
        Assert.Equal(new SeasonalNaiveForecaster().Forecast(series, 8, Levels).Point, run.Forecasts[0].Point);
        Assert.Equal(3, run.Backtests.Count);
    }

    [Fact]
    public void Combined_points_and_bounds_are_the_weighted_means_of_the_candidates()
    {
        var random = new Random(5);
        var series = new SeriesInput("noisy", [.. Enumerable.Range(0, 80).Select(t => 50 + (10 * Math.Sin(t * Math.PI / 2)) + random.NextDouble())], 4);
        var ensemble = Ensemble(CombinationRule.TopInverseError);

        var run = ensemble.Run([series], 4, Levels);

        var w = run.Weights[0].Weights;
        var parts = new IForecaster[] { new NaiveForecaster(), new SeasonalNaiveForecaster(), new SesForecaster() }
            .Where(f => w.ContainsKey(f.Name)).Select(f => (w[f.Name], f.Forecast(series, 4, Levels))).ToArray();
        Assert.Equal(2, parts.Length);
        for (var h = 0; h < 4; h++)
        {
            Assert.Equal(parts.Sum(p => p.Item1 * p.Item2.Point[h]), run.Forecasts[0].Point[h], 9);
            Assert.Equal(parts.Sum(p => p.Item1 * p.Item2.Intervals[95].Upper[h]), run.Forecasts[0].Intervals[95].Upper[h], 9);
        }
    }

    [Fact]
    public void The_combined_back_test_errors_are_the_weighted_errors_of_the_chosen_candidates()
    {
        var random = new Random(9);
        var series = new SeriesInput("noisy", [.. Enumerable.Range(0, 60).Select(t => 20 + (5 * Math.Sin(t * Math.PI / 2)) + random.NextDouble())], 4);

        var run = Ensemble(CombinationRule.TopInverseError).Run([series], 4, Levels);

        var combined = run.CombinedErrors(0);
        Assert.Equal(2, combined.Count);
        var chosen = run.Backtests.Where(b => run.Weights[0].Weights.ContainsKey(b.Method)).ToArray();
        Assert.Equal(2, chosen.Length);
        for (var f = 0; f < 2; f++)
        {
            for (var h = 0; h < 4; h++)
            {
                Assert.Equal(chosen.Sum(b => run.Weights[0].Weights[b.Method] * b.Series[0].Errors[f][h]), combined[f][h], 12);
            }
        }
    }

    [Fact]
    public void A_series_too_short_to_back_test_takes_equal_weights_and_says_so()
    {
        var forecast = Ensemble(CombinationRule.SelectBest).Forecast(new SeriesInput("tiny", [3, 4, 5, 6], 1), 3, Levels);

        Assert.StartsWith("too short for a back-test: equal weights", forecast.Note, StringComparison.Ordinal);
        Assert.All(forecast.Point, p => Assert.True(double.IsFinite(p)));
    }

    [Fact]
    public void Candidates_must_be_named_distinctly()
    {
        var naive = BatchForecaster.PerSeries(new NaiveForecaster());
        Assert.Throws<ArgumentException>(() => new BacktestEnsemble("e", [naive, naive], new EnsembleOptions(new BacktestOptions())));
    }
}
