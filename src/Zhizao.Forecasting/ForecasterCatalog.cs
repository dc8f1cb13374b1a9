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
    ];

    /// <summary>Every built-in method (instances are stateless and may be shared across threads).</summary>
    public static IReadOnlyList<IForecaster> All => BuiltIn;

    /// <summary>Finds a built-in method by its <see cref="IForecaster.Name"/> (case-insensitive).</summary>
    public static bool TryGet(string name, [NotNullWhen(true)] out IForecaster? forecaster)
    {
        forecaster = BuiltIn.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase));
        return forecaster is not null;
    }
}
