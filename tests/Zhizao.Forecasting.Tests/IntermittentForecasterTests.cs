using Zhizao.Forecasting.Methods;

namespace Zhizao.Forecasting.Tests;

public sealed class IntermittentForecasterTests
{
    private const int Precision = 12;

    // Demands at indices 2, 6 and 8 (sizes 3, 5, 2); intervals 3 (periods from the start up to and including index 2), 4, 2.
    private static readonly double[] Known = [0, 0, 3, 0, 0, 0, 5, 0, 2, 0];
    private static readonly int[] Levels = [80, 95];

    private static readonly IForecaster[] All =
    [
        new CrostonForecaster(), new SbaForecaster(), new TsbForecaster(),
        CrostonForecaster.Optimised(), SbaForecaster.Optimised(), TsbForecaster.Optimised(),
    ];

    public static TheoryData<string> Methods() => [.. All.Select(f => f.Name)];

    private static IForecaster Get(string name) => All.Single(f => f.Name == name);

    [Fact]
    public void Croston_matches_the_recursion_written_out_by_hand()
    {
        // α = 0.1. Initialise at index 2: z = 3, p = 3.
        // Index 6 (demand 5, interval 4): z = 3 + 0.1·(5 − 3) = 3.2;     p = 3 + 0.1·(4 − 3) = 3.1.
        // Index 8 (demand 2, interval 2): z = 3.2 + 0.1·(2 − 3.2) = 3.08; p = 3.1 + 0.1·(2 − 3.1) = 2.99.
        // Forecast z/p = 3.08 / 2.99 ≈ 1.0301, flat over the horizon.
        var forecast = new CrostonForecaster(0.1).Forecast(new SeriesInput("item-1", Known, 1), 5, Levels);

        Assert.Equal("croston", forecast.Method);
        Assert.All(forecast.Point, p => Assert.Equal(3.08 / 2.99, p, Precision));
        Assert.Null(forecast.Note);
    }

    [Fact]
    public void Sba_is_croston_scaled_by_one_minus_half_alpha()
    {
        // Same recursion as Croston: (1 − 0.1/2)·3.08/2.99 = 0.95·1.0301 ≈ 0.9786.
        var forecast = new SbaForecaster().Forecast(new SeriesInput("item-1", Known, 1), 3, Levels);

        Assert.Equal("sba", forecast.Method);
        Assert.All(forecast.Point, p => Assert.Equal(0.95 * 3.08 / 2.99, p, Precision));
    }

    [Fact]
    public void Tsb_matches_the_recursion_written_out_by_hand()
    {
        // α_d = α_z = 0.1. Initialise at index 2: z = 3, d = 1/3.
        // Indices 3, 4, 5 (no demand): d = d·0.9 → 0.3, 0.27, 0.243.
        // Index 6 (demand 5): d = 0.243 + 0.1·(1 − 0.243) = 0.3187; z = 3 + 0.1·(5 − 3) = 3.2.
        // Index 7 (no demand): d = 0.3187·0.9 = 0.28683.
        // Index 8 (demand 2): d = 0.28683 + 0.1·(1 − 0.28683) = 0.358147; z = 3.2 + 0.1·(2 − 3.2) = 3.08.
        // Index 9 (no demand): d = 0.358147·0.9 = 0.3223323.
        // Forecast d·z = 0.3223323·3.08 = 0.99278348.
        var forecast = new TsbForecaster(0.1, 0.1).Forecast(new SeriesInput("item-1", Known, 1), 4, Levels);

        Assert.Equal("tsb", forecast.Method);
        Assert.All(forecast.Point, p => Assert.Equal(0.3223323 * 3.08, p, Precision));
    }

