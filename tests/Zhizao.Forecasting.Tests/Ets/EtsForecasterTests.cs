using Zhizao.Forecasting.Methods.Ets;

namespace Zhizao.Forecasting.Tests.Ets;

public sealed class EtsForecasterTests
{
    private static readonly int[] Levels = [80, 95];

    [Fact]
    public void Aicc_of_a_fitted_model_matches_a_hand_computation()
    {
        var values = Noisy(40, t => 20 + Math.Sin(t), 1.0);

        var fit = EtsFitter.Fit(values, EtsSpec.Parse("ANN"), 1, EtsSelection.FullSettings)!;

        // Re-run SES from the fitted α and l0, then −2 log L = n(log(2π·SSE/n) + 1), k = α, l0, σ = 3.
        var level = fit.InitialState[0];
        var sse = 0.0;
        foreach (var y in values)
        {
            sse += (y - level) * (y - level);
            level += fit.Parameters.Alpha * (y - level);
        }

        const int n = 40;
        const int k = 3;
        var aicc = (n * (Math.Log(2 * Math.PI * sse / n) + 1)) + (2 * k) + (2.0 * k * (k + 1) / (n - k - 1));
        Assert.Equal(aicc, fit.Aicc, 9);
        Assert.Equal(level, fit.FinalState[0], 9);
    }

    [Fact]
    public void Optimiser_beats_the_starting_values()
    {
        var values = Noisy(60, t => 50 + (0.8 * t), 2.0);
        var spec = EtsSpec.Parse("AAN");
        var start = EtsInitialisation.Heuristic(values, spec, 1);
        var state = (double[])start.Clone();
        EtsRecursion.Run(values, spec, 1, new EtsParameters(0.2, 0.02, 0, 1), state, out var startSse, out _);

        var fit = EtsFitter.Fit(values, spec, 1, EtsSelection.FullSettings)!;

        Assert.True(fit.SumSquares < startSse);
        Assert.InRange(fit.Parameters.Beta, 1e-4, fit.Parameters.Alpha);
    }

    [Fact]
    public void Selection_picks_a_trend_model_on_a_clear_linear_trend()
    {
        var values = Noisy(80, t => 100 + (3 * t), 1.0);

        var fit = EtsSelection.Select(values, 1, EtsSpec.FullCandidates, EtsSelection.FullSettings)!;

        Assert.True(fit.Spec.HasTrend, fit.Spec.ToString());
        var forecast = new EtsForecaster().Forecast(new SeriesInput("trend", values, 1), 10, Levels);
        Assert.InRange(forecast.Point[9], 100 + (3 * 89) - 15, 100 + (3 * 89) + 15);
    }

    [Fact]
    public void Selection_picks_a_seasonal_model_on_a_clear_seasonal_series()
    {
        double[] pattern = [10, -5, 3, -8];
        var values = Noisy(64, t => 50 + pattern[t % 4], 0.5);

        var fit = EtsSelection.Select(values, 4, EtsSpec.FullCandidates, EtsSelection.FullSettings)!;

        Assert.True(fit.Spec.HasSeason, fit.Spec.ToString());
        var forecast = new EtsForecaster().Forecast(new SeriesInput("seasonal", values, 4), 4, Levels);
        for (var h = 0; h < 4; h++)
        {
            Assert.InRange(forecast.Point[h], 50 + pattern[(64 + h) % 4] - 2, 50 + pattern[(64 + h) % 4] + 2);
        }
    }

    [Fact]
    public void Multiplicative_models_are_excluded_when_the_data_has_zeros()
    {
        double[] pattern = [10, 0, 5, 2];
        var values = Noisy(48, t => pattern[t % 4] * 3, 0.0);

        var fit = EtsSelection.Select(values, 4, EtsSpec.FullCandidates, EtsSelection.FullSettings)!;
        var fixedModel = new EtsForecaster(EtsSpec.Parse("MNM")).Forecast(new SeriesInput("zeros", values, 4), 8, Levels);

        Assert.False(fit.Spec.NeedsPositiveData, fit.Spec.ToString());
        Assert.Contains("not admissible", fixedModel.Note, StringComparison.Ordinal);
        Assert.DoesNotContain("(M", fixedModel.Method, StringComparison.Ordinal);
        AssertFinite(fixedModel);
    }

