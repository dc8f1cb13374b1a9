using Zhizao.Core.Points;

namespace Zhizao.Core.Tests;

public sealed class UnitsTests
{
    [Theory]
    [InlineData("°F", "°C", 212, 100)]
    [InlineData("°F", "°C", 32, 0)]
    [InlineData("°F", "°C", -40, -40)]
    [InlineData("°C", "°F", 100, 212)]
    [InlineData("K", "°C", 273.15, 0)]
    [InlineData("kW", "W", 1.5, 1500)]
    [InlineData("W", "kW", 250, 0.25)]
    [InlineData("bar", "kPa", 1, 100)]
    [InlineData("kPa", "bar", 250, 2.5)]
    [InlineData("kWh", "MJ", 1, 3.6)]
    [InlineData("km/h", "m/s", 36, 10)]
    [InlineData("%", "ratio", 50, 0.5)]
    public void TryGetConversion_converts_between_units_of_one_dimension(string from, string to, double value, double expected)
    {
        Assert.True(Units.TryGetConversion(from, to, out var convert));

        Assert.Equal(expected, convert(value), 9);
    }

    [Fact]
    public void TryGetConversion_is_identity_for_the_same_unit_even_when_unknown()
    {
        Assert.True(Units.TryGetConversion("widgets", "widgets", out var convert));

        Assert.Equal(42.5, convert(42.5));
    }

    [Theory]
    [InlineData("°F", "kPa")]
    [InlineData("kW", "kWh")]
    [InlineData("bar", "m")]
    [InlineData("furlong", "m")]
    [InlineData("m", "furlong")]
    [InlineData("kw", "W")]
    public void TryGetConversion_refuses_unknown_units_and_different_dimensions(string from, string to) =>
        Assert.False(Units.TryGetConversion(from, to, out _));
}
