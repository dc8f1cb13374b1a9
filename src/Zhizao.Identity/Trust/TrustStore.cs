using Zhizao.Core.Access;
using System.Collections.Immutable;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Zhizao.Core.Storage;
using Zhizao.Identity.Keys;

namespace Zhizao.Identity.Trust;

/// <summary>
/// Zhizao's trust roots: publishers (namespace, display name, identity level, domain) and their keys, one JSON document per publisher
/// in the <see cref="Collection"/> collection. Reads (<see cref="FindKey"/>, <see cref="GetPublisher"/>) come from an in-memory
/// snapshot, lock-free; writes go to the document store with optimistic concurrency and then update the snapshot.
/// Call <see cref="LoadAsync"/> at start and whenever another instance may have written.
/// </summary>
public sealed partial class TrustStore : ITrustRoots
{
    /// <summary>The document collection.</summary>
    public const string Collection = "publishers";

    private readonly IDocumentStore _store;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly DomainVerifier? _domainVerifier;
    private readonly Lock _gate = new();
    private ImmutableDictionary<string, Entry> _entries = ImmutableDictionary.Create<string, Entry>(StringComparer.Ordinal);
    private long _version;

    /// <summary>Creates the store; <paramref name="domainVerifier"/> is needed only for domain verification.</summary>
    public TrustStore(IDocumentStore store, TimeProvider time, ILogger<TrustStore> logger, DomainVerifier? domainVerifier = null)
    {
        _store = store;
        _time = time;
        _logger = logger;
        _domainVerifier = domainVerifier;
    }

    /// <summary>How long a domain challenge stays valid (default 48 hours).</summary>
    public TimeSpan ChallengeLifetime { get; init; } = TimeSpan.FromHours(48);

    /// <inheritdoc />
    public long Version => Interlocked.Read(ref _version);

