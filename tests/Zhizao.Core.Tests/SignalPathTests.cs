using Zhizao.Core.Assets;

namespace Zhizao.Core.Tests;

public sealed class SignalPathTests
{
    [Fact]
    public void TryParse_reads_four_segments()
    {
        Assert.True(SignalPath.TryParse("sh/line-1/press_1/temp", out var path));

        Assert.Equal(new SignalPath("sh", "line-1", "press_1", "temp"), path);
        Assert.Equal("sh/line-1/press_1/temp", path.Value.ToString());
        Assert.Equal("sh/line-1/press_1", path.Value.MachinePath);
    }

    [Theory]
    [InlineData("")]
    [InlineData("sh/line1/press1")]
    [InlineData("sh/line1/press1/temp/extra")]
    [InlineData("sh//press1/temp")]
    [InlineData("sh/line1/press1/")]
    [InlineData("/sh/line1/press1")]
    [InlineData("sh/line 1/press1/temp")]
    [InlineData("sh/line1/-press/temp")]
    [InlineData("sh/line1/press1/temp#")]
    public void TryParse_rejects_malformed_paths(string text)
    {
        Assert.False(SignalPath.TryParse(text, out var path));
        Assert.Null(path);
    }

    [Theory]
    [InlineData("a")]
    [InlineData("0")]
    [InlineData("press-1_B")]
    public void Identifier_accepts_letters_digits_dash_and_underscore(string id) => Assert.True(Identifier.IsValid(id));

    [Theory]
    [InlineData("")]
    [InlineData("_a")]
    [InlineData("-a")]
    [InlineData("a b")]
    [InlineData("a/b")]
    [InlineData("a.b")]
    [InlineData("温度")]
    public void Identifier_rejects_other_text(string id) => Assert.False(Identifier.IsValid(id));

    [Fact]
    public void Identifier_allows_at_most_the_maximum_length()
    {
        Assert.True(Identifier.IsValid(new string('a', Identifier.MaxLength)));
        Assert.False(Identifier.IsValid(new string('a', Identifier.MaxLength + 1)));
    }
}
