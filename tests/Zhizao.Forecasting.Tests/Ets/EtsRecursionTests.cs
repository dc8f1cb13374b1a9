using Zhizao.Forecasting.Methods.Ets;

namespace Zhizao.Forecasting.Tests.Ets;

/// <summary>
/// The recursions against hand computations in the textbook error-correction form: f = l + φb (+ s), e = y − f,
/// l ← l + φb + αe, b ← φb + βe, s ← s + γe.
/// </summary>
public sealed class EtsRecursionTests
{
    [Fact]
    public void Ann_recursion_matches_a_hand_computation()
    {
        // α = 0.5, l0 = 10 on 12, 11, 15, 14, 16: errors 2, 0, 4, 1, 2.5; levels 11, 11, 13, 13.5, 14.75.
        var state = new double[] { 10, 0 };

        var ok = EtsRecursion.Run([12, 11, 15, 14, 16], EtsSpec.Parse("ANN"), 1, new EtsParameters(0.5, 0, 0, 1), state, out var sse, out var logSum);

        Assert.True(ok);
        Assert.Equal(14.75, state[0], 12);
        Assert.Equal(4 + 0 + 16 + 1 + 6.25, sse, 12);
        Assert.Equal(0, logSum);
    }

    [Fact]
    public void Aan_recursion_matches_a_hand_computation()
    {
        // α = 0.5, β = 0.2, l0 = 10, b0 = 1 on 12, 13, 15, 15, 18:
        // t1 f 11 e 1 → l 11.5 b 1.2; t2 f 12.7 e 0.3 → l 12.85 b 1.26; t3 f 14.11 e 0.89 → l 14.555 b 1.438;
        // t4 f 15.993 e −0.993 → l 15.4965 b 1.2394; t5 f 16.7359 e 1.2641 → l 17.36795 b 1.49222.
        var state = new double[] { 10, 1 };

        EtsRecursion.Run([12, 13, 15, 15, 18], EtsSpec.Parse("AAN"), 1, new EtsParameters(0.5, 0.2, 0, 1), state, out var sse, out _);

        Assert.Equal(17.36795, state[0], 10);
        Assert.Equal(1.49222, state[1], 10);
        Assert.Equal(1 + 0.09 + 0.7921 + 0.986049 + (1.2641 * 1.2641), sse, 10);
    }

    [Fact]
    public void Damped_recursion_matches_a_hand_computation()
    {
        // φ = 0.9, otherwise as the AAN case: t1 f 10.9 e 1.1 → l 11.45 b 1.12; t2 f 12.458 e 0.542 → l 12.729 b 1.1164;
        // t3 f 13.73376 e 1.26624 → l 14.36688 b 1.258008; t4 f 15.4990872 e −0.4990872 → l 15.2495436 b 1.03238976;
        // t5 f 16.178694384 e 1.821305616 → l 17.089347192 b 1.2934119072.
        var state = new double[] { 10, 1 };

        EtsRecursion.Run([12, 13, 15, 15, 18], EtsSpec.Parse("AAdN"), 1, new EtsParameters(0.5, 0.2, 0, 0.9), state, out var sse, out _);

        Assert.Equal(17.089347192, state[0], 9);
        Assert.Equal(1.2934119072, state[1], 9);
        var expected = (1.1 * 1.1) + (0.542 * 0.542) + (1.26624 * 1.26624) + (0.4990872 * 0.4990872) + (1.821305616 * 1.821305616);
        Assert.Equal(expected, sse, 9);
    }

    [Fact]
    public void Additive_seasonal_recursion_matches_a_hand_computation()
    {
        // m = 2, α = 0.5, γ = 0.3, l0 = 10, seasonal states +1 (even steps), −1 (odd steps) on 11, 9, 13, 10, 12, 9:
        // t1 f 11 e 0 → l 10, s0 1; t2 f 9 e 0 → l 10, s1 −1; t3 f 11 e 2 → l 11, s0 1.6; t4 f 10 e 0 → l 11, s1 −1;
        // t5 f 12.6 e −0.6 → l 10.7, s0 1.42; t6 f 9.7 e −0.7 → l 10.35, s1 −1.21.
        var state = new double[] { 10, 0, 1, -1 };

        EtsRecursion.Run([11, 9, 13, 10, 12, 9], EtsSpec.Parse("ANA"), 2, new EtsParameters(0.5, 0, 0.3, 1), state, out var sse, out _);

        Assert.Equal(10.35, state[0], 12);
        Assert.Equal(1.42, state[2], 12);
        Assert.Equal(-1.21, state[3], 12);
        Assert.Equal(4 + 0.36 + 0.49, sse, 12);
    }

    [Fact]
    public void Multiplicative_error_accumulates_relative_errors_and_log_forecasts()
    {
        // MNN, α = 0.5, l0 = 10 on 12, 11: t1 f 10, ε 0.2 → l 11; t2 f 11, ε 0 → l 11.
        var state = new double[] { 10, 0 };

        EtsRecursion.Run([12, 11], EtsSpec.Parse("MNN"), 1, new EtsParameters(0.5, 0, 0, 1), state, out var sse, out var logSum);

        Assert.Equal(11, state[0], 12);
        Assert.Equal(0.04, sse, 12);
        Assert.Equal(Math.Log(10) + Math.Log(11), logSum, 12);
    }

    [Fact]
    public void Point_forecast_continues_trend_damping_and_season()
    {
        var fit = new EtsFit(EtsSpec.Parse("AAdA"), 2, new EtsParameters(0.5, 0.1, 0.1, 0.5), [0, 0, 0, 0], [10, 2, 1, -1], 1, 0, 3, 6);

        var point = EtsPrediction.PointForecast(fit, 3);

        // n = 3, so step 1 uses s_(3 mod 2) = −1; damped trend adds 2·(0.5), 2·(0.5 + 0.25), 2·(0.875).
        Assert.Equal([10 + 1 - 1, 10 + 1.5 + 1, 10 + 1.75 - 1], point);
    }

    [Theory]
    [InlineData("ANN", EtsError.Additive, EtsTrend.None, EtsSeason.None)]
    [InlineData("AAdN", EtsError.Additive, EtsTrend.Damped, EtsSeason.None)]
    [InlineData("MAdM", EtsError.Multiplicative, EtsTrend.Damped, EtsSeason.Multiplicative)]
    [InlineData("MNA", EtsError.Multiplicative, EtsTrend.None, EtsSeason.Additive)]
    public void Spec_parses_and_prints_R_notation(string text, EtsError error, EtsTrend trend, EtsSeason season)
    {
        var spec = EtsSpec.Parse(text);

        Assert.Equal(new EtsSpec(error, trend, season), spec);
        Assert.Equal(text, spec.ToString());
    }

    [Theory]
    [InlineData("AMN")]
    [InlineData("ANdN")]
    [InlineData("XNN")]
    [InlineData("AA")]
    public void Spec_rejects_unsupported_notation(string text) =>
        Assert.False(EtsSpec.TryParse(text, out _));
}
