using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Zhizao.Core.Access;

namespace Zhizao.Identity.Trust;

/// <summary>
/// A key's state. <see cref="Active"/>: signs new cards. <see cref="Retired"/>: rotated out, no longer used for new signatures, but
/// what it signed still verifies. <see cref="Revoked"/>: compromised or withdrawn; nothing it signed verifies, ever again.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<KeyStatus>))]
public enum KeyStatus
{
    /// <summary>In use.</summary>
    [JsonStringEnumMemberName("active")] Active,
    /// <summary>Rotated out; still verifies.</summary>
    [JsonStringEnumMemberName("retired")] Retired,
    /// <summary>Never verifies.</summary>
    [JsonStringEnumMemberName("revoked")] Revoked,
}

/// <summary>How a publisher proves control of a domain.</summary>
public enum DomainProofMethod
{
    /// <summary>The token in <c>http(s)://{domain}/.well-known/zhizao-publisher-verification.txt</c>.</summary>
    WellKnownFile,
    /// <summary>The token in a TXT record of <c>_zhizao-challenge.{domain}</c>.</summary>
    DnsTxt,
}

/// <summary>One key of a publisher.</summary>
/// <param name="Kid">RFC 7638 thumbprint of <paramref name="PublicJwk"/>.</param>
/// <param name="PublicJwk">The public JWK (EC P-256).</param>
/// <param name="Status">Active, retired or revoked.</param>
/// <param name="AddedAt">When it was registered.</param>
/// <param name="RetiredAt">When it was rotated out.</param>
/// <param name="RevokedAt">When it was revoked.</param>
/// <param name="Reason">Why it was revoked.</param>
public sealed record PublisherKey(
    string Kid,
    JsonObject PublicJwk,
    KeyStatus Status,
    DateTimeOffset AddedAt,
    DateTimeOffset? RetiredAt = null,
    DateTimeOffset? RevokedAt = null,
    string? Reason = null);

/// <summary>A pending domain-control challenge.</summary>
/// <param name="Domain">The domain to prove.</param>
/// <param name="Token">The random token to publish.</param>
/// <param name="ExpiresAt">After this the challenge is void.</param>
public sealed record DomainChallenge(string Domain, string Token, DateTimeOffset ExpiresAt)
{
    /// <summary>The path of the well-known file on the domain.</summary>
    public const string WellKnownPath = "/.well-known/zhizao-publisher-verification.txt";

    /// <summary>The DNS name whose TXT record must hold the token.</summary>
    public string DnsName => "_zhizao-challenge." + Domain;
}

/// <summary>A publisher: the owner of a namespace of agents, its identity level and its keys (trust roots).</summary>
/// <param name="Namespace">Reverse-DNS namespace, e.g. <c>cn.example.plant1</c>; agent ids are <c>{namespace}/{name}</c>.</param>
/// <param name="DisplayName">Name shown to people.</param>
/// <param name="Level">Identity level.</param>
/// <param name="Domain">The verified domain (set by domain verification), or the one claimed at registration.</param>
/// <param name="Keys">Keys, oldest first; several may be active during a rotation.</param>
/// <param name="RegisteredAt">When the publisher was registered.</param>
/// <param name="Challenge">The pending domain challenge.</param>
/// <param name="LevelChangedAt">When the level last changed.</param>
public sealed record Publisher(
    string Namespace,
    string DisplayName,
    IdentityLevel Level,
    string? Domain,
    IReadOnlyList<PublisherKey> Keys,
    DateTimeOffset RegisteredAt,
    DomainChallenge? Challenge = null,
    DateTimeOffset? LevelChangedAt = null);
