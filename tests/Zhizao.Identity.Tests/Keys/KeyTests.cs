using System.Buffers.Text;
using System.Text;
using System.Text.Json.Nodes;
using Zhizao.Identity.Keys;

namespace Zhizao.Identity.Tests.Keys;

public sealed class KeyTests
{
    // RFC 7515 Appendix A.3: the ES256 example key (public part) and the example JWS made with it.
    internal const string Rfc7515X = "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU";
    internal const string Rfc7515Y = "x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0";

    private static JsonObject Rfc7515Key() => new() { ["kty"] = "EC", ["crv"] = "P-256", ["x"] = Rfc7515X, ["y"] = Rfc7515Y };

    [Fact]
    public void Thumbprint_of_the_rfc7638_example_key_is_the_published_value()
    {
        // RFC 7638 §3.1, the RSA key of the example and its published thumbprint.
        var jwk = new JsonObject
        {
            ["kty"] = "RSA",
            ["n"] = "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw",
            ["e"] = "AQAB",
            ["alg"] = "RS256",
            ["kid"] = "2011-04-29",
        };

        Assert.Equal("NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs", JwkThumbprint.Compute(jwk));
    }

    [Fact]
    public void Kid_of_the_rfc7515_ec_key_is_its_hand_computed_thumbprint()
    {
        // SHA-256 of {"crv":"P-256","kty":"EC","x":"f83O…","y":"x_FE…"}, computed by hand with Python's hashlib.
        var key = EcPublicKey.FromJwk(Rfc7515Key());

        Assert.Equal("oKIywvGUpTVTyxMQ3bwIIeQUudfr_CkLMjCE19ECD-U", key.Kid);
        Assert.Equal(key.Kid, key.ToJwk()["kid"]!.GetValue<string>());
    }

    [Fact]
    public void The_rfc7515_es256_example_signature_verifies_and_an_altered_one_does_not()
    {
        var key = EcPublicKey.FromJwk(Rfc7515Key());
        var input = Encoding.ASCII.GetBytes("eyJhbGciOiJFUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ");
        var signature = Base64Url.DecodeFromChars("DtEhU3ljbEg8L38VWAfUAqOyKAM6-Xx-F4GawxaepmXFCgfTjDxw5djxLa8ISlSApmWQxfKTUJqPP3-Kg6NU1Q");

        Assert.True(key.Verify(input, signature));
        signature[10] ^= 1;
        Assert.False(key.Verify(input, signature));
    }

    [Fact]
    public void Private_jwk_round_trips_and_signs_for_the_same_public_key()
    {
        using var original = EcKeyPair.Generate();
        var privateJwk = original.ToPrivateJwk();

        using var restored = EcKeyPair.FromPrivateJwk(JsonNode.Parse(privateJwk.ToJsonString())!.AsObject());

        Assert.Equal(original.Kid, restored.Kid);
        var data = "同一把钥匙"u8.ToArray();
        Assert.True(original.PublicKey.Verify(data, restored.Sign(data)));
        Assert.False(original.ToPublicJwk().ContainsKey("d"));
        Assert.Equal(43, privateJwk["d"]!.GetValue<string>().Length);
    }

    [Fact]
    public void Public_import_refuses_private_members_other_curves_points_off_the_curve_and_wrong_kids()
    {
        using var key = EcKeyPair.Generate();
        var offCurve = key.ToPublicJwk();
        var y = Base64Url.DecodeFromChars(offCurve["y"]!.GetValue<string>());
        y[31] ^= 1;
        offCurve["y"] = Base64Url.EncodeToString(y);
        offCurve.Remove("kid");
        var otherCurve = key.ToPublicJwk();
        otherCurve["crv"] = "P-384";
        var wrongKid = key.ToPublicJwk();
        wrongKid["kid"] = "my-own-name";

        Assert.Contains("\"d\"", Assert.Throws<FormatException>(() => EcPublicKey.FromJwk(key.ToPrivateJwk())).Message, StringComparison.Ordinal);
        Assert.Throws<FormatException>(() => EcPublicKey.FromJwk(offCurve));
        Assert.Contains("P-256", Assert.Throws<FormatException>(() => EcPublicKey.FromJwk(otherCurve)).Message, StringComparison.Ordinal);
        Assert.Contains("thumbprint", Assert.Throws<FormatException>(() => EcPublicKey.FromJwk(wrongKid)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Private_import_refuses_a_public_point_that_is_not_the_private_scalars()
    {
        using var one = EcKeyPair.Generate();
        using var other = EcKeyPair.Generate();
        var mixed = one.ToPrivateJwk();
        mixed["x"] = other.ToPublicJwk()["x"]!.GetValue<string>();
        mixed["y"] = other.ToPublicJwk()["y"]!.GetValue<string>();
        mixed.Remove("kid");

        Assert.Throws<FormatException>(() => EcKeyPair.FromPrivateJwk(mixed));
    }
}
