using System.Diagnostics.CodeAnalysis;
using Zhizao.Forecasting.Methods;

namespace Zhizao.Forecasting;

/// <summary>The built-in forecasting methods by name, for commands and skills that take a method name.</summary>
public static class ForecasterCatalog
{
    private static readonly IForecaster[] BuiltIn =
    [
        new NaiveForecaster(),
        new SeasonalNaiveForecaster(),
        new Naive2Forecaster(),
        new SesForecaster(),
        new ThetaForecaster(),
        new MultiSeasonalForecaster(),
        new MstlForecaster(),
        new CrostonForecaster(),
        new SbaForecaster(),
        new TsbForecaster(),
        CrostonForecaster.Optimised(),
        SbaForecaster.Optimised(),
        TsbForecaster.Optimised(),
        new Methods.Ets.EtsForecaster(),
        Methods.Ets.EtsForecaster.Fast(),
        new OptimisedThetaForecaster(),
        new OptimisedThetaForecaster(dynamic: true),
        new Methods.Arima.ArimaForecaster(),
        new Global.GlobalBoostingForecaster(),
        new Global.GlobalBoostingForecaster(new Global.GlobalBoostingOptions(ScaleSeasons: 3, Seed: 2), "lgbm-s3"),
    ];

    /// <summary>
    /// The candidates of the automatic method, each for a kind of series the others handle less well: the global model
    /// (shared patterns), MSTL (several seasonal cycles), the dynamic optimised Theta method (trend and level), seasonal
    /// naive (a stable cycle) and TSB (intermittent demand). The second global model (a level over three seasons instead
    /// of seven) and MSTL are tried on hourly series only (period 24, daily and weekly cycles), where the level moves
    /// within a week; on other data they cost much and added little.
    /// </summary>
    private static readonly (string Name, Func<SeriesInput, bool>? AppliesTo)[] AutoCandidates =
    [
        ("lgbm", null),
        ("lgbm-s3", Hourly),
        ("mstl", Hourly),
        ("dotm", null),
        ("snaive", null),
        ("tsb-opt", null),
    ];

    private static readonly IForecaster[] Everything = [.. BuiltIn, CreateAuto()];

    /// <summary>The name of the automatic method: a per-series combination chosen by back-testing.</summary>
    public const string AutoName = "auto";

    /// <summary>Every built-in method (instances are stateless and may be shared across threads).</summary>
    public static IReadOnlyList<IForecaster> All => Everything;

    /// <summary>Every built-in method in batch form (global models and the ensemble forecast all series together).</summary>
    public static IReadOnlyList<IBatchForecaster> Batch => [.. Everything.Select(BatchForecaster.PerSeries)];

    /// <summary>The automatic method: <see cref="AutoCandidates"/> back-tested on every series and combined per series.</summary>
    public static Ensemble.BacktestEnsemble Auto => (Ensemble.BacktestEnsemble)Everything[^1];

    /// <summary>Finds a built-in method in batch form by name (case-insensitive).</summary>
    public static bool TryGetBatch(string name, [NotNullWhen(true)] out IBatchForecaster? forecaster)
    {
        forecaster = Batch.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase));
        return forecaster is not null;
    }

    /// <summary>Finds a built-in method by its <see cref="IForecaster.Name"/> (case-insensitive).</summary>
    public static bool TryGet(string name, [NotNullWhen(true)] out IForecaster? forecaster)
    {
        forecaster = Everything.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase));
        return forecaster is not null;
    }

    private static bool Hourly(SeriesInput series) => series.SeasonalPeriod == 24;

    private static Ensemble.BacktestEnsemble CreateAuto() =>
        new(AutoName, [.. AutoCandidates.Select(c => new Ensemble.EnsembleCandidate(BatchForecaster.PerSeries(BuiltIn.Single(f => f.Name == c.Name)), c.AppliesTo))],
            new Ensemble.EnsembleOptions(new Evaluation.BacktestOptions(Folds: 3), Ensemble.CombinationRule.TopInverseError, Top: 2, Ensemble.EnsembleIntervals.Conformal));
}
