using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace Zhizao.Identity.Keys;

/// <summary>
/// An ECDSA P-256 public key that verifies ES256 signatures (RFC 7518 §3.4: SHA-256, the 64-byte R‖S form). Immutable and safe to
/// share between threads; the <see cref="Kid"/> is its RFC 7638 thumbprint.
/// </summary>
public sealed class EcPublicKey
{
    /// <summary>The JWA algorithm every Zhizao key signs with.</summary>
    public const string Algorithm = "ES256";

    /// <summary>Bytes of one P-256 coordinate and of the private scalar.</summary>
    internal const int CoordinateBytes = 32;

    private readonly ECDsa _ecdsa;

    private EcPublicKey(ECDsa ecdsa, JsonObject publicJwk, string kid)
    {
        _ecdsa = ecdsa;
        PublicJwkTemplate = publicJwk;
        Kid = kid;
    }

    /// <summary>RFC 7638 thumbprint of the key.</summary>
    public string Kid { get; }

    private JsonObject PublicJwkTemplate { get; }

    /// <summary>The key as a public JWK: <c>kty</c>, <c>crv</c>, <c>x</c>, <c>y</c>, <c>kid</c>, <c>alg</c>, <c>use</c> (a fresh copy).</summary>
    public JsonObject ToJwk() => (JsonObject)PublicJwkTemplate.DeepClone();

    /// <summary>Reads a public EC P-256 JWK. A private member (<c>d</c>) is refused: public keys never carry it.</summary>
    /// <exception cref="FormatException">Not a P-256 public key, a point off the curve, or a <c>kid</c> that is not the thumbprint.</exception>
    public static EcPublicKey FromJwk(JsonObject jwk)
    {
        if (jwk.ContainsKey("d"))
            throw new FormatException("a public JWK must not carry the private member \"d\"");
        return Create(ReadParameters(jwk, includePrivate: false));
    }

    /// <summary>Verifies an ES256 signature (64 bytes, R‖S) over <paramref name="data"/>.</summary>
    public bool Verify(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature) =>
        signature.Length == 2 * CoordinateBytes
        && _ecdsa.VerifyData(data, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);

    /// <summary>A copy of the key for Microsoft.IdentityModel (JWT validation).</summary>
    internal ECDsa CreateEcdsa()
    {
        var ecdsa = ECDsa.Create();
        ecdsa.ImportParameters(_ecdsa.ExportParameters(includePrivateParameters: false));
        return ecdsa;
    }

    internal static EcPublicKey Create(ECParameters parameters)
    {
        var publicOnly = new ECParameters { Curve = ECCurve.NamedCurves.nistP256, Q = parameters.Q };
        ECDsa ecdsa;
        try
        {
            ecdsa = ECDsa.Create(publicOnly);
        }
        catch (CryptographicException e)
        {
            throw new FormatException($"the JWK is not a valid P-256 public key: {e.Message}", e);
        }
        var jwk = new JsonObject
        {
            ["kty"] = "EC",
            ["crv"] = "P-256",
            ["x"] = Base64Url.EncodeToString(parameters.Q.X),
            ["y"] = Base64Url.EncodeToString(parameters.Q.Y),
        };
        var kid = JwkThumbprint.Compute(jwk);
        jwk["kid"] = kid;
        jwk["alg"] = Algorithm;
        jwk["use"] = "sig";
        return new EcPublicKey(ecdsa, jwk, kid);
    }

    /// <summary>Reads and checks the EC members of a JWK (and <c>d</c> when <paramref name="includePrivate"/>).</summary>
    internal static ECParameters ReadParameters(JsonObject jwk, bool includePrivate)
    {
        if (Text(jwk, "kty") != "EC")
            throw new FormatException("the JWK's kty must be \"EC\"");
        if (Text(jwk, "crv") != "P-256")
            throw new FormatException("the JWK's crv must be \"P-256\"");
        if (jwk["alg"] is not null && Text(jwk, "alg") != Algorithm)
            throw new FormatException($"the JWK's alg must be \"{Algorithm}\" when present");
        var parameters = new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = Coordinate(jwk, "x"), Y = Coordinate(jwk, "y") },
            D = includePrivate ? Coordinate(jwk, "d") : null,
        };
        if (jwk["kid"] is not null)
        {
            var thumbprint = JwkThumbprint.Compute(jwk);
            if (Text(jwk, "kid") != thumbprint)
                throw new FormatException($"the JWK's kid is not its RFC 7638 thumbprint ({thumbprint})");
        }
        return parameters;
    }

    private static byte[] Coordinate(JsonObject jwk, string name)
    {
        byte[] bytes;
        try
        {
            bytes = Base64Url.DecodeFromChars(Text(jwk, name));
        }
        catch (FormatException e)
        {
            throw new FormatException($"the JWK member \"{name}\" is not base64url", e);
        }
        return bytes.Length == CoordinateBytes
            ? bytes
            : throw new FormatException($"the JWK member \"{name}\" must be {CoordinateBytes} bytes, not {bytes.Length}");
    }

    private static string Text(JsonObject jwk, string name) =>
        jwk[name] is JsonValue v && v.TryGetValue<string>(out var s)
            ? s
            : throw new FormatException($"the JWK has no string member \"{name}\"");
}