    /// <summary>(Re)reads every publisher from the document store.</summary>
    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        var documents = await _store.ListAsync(Collection, null, cancellationToken);
        var loaded = documents.Select(d => Entry.Create(Documents.Read<Publisher>(d), d.Revision)).ToList();
        lock (_gate)
        {
            // A write of this instance that landed after the listing keeps its newer revision.
            _entries = loaded
                .Select(e => _entries.TryGetValue(e.Publisher.Namespace, out var mine) && mine.Revision > e.Revision ? mine : e)
                .ToImmutableDictionary(e => e.Publisher.Namespace, StringComparer.Ordinal);
            Interlocked.Increment(ref _version);
        }
        Log.TrustRootsLoaded(_logger, loaded.Count);
    }

    /// <inheritdoc />
    public TrustedKey? FindKey(string publisherNamespace, string kid) =>
        Volatile.Read(ref _entries).TryGetValue(publisherNamespace, out var entry) && entry.Keys.TryGetValue(kid, out var key) ? key : null;

    /// <summary>A publisher; null when unknown.</summary>
    public Publisher? GetPublisher(string publisherNamespace) =>
        Volatile.Read(ref _entries).TryGetValue(publisherNamespace, out var entry) ? entry.Publisher : null;

    /// <summary>Every publisher, by namespace.</summary>
    public IReadOnlyList<Publisher> ListPublishers() =>
        [.. Volatile.Read(ref _entries).Values.Select(e => e.Publisher).OrderBy(p => p.Namespace, StringComparer.Ordinal)];

    /// <summary>Registers a self-asserted publisher without keys.</summary>
    public async Task<IdentityResult<Publisher>> RegisterPublisherAsync(string publisherNamespace, string displayName, CancellationToken cancellationToken)
    {
        if (PublisherNamespace.Validate(publisherNamespace) is { } invalid)
            return IdentityResult.Fail<Publisher>(IdentityErrors.NamespaceInvalid, invalid);
        if (string.IsNullOrWhiteSpace(displayName))
            return IdentityResult.Fail<Publisher>(IdentityErrors.NamespaceInvalid, "the display name is empty");
        var publisher = new Publisher(publisherNamespace, displayName.Trim(), IdentityLevel.SelfAsserted, null, [], _time.GetUtcNow());
        if (!await _store.TryInsertAsync(Collection, publisherNamespace, Documents.Write(publisher), _time.GetUtcNow(), cancellationToken))
            return IdentityResult.Fail<Publisher>(IdentityErrors.PublisherExists, $"publisher {publisherNamespace} exists");
        Remember(publisher, 1, keysChanged: false);
        Log.PublisherRegistered(_logger, publisherNamespace, publisher.Level.ToString());
        return IdentityResult.Ok(publisher);
    }

    /// <summary>
    /// Adds an active key (a public EC P-256 JWK; its kid becomes the RFC 7638 thumbprint). Several keys may be active at once, so a
    /// publisher rotates by adding the new key, re-signing, then retiring the old one. Adding a key already present changes nothing;
    /// a revoked key cannot come back.
    /// </summary>
    public async Task<IdentityResult<PublisherKey>> AddKeyAsync(string publisherNamespace, JsonObject publicJwk, CancellationToken cancellationToken)
    {
        EcPublicKey key;
        try
        {
            key = EcPublicKey.FromJwk(publicJwk);
        }
        catch (FormatException e)
        {
            return IdentityResult.Fail<PublisherKey>(IdentityErrors.KeyInvalid, e.Message);
        }
        var result = await UpdateAsync(publisherNamespace, publisher =>
        {
            if (publisher.Keys.FirstOrDefault(k => k.Kid == key.Kid) is { } existing)
                return existing.Status == KeyStatus.Revoked
                    ? Refuse<PublisherKey>(IdentityErrors.KeyRevoked, $"key {key.Kid} of {publisherNamespace} is revoked and cannot be added again")
                    : new(null, IdentityResult.Ok(existing));
            var added = new PublisherKey(key.Kid, key.ToJwk(), KeyStatus.Active, _time.GetUtcNow());
            return new(publisher with { Keys = [.. publisher.Keys, added] }, IdentityResult.Ok(added));
        }, keysChanged: true, cancellationToken);
        if (result.IsSuccess)
            Log.KeyAdded(_logger, publisherNamespace, key.Kid);
        return result;
    }

    /// <summary>Retires a key: it signs nothing new but what it signed still verifies. Retiring a retired key changes nothing.</summary>
    public async Task<IdentityResult<PublisherKey>> RetireKeyAsync(string publisherNamespace, string kid, CancellationToken cancellationToken)
    {
        var result = await ChangeKeyAsync(publisherNamespace, kid, key => key.Status switch
        {
            KeyStatus.Revoked => IdentityResult.Fail<PublisherKey>(IdentityErrors.KeyRevoked, $"key {kid} of {publisherNamespace} is revoked"),
            KeyStatus.Retired => IdentityResult.Ok(key),
            _ => IdentityResult.Ok(key with { Status = KeyStatus.Retired, RetiredAt = _time.GetUtcNow() }),
        }, cancellationToken);
        if (result.IsSuccess)
            Log.KeyRetired(_logger, publisherNamespace, kid);
        return result;
    }

    /// <summary>Revokes a key: from now on nothing it signed verifies. Revoking again keeps the first revocation time and reason.</summary>
    public async Task<IdentityResult<PublisherKey>> RevokeKeyAsync(string publisherNamespace, string kid, string reason, CancellationToken cancellationToken)
    {
        var result = await ChangeKeyAsync(publisherNamespace, kid, key => IdentityResult.Ok(key.Status == KeyStatus.Revoked
            ? key
            : key with { Status = KeyStatus.Revoked, RevokedAt = _time.GetUtcNow(), Reason = reason }), cancellationToken);
        if (result.IsSuccess)
            Log.KeyRevoked(_logger, publisherNamespace, kid, reason);
        return result;
    }

    /// <summary>Records that a platform administrator verified the organisation behind the publisher.</summary>
    public Task<IdentityResult<Publisher>> SetOrganizationVerifiedAsync(string publisherNamespace, CancellationToken cancellationToken) =>
        SetLevelAsync(publisherNamespace, IdentityLevel.OrganizationVerified, cancellationToken);

    /// <summary>
    /// Makes sure a publisher exists with the given level and that <paramref name="key"/> is one of its active keys (used for the
    /// platform's own key at start). With <paramref name="retireOtherKeys"/>, its other active keys are retired: what they signed still
    /// verifies. A revoked key is refused.
    /// </summary>
    public async Task<IdentityResult<Publisher>> EnsureTrustRootAsync(
        string publisherNamespace, string displayName, IdentityLevel level, EcPublicKey key, bool retireOtherKeys, CancellationToken cancellationToken)
    {
        if (PublisherNamespace.Validate(publisherNamespace) is { } invalid)
            return IdentityResult.Fail<Publisher>(IdentityErrors.NamespaceInvalid, invalid);
        var now = _time.GetUtcNow();
        var (result, written, revision) = await Documents.UpdateAsync<Publisher, Publisher>(_store, Collection, publisherNamespace, _time, stored =>
        {
            var publisher = stored ?? new Publisher(publisherNamespace, displayName, level, null, [], now, LevelChangedAt: now);
            if (publisher.Keys.FirstOrDefault(k => k.Kid == key.Kid) is { Status: KeyStatus.Revoked })
                return Refuse<Publisher, Publisher>(IdentityErrors.KeyRevoked, $"key {key.Kid} of {publisherNamespace} is revoked; generate a new one");
            var keys = publisher.Keys
                .Select(k => k.Kid != key.Kid && retireOtherKeys && k.Status == KeyStatus.Active ? k with { Status = KeyStatus.Retired, RetiredAt = now } : k)
                .Select(k => k.Kid == key.Kid && k.Status == KeyStatus.Retired ? k with { Status = KeyStatus.Active, RetiredAt = null } : k)
                .ToList();
            if (keys.All(k => k.Kid != key.Kid))
                keys.Add(new PublisherKey(key.Kid, key.ToJwk(), KeyStatus.Active, now));
            var updated = publisher with
            {
                Level = level,
                LevelChangedAt = publisher.Level == level ? publisher.LevelChangedAt : now,
                Keys = keys,
            };
            var unchanged = stored is not null && updated.Level == stored.Level && updated.Keys.SequenceEqual(stored.Keys);
            return new(unchanged ? null : updated, IdentityResult.Ok(unchanged ? stored! : updated));
        }, cancellationToken);
        if (written is not null)
            Remember(written, revision, keysChanged: true);
        return result;
    }

    private async Task<IdentityResult<Publisher>> SetLevelAsync(string publisherNamespace, IdentityLevel level, CancellationToken cancellationToken)
    {
        var result = await UpdateAsync(publisherNamespace, publisher =>
        {
            if (publisher.Level == level)
                return new DocumentChange<Publisher, Publisher>(null, IdentityResult.Ok(publisher));
            var updated = publisher with { Level = level, LevelChangedAt = _time.GetUtcNow() };
            return new(updated, IdentityResult.Ok(updated));
        },
            keysChanged: false, cancellationToken);
        if (result.IsSuccess)
            Log.LevelChanged(_logger, publisherNamespace, level.ToString());
        return result;
    }

    private Task<IdentityResult<PublisherKey>> ChangeKeyAsync(
        string publisherNamespace, string kid, Func<PublisherKey, IdentityResult<PublisherKey>> change, CancellationToken cancellationToken) =>
        UpdateAsync(publisherNamespace, publisher =>
        {
            if (publisher.Keys.FirstOrDefault(k => k.Kid == kid) is not { } key)
                return Refuse<PublisherKey>(IdentityErrors.KeyUnknown, $"publisher {publisherNamespace} has no key {kid}");
            var result = change(key);
            if (!result.IsSuccess || result.Value == key)
                return new(null, result);
            return new(publisher with { Keys = [.. publisher.Keys.Select(k => k.Kid == kid ? result.Value! : k)] }, result);
        }, keysChanged: true, cancellationToken);

    /// <summary>A read-modify-write of an existing publisher, then the snapshot update.</summary>
    private async Task<IdentityResult<T>> UpdateAsync<T>(
        string publisherNamespace, Func<Publisher, DocumentChange<Publisher, T>> change, bool keysChanged, CancellationToken cancellationToken)
    {
        var (result, written, revision) = await Documents.UpdateAsync<Publisher, T>(_store, Collection, publisherNamespace, _time,
            stored => stored is null ? Refuse<T>(IdentityErrors.PublisherUnknown, $"no publisher {publisherNamespace}") : change(stored),
            cancellationToken);
        if (written is not null)
            Remember(written, revision, keysChanged);
        return result;
    }

    private void Remember(Publisher publisher, long revision, bool keysChanged)
    {
        var entry = Entry.Create(publisher, revision);
        lock (_gate)
        {
            if (_entries.TryGetValue(publisher.Namespace, out var current) && current.Revision >= revision)
                return;
            _entries = _entries.SetItem(publisher.Namespace, entry);
            if (keysChanged)
                Interlocked.Increment(ref _version);
        }
    }

    private static DocumentChange<Publisher, T> Refuse<T>(string type, string message) => Refuse<Publisher, T>(type, message);

    private static DocumentChange<TDocument, T> Refuse<TDocument, T>(string type, string message) where TDocument : class =>
        new(null, IdentityResult.Fail<T>(type, message));

    /// <summary>A publisher as cached: its document revision and its keys ready to verify.</summary>
    private sealed record Entry(Publisher Publisher, long Revision, ImmutableDictionary<string, TrustedKey> Keys)
    {
        public static Entry Create(Publisher publisher, long revision) => new(publisher, revision, publisher.Keys.ToImmutableDictionary(
            k => k.Kid,
            k => new TrustedKey(publisher.Namespace, k.Kid, EcPublicKey.FromJwk(k.PublicJwk), k.Status, k.RevokedAt, k.Reason),
            StringComparer.Ordinal));
    }
}
