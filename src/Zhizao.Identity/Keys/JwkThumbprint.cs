using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Zhizao.Identity.Json;

namespace Zhizao.Identity.Keys;

/// <summary>
/// RFC 7638 JWK thumbprints: base64url SHA-256 of the key's required members only, in lexicographic order without whitespace
/// (which is the JCS form of those members). Zhizao uses the thumbprint as every key's <c>kid</c>, so a kid names exactly one key.
/// </summary>
public static class JwkThumbprint
{
    /// <summary>The thumbprint of a JWK (public or private: only the public required members count).</summary>
    /// <exception cref="FormatException">An unknown <c>kty</c> or a missing required member.</exception>
    public static string Compute(JsonObject jwk)
    {
        var kty = Member(jwk, "kty");
        string[] required = kty switch
        {
            "EC" => ["crv", "kty", "x", "y"],
            "RSA" => ["e", "kty", "n"],
            "OKP" => ["crv", "kty", "x"],
            "oct" => ["k", "kty"],
            _ => throw new FormatException($"unknown JWK key type \"{kty}\""),
        };
        var members = new JsonObject();
        foreach (var name in required)
            members[name] = Member(jwk, name);
        return Base64Url.EncodeToString(SHA256.HashData(JsonCanonicalizer.Canonicalize(members)));
    }

    private static string Member(JsonObject jwk, string name) =>
        jwk[name] is JsonValue v && v.TryGetValue<string>(out var s)
            ? s
            : throw new FormatException($"the JWK has no string member \"{name}\"");
}
