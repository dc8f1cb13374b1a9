namespace Zhizao.Identity;

/// <summary>An expected failure of an identity operation: a stable <see cref="Type"/> (see <see cref="IdentityErrors"/>) and a message for people.</summary>
public sealed record IdentityError(string Type, string Message);

/// <summary>The value of an identity operation, or why it failed. Exactly one of <see cref="Value"/> and <see cref="Error"/> is set.</summary>
public sealed record IdentityResult<T>(T? Value, IdentityError? Error)
{
    /// <summary>True when the operation succeeded.</summary>
    public bool IsSuccess => Error is null;
}

/// <summary>Builds <see cref="IdentityResult{T}"/> values.</summary>
public static class IdentityResult
{
    /// <summary>A success.</summary>
    public static IdentityResult<T> Ok<T>(T value) => new(value, null);

    /// <summary>A failure.</summary>
    public static IdentityResult<T> Fail<T>(string type, string message) => new(default, new IdentityError(type, message));
}

/// <summary>Stable error types of the trust store and of domain verification.</summary>
public static class IdentityErrors
{
    /// <summary>The publisher namespace is not reverse-DNS (lower-case labels, at least two).</summary>
    public const string NamespaceInvalid = "namespace-invalid";
    /// <summary>A publisher with that namespace exists.</summary>
    public const string PublisherExists = "publisher-exists";
    /// <summary>No publisher with that namespace.</summary>
    public const string PublisherUnknown = "publisher-unknown";
    /// <summary>The JWK is not an ES256 (P-256) public key.</summary>
    public const string KeyInvalid = "key-invalid";
    /// <summary>The publisher has no key with that kid.</summary>
    public const string KeyUnknown = "key-unknown";
    /// <summary>The key is revoked: it can be neither used nor reinstated.</summary>
    public const string KeyRevoked = "key-revoked";
    /// <summary>The domain is not a host name, or does not cover the publisher's namespace.</summary>
    public const string DomainInvalid = "domain-invalid";
    /// <summary>No domain challenge was created (or it was used).</summary>
    public const string ChallengeMissing = "challenge-missing";
    /// <summary>The domain challenge expired; create a new one.</summary>
    public const string ChallengeExpired = "challenge-expired";
    /// <summary>The token was not found at the well-known address or in the DNS TXT record.</summary>
    public const string DomainUnverified = "domain-unverified";
    /// <summary>The proof method is not available on this installation (no DNS resolver configured).</summary>
    public const string MethodUnavailable = "method-unavailable";
    /// <summary>An OAuth client with that id exists.</summary>
    public const string ClientExists = "client-exists";
    /// <summary>The client registration is incomplete or contradictory.</summary>
    public const string ClientInvalid = "client-invalid";
    /// <summary>No OAuth client with that id.</summary>
    public const string ClientUnknown = "client-unknown";
    /// <summary>Concurrent writers kept changing the document; retry.</summary>
    public const string ConcurrentUpdate = "concurrent-update";
}
