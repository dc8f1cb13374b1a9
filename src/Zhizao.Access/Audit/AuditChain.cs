using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Zhizao.Core.Storage;

namespace Zhizao.Access.Audit;

/// <summary>Where a hash chain breaks, if it does.</summary>
/// <param name="Checked">Entries checked.</param>
/// <param name="LastSequence">The last sequence checked.</param>
/// <param name="BrokenAt">The first entry that does not verify; null when the chain is intact.</param>
/// <param name="Problem">What is wrong with it.</param>
public sealed record AuditVerification(long Checked, long LastSequence, long? BrokenAt, string? Problem)
{
    /// <summary>True when every entry verified.</summary>
    public bool IsIntact => BrokenAt is null;
}

/// <summary>
/// The audit log's hash chain: each entry's hash is SHA-256 over its sequence, time (Unix microseconds), the previous entry's hash
/// and its JSON text, so that changing, removing, inserting or reordering any entry breaks every hash after it.
/// </summary>
public static class AuditChain
{
    /// <summary>The "previous hash" of the first entry.</summary>
    public static readonly string Genesis = new('0', 64);

    /// <summary>The hash of an entry.</summary>
    public static string Hash(long sequence, DateTimeOffset at, string previousHash, string json)
    {
        var micros = (at.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;
        var text = string.Create(CultureInfo.InvariantCulture, $"{sequence}\n{micros}\n{previousHash}\n{json}");
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>Builds the next entry after <paramref name="previous"/> (null: the first).</summary>
    public static AuditRecord Next(AuditRecord? previous, DateTimeOffset at, string json)
    {
        var sequence = (previous?.Sequence ?? 0) + 1;
        var previousHash = previous?.Hash ?? Genesis;
        // Times are kept to the microsecond by every store: round first so that the hash covers what is stored.
        var stored = new DateTimeOffset(at.UtcTicks - at.UtcTicks % 10, TimeSpan.Zero);
        return new AuditRecord(sequence, stored, json, previousHash, Hash(sequence, stored, previousHash, json));
    }

    /// <summary>
    /// Checks entries in order, continuing from <paramref name="previous"/> (null: from the start of the log). Stops at the first
    /// entry that does not verify.
    /// </summary>
    public static AuditVerification Verify(IEnumerable<AuditRecord> entries, AuditRecord? previous = null)
    {
        long count = 0;
        var last = previous;
        foreach (var entry in entries)
        {
            count++;
            var expectedSequence = (last?.Sequence ?? 0) + 1;
            var expectedPrevious = last?.Hash ?? Genesis;
            string? problem = null;
            if (entry.Sequence != expectedSequence)
                problem = $"sequence {entry.Sequence} follows {last?.Sequence ?? 0}: entries are missing or inserted";
            else if (entry.PreviousHash != expectedPrevious)
                problem = "its previous-hash does not match the entry before it (an entry before it was changed or removed)";
            else if (Hash(entry.Sequence, entry.At, entry.PreviousHash, entry.Json) != entry.Hash)
                problem = "its hash does not match its content (the entry was changed)";
            if (problem is not null)
                return new AuditVerification(count, entry.Sequence, entry.Sequence, problem);
            last = entry;
        }
        return new AuditVerification(count, last?.Sequence ?? 0, null, null);
    }
}
