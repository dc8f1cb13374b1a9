using Zhizao.Forecasting.Evaluation;
using Zhizao.Forecasting.Methods;

namespace Zhizao.Forecasting.Tests.Ensemble;

public sealed class BacktestTests
{
    [Fact]
    public void Naive_on_a_straight_line_errs_by_one_two_three_in_each_fold()
    {
        // y = 1..20, horizon 3, two folds 3 apart. Fold 1 forecasts 18,19,20 from 17; fold 2 forecasts 15,16,17 from 14.
        var series = new SeriesInput("line", [.. Enumerable.Range(1, 20).Select(v => (double)v)], 1);

        var result = Backtest.Run(BatchForecaster.PerSeries(new NaiveForecaster()), [series], 3, new BacktestOptions(Folds: 2), level: 95);

        var s = Assert.Single(result.Series);
        Assert.Equal(2, s.Folds);
        Assert.Equal([1.0, 2, 3], s.Errors[0]);
        Assert.Equal([1.0, 2, 3], s.Errors[1]);
        // MASE: MAE 2 over an in-sample mean absolute change of 1.
        Assert.Equal(2, s.Mase, 12);
        var fold1 = (200.0 / 35 + (400.0 / 36) + (600.0 / 37)) / 3;
        var fold2 = (200.0 / 29 + (400.0 / 30) + (600.0 / 31)) / 3;
        Assert.Equal((fold1 + fold2) / 2, s.Smape, 9);
        Assert.Equal(2, result.Mase, 12);
        Assert.NotNull(s.Coverage);
    }

    [Fact]
    public void Series_too_short_for_a_fold_skip_it_and_are_left_out_of_the_means()
    {
        SeriesInput[] series =
        [
            new("long", [.. Enumerable.Range(0, 30).Select(v => (double)v)], 1),
            new("short", [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 1),
        ];

        var result = Backtest.Run(BatchForecaster.PerSeries(new NaiveForecaster()), series, 3, new BacktestOptions(Folds: 3, MinimumTraining: 5));

        Assert.Equal(3, result.Series[0].Folds);
        Assert.Equal(1, result.Series[1].Folds); // cut 3 leaves 7; cut 6 leaves 4 < 5
        Assert.Null(result.Coverage);
        Assert.Equal(2, result.Mase, 12);
    }

    [Fact]
    public void A_constant_history_scores_against_its_level_instead_of_dividing_by_zero()
    {
        var series = new SeriesInput("flat", [5, 5, 5, 5, 5, 5, 5, 5, 5, 6, 7], 1);

        var result = Backtest.Run(BatchForecaster.PerSeries(new NaiveForecaster()), [series], 2, new BacktestOptions(Folds: 1));

        // Forecast 5, 5 for actual 6, 7: MAE 1.5 over the level 5 (the in-sample changes are all zero).
        Assert.Equal(0.3, result.Series[0].Mase, 12);
    }
}
