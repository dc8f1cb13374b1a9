namespace Zhizao.Identity.Cards;

/// <summary>
/// The outcome of verifying a signed agent card. When <see cref="Valid"/>, <see cref="Kid"/> names the (first) signing key; otherwise
/// <see cref="Type"/> is one of <see cref="CardVerificationErrors"/> and <see cref="Kid"/> names the offending signature's key, if known.
/// </summary>
public sealed record CardVerification(bool Valid, string? Kid, string? Type, string? Message)
{
    internal static CardVerification Success(string kid) => new(true, kid, null, null);

    internal static CardVerification Failure(string type, string? kid, string message) => new(false, kid, type, message);
}

/// <summary>Stable error types of card verification.</summary>
public static class CardVerificationErrors
{
    /// <summary>The card has no signatures.</summary>
    public const string SignatureMissing = "signature-missing";
    /// <summary>A signature is malformed or does not match the card (the card changed after signing, or another key signed).</summary>
    public const string SignatureInvalid = "signature-invalid";
    /// <summary>The kid is not a trust root of the publisher.</summary>
    public const string KeyUnknown = "key-unknown";
    /// <summary>The signing key was revoked: what it signed no longer verifies.</summary>
    public const string KeyRevoked = "key-revoked";
    /// <summary>A header carries its own key or key location (jku, jwk, x5u, x5c): Zhizao takes keys only from its trust roots.</summary>
    public const string KeyLocationUntrusted = "key-location-untrusted";
    /// <summary>The signature's algorithm is not ES256.</summary>
    public const string AlgorithmUnsupported = "algorithm-unsupported";
}
