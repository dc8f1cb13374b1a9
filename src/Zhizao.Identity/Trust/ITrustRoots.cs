using Zhizao.Identity.Keys;

namespace Zhizao.Identity.Trust;

/// <summary>
/// Where verifiers find keys: the publishers' keys that Zhizao itself holds. A signer's own hints (jku, jwk, x5u, x5c) are never
/// followed, so a key can only be trusted by being registered here.
/// </summary>
public interface ITrustRoots
{
    /// <summary>Changes whenever a key is added, retired or revoked, or the roots are reloaded: a cache of verification results keyed by it stays correct.</summary>
    long Version { get; }

    /// <summary>The key <paramref name="kid"/> of the publisher <paramref name="publisherNamespace"/>, whatever its status; null when unknown.</summary>
    TrustedKey? FindKey(string publisherNamespace, string kid);
}

/// <summary>A publisher's key as verifiers see it.</summary>
/// <param name="PublisherNamespace">The publisher it belongs to.</param>
/// <param name="Kid">RFC 7638 thumbprint.</param>
/// <param name="Key">The public key.</param>
/// <param name="Status">Active and retired keys verify; revoked keys never do.</param>
/// <param name="RevokedAt">When it was revoked.</param>
/// <param name="RevocationReason">Why it was revoked.</param>
public sealed record TrustedKey(
    string PublisherNamespace,
    string Kid,
    EcPublicKey Key,
    KeyStatus Status,
    DateTimeOffset? RevokedAt,
    string? RevocationReason);
