namespace Zhizao.Forecasting.Global;

/// <summary>Settings of <see cref="GlobalBoostingForecaster"/>; the defaults were chosen on a holdout cut from the M4 Hourly training series.</summary>
/// <param name="Iterations">Boosting rounds.</param>
/// <param name="LearningRate">Shrinkage per round.</param>
/// <param name="Leaves">Leaves per tree.</param>
/// <param name="MinimumRowsPerLeaf">Smallest leaf.</param>
/// <param name="FeatureFraction">Share of features each tree sees.</param>
/// <param name="TrainingRows">Budget of training rows over all series (origins are thinned evenly per series to fit it).</param>
/// <param name="RowsPerSeries">At most this many rows from one series, so that a small batch trains quickly (a series'
/// neighbouring origins add little).</param>
/// <param name="Seed">Random seed (results are reproducible for a seed and thread count).</param>
/// <param name="Threads">LightGBM threads; null for one per core.</param>
/// <param name="LogTarget">Learn log(y / s) instead of y / s when every value of every series in the batch is positive
/// (squared error on logs is close to the relative errors sMAPE and MASE reward).</param>
/// <param name="ScaleSeasons">Seasons in the level window s (values for non-seasonal series: 28).</param>
/// <param name="LongLags">Same-phase values of each longer cycle (weekly for hourly data, yearly for daily data).</param>
public sealed record GlobalBoostingOptions(
    int Iterations = 400,
    double LearningRate = 0.05,
    int Leaves = 63,
    int MinimumRowsPerLeaf = 50,
    double FeatureFraction = 0.8,
    int TrainingRows = 400_000,
    int RowsPerSeries = 2_000,
    int Seed = 1,
    int? Threads = null,
    bool LogTarget = true,
    int ScaleSeasons = 7,
    int LongLags = 2);
