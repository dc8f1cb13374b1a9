using System.Buffers.Text;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Zhizao.Identity.Keys;
using Zhizao.Identity.Trust;

namespace Zhizao.Identity.Cards;

/// <summary>
/// Verifies signed agent cards (see <see cref="CardSigner"/>) against Zhizao's trust roots. Every signature of the card must
/// verify: a card also signed by a revoked or unknown key is not valid. Keys are looked up only by (publisher namespace, kid) in
/// <see cref="ITrustRoots"/>; a header that carries its own key or key location is refused outright. Thread-safe.
/// </summary>
public sealed class CardVerifier(ITrustRoots trustRoots)
{
    private static readonly string[] KeyLocationMembers = ["jku", "jwk", "x5u", "x5c"];

    /// <summary>Verifies <paramref name="card"/> as published by <paramref name="publisherNamespace"/> (the registry derives it from the agent id).</summary>
    public CardVerification Verify(JsonObject card, string publisherNamespace)
    {
        if (card[CardSigner.SignaturesMember] is not JsonArray { Count: > 0 } signatures)
            return CardVerification.Failure(CardVerificationErrors.SignatureMissing, null, "the card has no signatures");

        byte[] payload;
        try
        {
            payload = CardSigner.Payload(card);
        }
        catch (FormatException e)
        {
            return CardVerification.Failure(CardVerificationErrors.SignatureInvalid, null, $"the card has no canonical form: {e.Message}");
        }

        string? firstKid = null;
        for (var i = 0; i < signatures.Count; i++)
        {
            var (kid, failure) = VerifyOne(signatures[i], i, payload, publisherNamespace);
            if (failure is not null)
                return failure;
            firstKid ??= kid;
        }
        return CardVerification.Success(firstKid!);
    }

    private (string? Kid, CardVerification? Failure) VerifyOne(JsonNode? entry, int index, byte[] payload, string publisherNamespace)
    {
        static (string?, CardVerification?) Fail(string type, string? kid, string message) => (kid, CardVerification.Failure(type, kid, message));

        if (entry is not JsonObject signature
            || Text(signature, "protected") is not { } protectedHeader
            || Text(signature, "signature") is not { } signatureText)
            return Fail(CardVerificationErrors.SignatureInvalid, null, $"signature {index} lacks \"protected\" or \"signature\"");
        if (signature["header"] is { } h && h is not JsonObject)
            return Fail(CardVerificationErrors.SignatureInvalid, null, $"signature {index}: the unprotected header is not an object");
        var unprotected = signature["header"] as JsonObject;

        JsonObject header;
        try
        {
            header = JsonNode.Parse(Base64Url.DecodeFromChars(protectedHeader)) as JsonObject
                ?? throw new JsonException("not an object");
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return Fail(CardVerificationErrors.SignatureInvalid, null, $"signature {index}: the protected header is not base64url JSON ({e.Message})");
        }

        var kid = Text(header, "kid");
        foreach (var member in KeyLocationMembers)
        {
            if (header.ContainsKey(member) || unprotected?.ContainsKey(member) == true)
                return Fail(CardVerificationErrors.KeyLocationUntrusted, kid,
                    $"signature {index}: signer-supplied key location is not trusted (the header carries \"{member}\"); keys come only from the registry's trust roots");
        }
        if (unprotected?.Select(p => p.Key).FirstOrDefault(header.ContainsKey) is { } duplicate)
            return Fail(CardVerificationErrors.SignatureInvalid, kid, $"signature {index}: \"{duplicate}\" is in both the protected and the unprotected header");
        if (header.ContainsKey("crit"))
            return Fail(CardVerificationErrors.SignatureInvalid, kid, $"signature {index}: critical header extensions (crit) are not supported");
        if (Text(header, "alg") is var alg && alg != EcPublicKey.Algorithm)
            return Fail(CardVerificationErrors.AlgorithmUnsupported, kid,
                $"signature {index}: algorithm \"{alg ?? "(none)"}\" is not supported; cards are signed with {EcPublicKey.Algorithm}");
        if (kid is null)
            return Fail(CardVerificationErrors.KeyUnknown, null, $"signature {index}: the protected header has no kid");

        var key = trustRoots.FindKey(publisherNamespace, kid);
        if (key is null)
            return Fail(CardVerificationErrors.KeyUnknown, kid, $"key {kid} is not a trust root of publisher {publisherNamespace}");
        if (key.Status == KeyStatus.Revoked)
            return Fail(CardVerificationErrors.KeyRevoked, kid,
                $"key {kid} of publisher {publisherNamespace} was revoked at {key.RevokedAt?.ToString("O", CultureInfo.InvariantCulture) ?? "an unknown time"}"
                + (string.IsNullOrEmpty(key.RevocationReason) ? "" : $" ({key.RevocationReason})"));

        byte[] signatureBytes;
        try
        {
            signatureBytes = Base64Url.DecodeFromChars(signatureText);
        }
        catch (FormatException)
        {
            return Fail(CardVerificationErrors.SignatureInvalid, kid, $"signature {index} is not base64url");
        }
        return key.Key.Verify(CardSigner.SigningInput(protectedHeader, payload), signatureBytes)
            ? (kid, null)
            : Fail(CardVerificationErrors.SignatureInvalid, kid, $"the signature by key {kid} does not match the card (changed after signing, or signed by another key)");
    }

    private static string? Text(JsonObject obj, string name) =>
        obj[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
