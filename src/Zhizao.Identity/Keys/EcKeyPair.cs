using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.Tokens;

namespace Zhizao.Identity.Keys;

/// <summary>
/// An ECDSA P-256 key pair that signs ES256 (publishers' and agents' card keys, the platform's token key). The private half
/// leaves it only through <see cref="ToPrivateJwk"/>, for a key file.
/// </summary>
public sealed class EcKeyPair : IDisposable
{
    private readonly ECDsa _ecdsa;

    private EcKeyPair(ECDsa ecdsa)
    {
        _ecdsa = ecdsa;
        PublicKey = EcPublicKey.Create(ecdsa.ExportParameters(includePrivateParameters: false));
    }

    /// <summary>The public half.</summary>
    public EcPublicKey PublicKey { get; }

    /// <summary>RFC 7638 thumbprint of the public key.</summary>
    public string Kid => PublicKey.Kid;

    /// <summary>A new random key pair.</summary>
    public static EcKeyPair Generate() => new(ECDsa.Create(ECCurve.NamedCurves.nistP256));

    /// <summary>Reads a private EC P-256 JWK (with <c>d</c>); the public point must belong to the private scalar.</summary>
    /// <exception cref="FormatException">Not a P-256 private key, or <c>x</c>/<c>y</c> do not match <c>d</c>.</exception>
    public static EcKeyPair FromPrivateJwk(JsonObject jwk)
    {
        var parameters = EcPublicKey.ReadParameters(jwk, includePrivate: true);
        ECDsa ecdsa;
        try
        {
            ecdsa = ECDsa.Create(new ECParameters { Curve = parameters.Curve, D = parameters.D });
        }
        catch (CryptographicException e)
        {
            throw new FormatException($"the JWK is not a valid P-256 private key: {e.Message}", e);
        }
        var derived = ecdsa.ExportParameters(includePrivateParameters: false).Q;
        if (!derived.X.AsSpan().SequenceEqual(parameters.Q.X) || !derived.Y.AsSpan().SequenceEqual(parameters.Q.Y))
        {
            ecdsa.Dispose();
            throw new FormatException("the JWK's x and y are not the public point of its d");
        }
        return new EcKeyPair(ecdsa);
    }

    /// <summary>The public JWK (same as <see cref="EcPublicKey.ToJwk"/>).</summary>
    public JsonObject ToPublicJwk() => PublicKey.ToJwk();

    /// <summary>The private JWK: the public members plus <c>d</c>. Keep it secret (a file readable only by its owner).</summary>
    public JsonObject ToPrivateJwk()
    {
        var jwk = PublicKey.ToJwk();
        jwk["d"] = Base64Url.EncodeToString(_ecdsa.ExportParameters(includePrivateParameters: true).D);
        return jwk;
    }

    /// <summary>An ES256 signature over <paramref name="data"/>: 64 bytes, R‖S (the JWS form).</summary>
    public byte[] Sign(ReadOnlySpan<byte> data) =>
        _ecdsa.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);

    /// <summary>Signing credentials for Microsoft.IdentityModel (JWT issuing), with this key's kid.</summary>
    public SigningCredentials ToSigningCredentials() =>
        new(new ECDsaSecurityKey(_ecdsa) { KeyId = Kid }, SecurityAlgorithms.EcdsaSha256);

    /// <inheritdoc />
    public void Dispose() => _ecdsa.Dispose();
}