    [Fact]
    public void Croston_intervals_are_empirical_quantiles_of_the_one_step_errors()
    {
        // One-step errors y_t − f_t from index 3 on, with f = z/p before the update:
        //   indices 3, 4, 5: 0 − 3/3 = −1 (three times); index 6: 5 − 1 = 4; index 7: 0 − 3.2/3.1;
        //   index 8: 2 − 3.2/3.1; index 9: 0 − 3.08/2.99.
        // Sorted: −3.2/3.1, −3.08/2.99, −1, −1, −1, 2 − 3.2/3.1, 4. Type-7 quantile at 0.9: position 0.9·6 = 5.4,
        // so e(5) + 0.4·(e(6) − e(5)). The 0.1 quantile (≈ −1.031) puts the lower bound below zero: clamped to 0.
        var forecast = new CrostonForecaster().Forecast(new SeriesInput("item-1", Known, 1), 2, [80]);
        var point = 3.08 / 2.99;
        var e5 = 2 - (3.2 / 3.1);
        var (lower, upper) = forecast.Intervals[80];

        Assert.All(lower, l => Assert.Equal(0, l));
        Assert.All(upper, u => Assert.Equal(point + e5 + (0.4 * (4 - e5)), u, Precision));
    }

    [Fact]
    public void Recursions_report_one_error_per_period_after_the_first_demand()
    {
        var fit = IntermittentDemand.Croston(Known, 2, 0.1, 1);

        double[] expected = [-1, -1, -1, 4, -3.2 / 3.1, 2 - (3.2 / 3.1), -3.08 / 2.99];

        Assert.Equal(expected.Length, fit.Errors.Length);
        Assert.All(expected.Zip(fit.Errors), pair => Assert.Equal(pair.First, pair.Second, Precision));
        Assert.Equal(7, IntermittentDemand.Tsb(Known, 2, 0.1, 0.1).Errors.Length);
    }

    [Fact]
    public void Tsb_decays_through_a_run_of_zeros_while_croston_stays_put()
    {
        double[] obsolete = [.. Known, .. new double[20]];

        var croston = new CrostonForecaster().Forecast(new SeriesInput("old", obsolete, 1), 1, Levels).Point[0];
        var tsb = new TsbForecaster().Forecast(new SeriesInput("old", obsolete, 1), 1, Levels).Point[0];

        Assert.Equal(3.08 / 2.99, croston, Precision);
        Assert.Equal(0.3223323 * Math.Pow(0.9, 20) * 3.08, tsb, Precision);
    }

