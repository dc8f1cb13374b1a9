using System.Text.Json;
using System.Text.Json.Serialization;
using Zhizao.Core.Storage;

namespace Zhizao.Identity;

/// <summary>What a read-modify-write decides: the document to write (null: write nothing) and the operation's result.</summary>
internal sealed record DocumentChange<TDocument, TResult>(TDocument? Document, IdentityResult<TResult> Result)
    where TDocument : class;

/// <summary>JSON documents of the identity services in <see cref="IDocumentStore"/>, written with optimistic concurrency.</summary>
internal static class Documents
{
    /// <summary>Attempts of a read-modify-write before giving up with <see cref="IdentityErrors.ConcurrentUpdate"/>.</summary>
    private const int MaxAttempts = 16;

    /// <summary>camelCase, nulls omitted: the stored form of publishers and clients.</summary>
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static T Read<T>(StoredDocument document) =>
        JsonSerializer.Deserialize<T>(document.Json, Options)
        ?? throw new JsonException($"document {document.Collection}/{document.Key} is null");

    public static string Write<T>(T value) => JsonSerializer.Serialize(value, Options);

    /// <summary>
    /// Reads the document, lets <paramref name="change"/> decide, and writes the result only if nobody wrote in between (re-reading and
    /// deciding again otherwise). <paramref name="change"/> receives null when the document does not exist.
    /// </summary>
    /// <returns>The result, and the written document with its new revision (null when nothing was written).</returns>
    public static async Task<(IdentityResult<TResult> Result, TDocument? Written, long Revision)> UpdateAsync<TDocument, TResult>(
        IDocumentStore store, string collection, string key, TimeProvider time,
        Func<TDocument?, DocumentChange<TDocument, TResult>> change, CancellationToken cancellationToken)
        where TDocument : class
    {
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var stored = await store.GetAsync(collection, key, cancellationToken);
            var decision = change(stored is null ? null : Read<TDocument>(stored));
            if (decision.Document is null || !decision.Result.IsSuccess)
                return (decision.Result, null, stored?.Revision ?? 0);
            var written = stored is null
                ? await store.TryInsertAsync(collection, key, Write(decision.Document), time.GetUtcNow(), cancellationToken)
                : await store.PutAsync(collection, key, Write(decision.Document), stored.Revision, time.GetUtcNow(), cancellationToken);
            if (written)
                return (decision.Result, decision.Document, (stored?.Revision ?? 0) + 1);
        }
        return (IdentityResult.Fail<TResult>(IdentityErrors.ConcurrentUpdate, $"{collection}/{key} kept changing under concurrent writers; retry"), null, 0);
    }
}
