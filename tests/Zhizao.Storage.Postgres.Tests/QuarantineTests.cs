using Zhizao.Core.Points;
using Zhizao.Core.Storage;

namespace Zhizao.Storage.Postgres.Tests;

public sealed class QuarantineTests(PostgresServerFixture server) : PostgresStoreTest(server)
{
    private static readonly DateTimeOffset Received = new(2026, 3, 2, 9, 30, 0, TimeSpan.FromHours(8));

    private static RejectedPoint Rejected(int i, RejectReason reason, string source) =>
        new(Received.AddSeconds(i), source, reason, $"problem {i}", $"sh1/line1/press1/s{i}", "2026-03-02T01:30:00Z", i.ToString(System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public async Task Quarantined_points_are_listed_newest_first_with_every_field()
    {
        RejectedPoint[] points =
        [
            Rejected(0, RejectReason.UnknownSignal, "mqtt"),
            new(Received, "csv", RejectReason.Malformed, "not JSON"),
            Rejected(2, RejectReason.NotFinite, "mqtt"),
        ];
        await Store.Metadata.AddQuarantineAsync(points, Ct);

        var entries = await Store.Metadata.ListQuarantineAsync(new QuarantineQuery(), Ct);

        Assert.Equal(points.Reverse(), entries.Select(e => e.Point));
        Assert.True(entries[0].Id > entries[1].Id && entries[1].Id > entries[2].Id);
    }

    [Fact]
    public async Task Quarantine_filters_by_reason_source_and_cursor()
    {
        await Store.Metadata.AddQuarantineAsync(
            [.. Enumerable.Range(0, 12).Select(i => Rejected(i, i % 3 == 0 ? RejectReason.WrongType : RejectReason.WrongUnit, i % 2 == 0 ? "mqtt" : "opcua"))], Ct);

        var wrongType = await Store.Metadata.ListQuarantineAsync(new QuarantineQuery(Reason: RejectReason.WrongType), Ct);
        Assert.Equal(["problem 9", "problem 6", "problem 3", "problem 0"], wrongType.Select(e => e.Point.Message));

        var opcuaWrongUnit = await Store.Metadata.ListQuarantineAsync(new QuarantineQuery(Reason: RejectReason.WrongUnit, Source: "opcua"), Ct);
        Assert.Equal(["problem 11", "problem 7", "problem 5", "problem 1"], opcuaWrongUnit.Select(e => e.Point.Message));

        var firstPage = await Store.Metadata.ListQuarantineAsync(new QuarantineQuery(Limit: 5), Ct);
        var secondPage = await Store.Metadata.ListQuarantineAsync(new QuarantineQuery(Limit: 5, BeforeId: firstPage[^1].Id), Ct);
        Assert.Equal(
            Enumerable.Range(2, 10).Reverse().Select(i => $"problem {i}"),
            firstPage.Concat(secondPage).Select(e => e.Point.Message));
    }

    [Fact]
    public async Task Quarantine_counts_points_per_reason()
    {
        await Store.Metadata.AddQuarantineAsync(
            [Rejected(0, RejectReason.Oversize, "http"), Rejected(1, RejectReason.Oversize, "http"), Rejected(2, RejectReason.TimestampOutOfRange, "mqtt")], Ct);

        var counts = await Store.Metadata.CountQuarantineAsync(Ct);

        Assert.Equal(new Dictionary<RejectReason, long> { [RejectReason.Oversize] = 2, [RejectReason.TimestampOutOfRange] = 1 }, counts);
    }

    [Fact]
    public async Task Quarantine_keeps_hostile_fields_bounded()
    {
        var huge = new string('x', 100_000);
        await Store.Metadata.AddQuarantineAsync([new RejectedPoint(Received, "mqtt", RejectReason.Malformed, huge, huge, huge, huge)], Ct);

        var entry = Assert.Single(await Store.Metadata.ListQuarantineAsync(new QuarantineQuery(), Ct));

        Assert.All(
            [entry.Point.Message, entry.Point.Signal!, entry.Point.Timestamp!, entry.Point.Value!],
            text => Assert.True(text.Length <= RejectedPoint.MaxFieldLength + 1));
    }

    [Fact]
    public async Task Quarantine_listing_rejects_an_unbounded_limit()
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(
            () => Store.Metadata.ListQuarantineAsync(new QuarantineQuery(Limit: PostgresStore.MaxReadLimit + 1), Ct));
    }
}