    [Fact]
    public void Optimised_variants_keep_the_grid_constant_with_the_smallest_in_sample_error()
    {
        var random = new Random(11);
        var values = new double[80];
        for (var t = 0; t < values.Length; t++)
        {
            values[t] = random.NextDouble() < 0.3 ? random.Next(1, 9) : 0;
        }

        var first = Array.FindIndex(values, v => v > 0);
        var best = IntermittentDemand.Grid.Select(a => IntermittentDemand.Croston(values, first, a, 1)).MinBy(f => f.MeanSquaredError)!;
        var fixedDefault = IntermittentDemand.Croston(values, first, IntermittentDemand.DefaultAlpha, 1);
        var forecast = CrostonForecaster.Optimised().Forecast(new SeriesInput("r", values, 1), 3, Levels);

        Assert.Equal("croston-opt", forecast.Method);
        Assert.All(forecast.Point, p => Assert.Equal(best.Final, p, Precision));
        Assert.True(best.MeanSquaredError <= fixedDefault.MeanSquaredError);

        var tsbBest = IntermittentDemand.Grid
            .SelectMany(d => IntermittentDemand.Grid.Select(z => IntermittentDemand.Tsb(values, first, d, z)))
            .MinBy(f => f.MeanSquaredError)!;
        Assert.Equal(tsbBest.Final, TsbForecaster.Optimised().Forecast(new SeriesInput("r", values, 1), 1, Levels).Point[0], Precision);
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void An_all_zero_series_gets_a_zero_forecast_with_a_note(string method)
    {
        var forecast = Get(method).Forecast(new SeriesInput("dead", new double[12], 1), 6, Levels);

        Assert.All(forecast.Point, p => Assert.Equal(0, p));
        Assert.All(forecast.Intervals.Values, b => Assert.True(b.Lower.Concat(b.Upper).All(v => v == 0)));
        Assert.Contains("zero", forecast.Note, StringComparison.Ordinal);
        Assert.Contains("dead", forecast.Note, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void A_single_non_zero_value_gives_a_finite_forecast(string method)
    {
        var middle = Get(method).Forecast(new SeriesInput("one", [0, 0, 4, 0, 0], 1), 3, Levels);
        var last = Get(method).Forecast(new SeriesInput("one", [0, 0, 4], 1), 3, Levels);
        var only = Get(method).Forecast(new SeriesInput("one", [7], 1), 3, Levels);

        Assert.All(middle.Point.Concat(last.Point).Concat(only.Point), p => Assert.True(double.IsFinite(p) && p > 0));
        // Demand only at the last index: no update after initialisation, so z/p = d·z = 4/3 (SBA scales by 1 − α/2;
        // with no in-sample error every grid constant ties and the optimised variant keeps the smallest, 0.05).
        Assert.All(last.Point, p => Assert.Equal(SbaFactor(method) * 4 / 3, p, Precision));
        Assert.All(only.Point, p => Assert.Equal(SbaFactor(method) * 7, p, Precision));
        Assert.Null(middle.Note);
        Assert.Contains("collapse", last.Note, StringComparison.Ordinal);
        Assert.All(last.Intervals.Values, b => Assert.Equal(last.Point, b.Upper));
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void A_negative_demand_is_rejected_with_its_index(string method)
    {
        var error = Assert.Throws<ArgumentException>(() => Get(method).Forecast(new SeriesInput("item-9", [0, 2, 0, -1, 3], 1), 2, Levels));

        Assert.Contains("index 3", error.Message, StringComparison.Ordinal);
        Assert.Contains("item-9", error.Message, StringComparison.Ordinal);
        Assert.Contains("negative", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void A_non_finite_demand_is_rejected_with_its_index(string method)
    {
        var nan = Assert.Throws<ArgumentException>(() => Get(method).Forecast(new SeriesInput("item-9", [0, double.NaN, 1], 1), 2, Levels));
        var infinite = Assert.Throws<ArgumentException>(() => Get(method).Forecast(new SeriesInput("item-9", [0, 1, 0, double.PositiveInfinity], 1), 2, Levels));

        Assert.Contains("index 1", nan.Message, StringComparison.Ordinal);
        Assert.Contains("index 3", infinite.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_smoothing_constant_outside_zero_to_one_is_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new CrostonForecaster(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SbaForecaster(1.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TsbForecaster(0.1, double.NaN));
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void Intervals_are_finite_non_negative_nested_and_contain_the_point(string method)
    {
        var random = new Random(5);
        for (var run = 0; run < 20; run++)
        {
            var values = new double[random.Next(1, 60)];
            for (var t = 0; t < values.Length; t++)
            {
                values[t] = random.NextDouble() < 0.25 ? random.NextDouble() * 50 : 0;
            }

            var forecast = Get(method).Forecast(new SeriesInput("r", values, 7), 14, [50, 80, 95]);

            for (var h = 0; h < 14; h++)
            {
                var point = forecast.Point[h];
                var (lower50, upper50) = forecast.Intervals[50];
                var (lower95, upper95) = forecast.Intervals[95];
                Assert.True(double.IsFinite(point) && double.IsFinite(lower95[h]) && double.IsFinite(upper95[h]));
                Assert.True(lower95[h] >= 0);
                Assert.True(lower95[h] <= lower50[h] && lower50[h] <= point && point <= upper50[h] && upper50[h] <= upper95[h]);
            }
        }
    }

    private static double SbaFactor(string method) => method switch
    {
        "sba" => 1 - (0.1 / 2),
        "sba-opt" => 1 - (0.05 / 2),
        _ => 1,
    };
}
