using System.Text;
using Zhizao.Core.Storage;

namespace Zhizao.Storage.DuckDb.Tests;

/// <summary>The embedded store's audit journal: an append-only, synced JSON-lines file beside the database.</summary>
public sealed class AuditJournalTests : DuckDbStoreTest
{
    private static AuditRecord Entry(long sequence) =>
        new(sequence, DateTimeOffset.UnixEpoch.AddSeconds(sequence), $$"""{"n":{{sequence}},"text":"多语言 ✓"}""", $"h{sequence - 1}", $"h{sequence}");

    [Fact]
    public async Task A_torn_last_line_from_a_crash_is_cut_off_and_appends_continue_after_it()
    {
        await Store.Audit.AppendAsync([Entry(1), Entry(2), Entry(3)], Ct);
        var path = Store.AuditPath;
        await CloseAsync();
        // A crash in the middle of writing entry 4: the line has no newline, so it was never synced and never acknowledged.
        await File.AppendAllTextAsync(path, """{"seq":4,"atUs":4000000,"json":"{\"n\":""", Encoding.UTF8);

        await ReopenAsync();
        Assert.Equal(3, (await Store.Audit.LastAsync(Ct))!.Sequence);
        await Store.Audit.AppendAsync([Entry(4)], Ct);
        Assert.Equal([1L, 2, 3, 4], (await Store.Audit.ReadAsync(0, 100, Ct)).Select(e => e.Sequence));
        Assert.Equal(Entry(2), (await Store.Audit.ReadAsync(1, 1, Ct)).Single());
    }

    [Fact]
    public async Task A_complete_line_altered_into_garbage_is_refused_not_repaired()
    {
        await Store.Audit.AppendAsync([Entry(1), Entry(2), Entry(3)], Ct);
        var path = Store.AuditPath;
        await CloseAsync();
        var lines = await File.ReadAllLinesAsync(path);
        lines[1] = "removed by someone";
        await File.WriteAllLinesAsync(path, lines);

        var error = await Assert.ThrowsAsync<InvalidDataException>(ReopenAsync);
        Assert.Contains("altered", error.Message, StringComparison.Ordinal);
        Assert.Equal(3, (await File.ReadAllLinesAsync(path)).Length);
    }

    [Fact]
    public async Task Appends_are_gap_free_and_a_rejected_batch_leaves_nothing()
    {
        await Store.Audit.AppendAsync([Entry(1)], Ct);
        await Assert.ThrowsAsync<InvalidOperationException>(() => Store.Audit.AppendAsync([Entry(2), Entry(4)], Ct));
        await Assert.ThrowsAsync<InvalidOperationException>(() => Store.Audit.AppendAsync([Entry(1)], Ct));
        Assert.Single(await Store.Audit.ReadAsync(0, 100, Ct));
        Assert.Single(await File.ReadAllLinesAsync(Store.AuditPath));
    }
}
