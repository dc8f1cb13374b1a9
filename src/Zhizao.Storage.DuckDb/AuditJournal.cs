using System.Text;
using System.Text.Json;
using Zhizao.Core.Points;
using Zhizao.Core.Storage;

namespace Zhizao.Storage.DuckDb;

/// <summary>
/// The embedded store's audit log: an append-only JSON-lines file beside the database (<c>{database}.audit.jsonl</c>), synced to disk
/// (fsync) before an append returns. A file append and sync costs a fraction of a database commit here (docs/benchmarks.md, suite
/// <c>access</c>), and an append-only file is what an audit log is. On open the file is read once to index entry offsets; a torn last
/// line (a crash during an append that was therefore never acknowledged) is cut off.
/// </summary>
internal sealed class AuditJournal : IAuditStore, IDisposable
{
    private const int MaxRead = 10_000;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly string _path;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly List<long> _offsets = [];
    private FileStream? _file;
    private AuditRecord? _last;

    public AuditJournal(string databasePath) => _path = databasePath + ".audit.jsonl";

    /// <summary>The journal file.</summary>
    public string Path => _path;

    /// <summary>Opens (or creates) the journal and indexes its entries; cuts off a torn last line.</summary>
    public void Open()
    {
        _file = new FileStream(_path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read, 4096, FileOptions.None);
        _offsets.Clear();
        _last = null;
        var good = Index(_file);
        if (good < _file.Length)
            _file.SetLength(good);
        _file.Seek(0, SeekOrigin.End);
    }

    // Reads newline-terminated lines in 64 KiB chunks; returns the length of the complete lines. Only an unterminated last line is
    // cut off (an append that crashed before its sync, so never acknowledged); a complete line that does not parse was altered, and
    // the journal is refused rather than repaired, so that nothing is silently dropped from the evidence.
    private long Index(FileStream file)
    {
        var buffer = new byte[1 << 16];
        var line = new MemoryStream();
        long position = 0;
        long lineStart = 0;
        int read;
        while ((read = file.Read(buffer, 0, buffer.Length)) > 0)
        {
            var from = 0;
            for (var i = 0; i < read; i++)
            {
                if (buffer[i] != (byte)'\n')
                    continue;
                line.Write(buffer, from, i - from);
                var record = TryParse(Encoding.UTF8.GetString(line.GetBuffer(), 0, (int)line.Length))
                    ?? throw new InvalidDataException($"{_path}: the line at byte {lineStart} is not an audit entry; the journal was altered outside Zhizao (restore it from a backup)");
                _offsets.Add(lineStart);
                _last = record;
                lineStart = position + i + 1;
                line.SetLength(0);
                from = i + 1;
            }
            line.Write(buffer, from, read - from);
            position += read;
        }
        return lineStart;
    }

    public async Task AppendAsync(IReadOnlyList<AuditRecord> entries, CancellationToken cancellationToken)
    {
        if (entries.Count == 0)
            return;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var file = _file ?? throw new InvalidOperationException("the audit journal is not open");
            var expected = (_last?.Sequence ?? 0) + 1;
            for (var i = 0; i < entries.Count; i++)
            {
                if (entries[i].Sequence != expected + i)
                    throw new InvalidOperationException($"audit entry {entries[i].Sequence} does not follow {expected + i - 1}: the log is append-only and gap-free");
            }
            var start = file.Position;
            var bytes = new MemoryStream();
            var offsets = new List<long>(entries.Count);
            foreach (var entry in entries)
            {
                offsets.Add(start + bytes.Length);
                bytes.Write(JsonSerializer.SerializeToUtf8Bytes(Line.From(entry), Json));
                bytes.WriteByte((byte)'\n');
            }
            try
            {
                await file.WriteAsync(bytes.GetBuffer().AsMemory(0, (int)bytes.Length), CancellationToken.None);
                file.Flush(flushToDisk: true);
            }
            catch
            {
                // Nothing of a failed batch counts: cut back to where it started so that the file stays a clean chain.
                file.SetLength(start);
                file.Seek(start, SeekOrigin.Begin);
                throw;
            }
            _offsets.AddRange(offsets);
            _last = entries[^1];
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<IReadOnlyList<AuditRecord>> ReadAsync(long afterSequence, int limit, CancellationToken cancellationToken)
    {
        long offset;
        int count;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var first = (int)Math.Clamp(afterSequence, 0, _offsets.Count);
            count = Math.Min(Math.Clamp(limit, 1, MaxRead), _offsets.Count - first);
            if (count <= 0)
                return [];
            offset = _offsets[first];
        }
        finally
        {
            _gate.Release();
        }
        // A separate read handle: appends continue while a page is read (the indexed lines are complete and never change).
        await using var stream = new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 16, FileOptions.Asynchronous);
        stream.Seek(offset, SeekOrigin.Begin);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var result = new List<AuditRecord>(count);
        while (result.Count < count && await reader.ReadLineAsync(cancellationToken) is { } line)
            result.Add(TryParse(line) ?? throw new InvalidDataException($"{_path}: an indexed audit entry is unreadable after sequence {afterSequence + result.Count}"));
        return result;
    }

    public Task<AuditRecord?> LastAsync(CancellationToken cancellationToken) => Task.FromResult(_last);

    public void Dispose()
    {
        _file?.Dispose();
        _file = null;
        _gate.Dispose();
    }

    private static AuditRecord? TryParse(string line)
    {
        try
        {
            return JsonSerializer.Deserialize<Line>(line, Json)?.ToRecord();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>One line of the journal: the entry's fields, time in Unix microseconds (what the hash covers).</summary>
    private sealed record Line(long Seq, long AtUs, string Json, string Prev, string Hash)
    {
        public static Line From(AuditRecord r) => new(r.Sequence, Timestamps.ToMicros(r.At), r.Json, r.PreviousHash, r.Hash);

        public AuditRecord ToRecord() => new(Seq, Timestamps.FromMicros(AtUs), Json, Prev, Hash);
    }
}