    [Fact]
    public void Constant_series_gives_a_finite_flat_forecast()
    {
        var values = Enumerable.Repeat(42.0, 30).ToArray();

        var forecast = new EtsForecaster().Forecast(new SeriesInput("flat", values, 7), 14, Levels);

        AssertFinite(forecast);
        Assert.All(forecast.Point, p => Assert.Equal(42, p, 6));
    }

    [Fact]
    public void Multiplicative_season_intervals_are_simulated_reproducibly_and_bracket_the_point()
    {
        double[] pattern = [1.3, 0.7, 1.1, 0.9];
        var values = Noisy(60, t => (100 + t) * pattern[t % 4], 2.0);
        var forecaster = new EtsForecaster(EtsSpec.Parse("MAM"));

        var first = forecaster.Forecast(new SeriesInput("mam", values, 4), 8, Levels);
        var second = forecaster.Forecast(new SeriesInput("mam", values, 4), 8, Levels);

        Assert.Equal("ets(MAM)", first.Method);
        Assert.Equal(first.Intervals[95].Upper, second.Intervals[95].Upper);
        for (var h = 0; h < 8; h++)
        {
            Assert.True(first.Intervals[95].Lower[h] <= first.Intervals[80].Lower[h]);
            Assert.True(first.Intervals[80].Lower[h] <= first.Point[h] && first.Point[h] <= first.Intervals[80].Upper[h]);
            Assert.True(first.Intervals[80].Upper[h] <= first.Intervals[95].Upper[h]);
        }
    }

    [Fact]
    public void Additive_intervals_widen_with_the_horizon()
    {
        var values = Noisy(50, t => 10 + (0.5 * t), 1.0);

        var forecast = new EtsForecaster(EtsSpec.Parse("AAN")).Forecast(new SeriesInput("aan", values, 1), 6, Levels);

        var (lower, upper) = forecast.Intervals[95];
        for (var h = 1; h < 6; h++)
        {
            Assert.True(upper[h] - lower[h] > upper[h - 1] - lower[h - 1]);
        }
    }

    [Fact]
    public void Too_short_history_falls_back_to_naive_with_a_note()
    {
        var forecast = new EtsForecaster().Forecast(new SeriesInput("short", [3, 4, 5, 4, 6], 1), 3, Levels);

        Assert.Equal("naive", forecast.Method);
        Assert.Contains("ets fell back", forecast.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void Period_above_24_fits_non_seasonal_models_to_the_adjusted_series()
    {
        var values = Noisy(7 * 48, t => 100 + (20 * Math.Sin(2 * Math.PI * t / 48)), 1.0);

        var forecast = EtsForecaster.Fast().Forecast(new SeriesInput("long-period", values, 48), 48, Levels);

        Assert.Contains("non-seasonal ETS on the seasonally adjusted series", forecast.Note, StringComparison.Ordinal);
        Assert.InRange(forecast.Point[12], 100 + 20 - 5, 100 + 20 + 5);
        AssertFinite(forecast);
    }

    [Fact]
    public void Wild_and_negative_series_never_give_nan()
    {
        var values = Noisy(100, t => (t % 13 == 0 ? 1e6 : -50) + t, 30.0);

        foreach (var forecaster in new[] { new EtsForecaster(), EtsForecaster.Fast(), new EtsForecaster(EtsSpec.Parse("AAdA")) })
        {
            AssertFinite(forecaster.Forecast(new SeriesInput("wild", values, 12), 24, Levels));
        }
    }

    [Fact]
    public void Catalog_lists_the_automatic_method()
    {
        Assert.True(ForecasterCatalog.TryGet("ets", out var ets));
        Assert.IsType<EtsForecaster>(ets);
    }

    private static double[] Noisy(int length, Func<int, double> signal, double noise)
    {
        var random = new Random(11);
        return [.. Enumerable.Range(0, length).Select(t => signal(t) + (noise * ((random.NextDouble() * 2) - 1)))];
    }

    private static void AssertFinite(Forecast forecast)
    {
        Assert.All(forecast.Point, p => Assert.True(double.IsFinite(p)));
        foreach (var (lower, upper) in forecast.Intervals.Values)
        {
            Assert.All(lower, v => Assert.True(double.IsFinite(v)));
            Assert.All(upper, v => Assert.True(double.IsFinite(v)));
        }
    }
}
