using System.Buffers.Text;
using System.Text;
using System.Text.Json.Nodes;
using Zhizao.Identity.Json;
using Zhizao.Identity.Keys;

namespace Zhizao.Identity.Cards;

/// <summary>
/// Signs agent cards in A2A's signed-card form: a JWS (RFC 7515, flattened JSON serialization, detached payload) whose payload is
/// the RFC 8785 canonical form of the card without its <c>signatures</c> member, appended to <c>signatures</c> as
/// <c>{"protected", "signature"}</c>. The protected header is <c>{"alg":"ES256","kid":…,"typ":"JOSE"}</c>; it never carries a key
/// or a key address: verifiers find the key in their own trust roots.
/// </summary>
public static class CardSigner
{
    /// <summary>The card member that holds the signatures (excluded from what is signed).</summary>
    public const string SignaturesMember = "signatures";

    /// <summary>A copy of <paramref name="card"/> with one more signature, by <paramref name="key"/>.</summary>
    /// <exception cref="FormatException">The card has no canonical form (a lone surrogate in a string).</exception>
    public static JsonObject Sign(JsonObject card, EcKeyPair key)
    {
        var header = new JsonObject { ["alg"] = EcPublicKey.Algorithm, ["kid"] = key.Kid, ["typ"] = "JOSE" };
        var protectedHeader = Base64Url.EncodeToString(JsonCanonicalizer.Canonicalize(header));
        var signature = key.Sign(SigningInput(protectedHeader, Payload(card)));

        var signed = (JsonObject)card.DeepClone();
        if (signed[SignaturesMember] is not JsonArray signatures)
            signed[SignaturesMember] = signatures = [];
        signatures.Add(new JsonObject { ["protected"] = protectedHeader, ["signature"] = Base64Url.EncodeToString(signature) });
        return signed;
    }

    /// <summary>What is signed: the canonical card without its signatures.</summary>
    internal static byte[] Payload(JsonObject card) => JsonCanonicalizer.CanonicalizeWithout(card, SignaturesMember);

    /// <summary>The JWS signing input: ASCII(protected) ‘.’ base64url(payload).</summary>
    internal static byte[] SigningInput(string protectedHeader, byte[] payload) =>
        Encoding.ASCII.GetBytes(protectedHeader + "." + Base64Url.EncodeToString(payload));
}
