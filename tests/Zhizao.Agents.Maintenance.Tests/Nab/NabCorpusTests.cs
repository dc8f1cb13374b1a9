using Zhizao.Agents.Maintenance.Benchmarks.Nab;

namespace Zhizao.Agents.Maintenance.Tests.Nab;

public sealed class NabCorpusTests
{
    [Fact]
    public void Label_and_series_timestamps_parse_to_the_same_instant()
    {
        Assert.Equal(NabTimestamp.Parse("2014-04-10 07:15:00"), NabTimestamp.Parse("2014-04-10 07:15:00.000000"));
        Assert.Equal(new DateTime(2014, 4, 10, 7, 15, 0, DateTimeKind.Unspecified).AddTicks(10), NabTimestamp.Parse("2014-04-10 07:15:00.000001"));
    }

    [Theory]
    [InlineData("2014-04-10T07:15:00")]
    [InlineData("10/04/2014 07:15")]
    [InlineData("2014-04-10 07:15")]
    public void Timestamps_in_other_formats_are_rejected(string text) =>
        Assert.Throws<FormatException>(() => NabTimestamp.Parse(text));

    [Fact]
    public async Task Shared_corpus_has_58_series_and_116_windows_each_holding_rows()
    {
        var corpus = await NabCorpus.LoadSharedAsync(CancellationToken.None);

        Assert.Equal(58, corpus.Series.Count);
        Assert.Equal(116, corpus.WindowCount);
        var taxi = Assert.Single(corpus.Series, s => s.Name == "realKnownCause/nyc_taxi.csv");
        Assert.Equal(("realKnownCause", "nyc_taxi.csv"), (taxi.Category, taxi.FileName));
        Assert.Equal(new DateTime(2014, 7, 1, 0, 0, 0, DateTimeKind.Unspecified), taxi.Timestamps[0]);
        Assert.Equal(10844, taxi.Values[0]);
        Assert.All(corpus.Series.SelectMany(s => s.Windows.Select(w => (s, w))),
            p => Assert.Contains(p.s.Timestamps, t => t >= p.w.Start && t <= p.w.End));
    }
}
