using Zhizao.Forecasting.Seasonality;

namespace Zhizao.Forecasting.Tests;

public sealed class SeasonalityTests
{
    internal static double[] PerfectlySeasonal(double level, double[] indices, int seasons) =>
        Enumerable.Range(0, seasons * indices.Length).Select(t => level * indices[t % indices.Length]).ToArray();

    [Fact]
    public void Autocorrelation_matches_R_acf_on_one_to_five()
    {
        // R: acf(1:5)$acf = 1, 0.4, -0.1, -0.4, -0.4.
        var acf = SeasonalityTest.Autocorrelation([1, 2, 3, 4, 5], 4);
        double[] expected = [1, 0.4, -0.1, -0.4, -0.4];
        for (var k = 0; k < expected.Length; k++)
        {
            Assert.Equal(expected[k], acf[k], 12);
        }
    }

    [Fact]
    public void A_repeating_pattern_is_seasonal_at_its_period()
    {
        Assert.True(SeasonalityTest.IsSeasonal(PerfectlySeasonal(10, [0.5, 1.5, 1, 1], 3), 4));
    }

    [Fact]
    public void Noise_is_not_seasonal()
    {
        var random = new Random(7);
        var noise = Enumerable.Range(0, 240).Select(_ => random.NextDouble()).ToArray();
        Assert.False(SeasonalityTest.IsSeasonal(noise, 24));
    }

    [Fact]
    public void The_test_needs_three_seasons_and_a_period_above_one()
    {
        Assert.False(SeasonalityTest.IsSeasonal(PerfectlySeasonal(10, [0.5, 1.5, 1, 1], 2), 4));
        Assert.False(SeasonalityTest.IsSeasonal([1, 2, 1, 2, 1, 2], 1));
    }

    [Fact]
    public void Centred_moving_average_is_2_by_m_for_even_m_and_m_for_odd_m()
    {
        var even = ClassicalDecomposition.CentredMovingAverage([1, 2, 3, 4, 5, 6], 2);
        Assert.True(double.IsNaN(even[0]) && double.IsNaN(even[5]));
        Assert.Equal([2.0, 3, 4, 5], even[1..5]);

        var odd = ClassicalDecomposition.CentredMovingAverage([1, 2, 4, 8, 16], 3);
        Assert.Equal(7.0 / 3, odd[1], 12);
        Assert.Equal(14.0 / 3, odd[2], 12);
        Assert.Equal(28.0 / 3, odd[3], 12);
    }

    [Theory]
    [InlineData(new[] { 0.5, 1.5, 1.0, 1.0 })]
    [InlineData(new[] { 0.8, 1.2, 1.0 })]
    public void Multiplicative_indices_of_a_perfectly_seasonal_series_are_its_pattern(double[] pattern)
    {
        var indices = ClassicalDecomposition.MultiplicativeIndices(PerfectlySeasonal(10, pattern, 4), pattern.Length);
        for (var p = 0; p < pattern.Length; p++)
        {
            Assert.Equal(pattern[p], indices[p], 12);
        }
    }

    [Fact]
    public void Multiplicative_indices_are_normalised_to_mean_one()
    {
        var indices = ClassicalDecomposition.MultiplicativeIndices(PerfectlySeasonal(10, [1, 3, 2, 2], 4), 4);
        Assert.Equal(1, indices.Average(), 12);
        Assert.Equal(0.5, indices[0], 12);
    }
}
