using System.Text.Json.Nodes;
using Zhizao.Identity.Cards;
using Zhizao.Identity.Keys;
using Zhizao.Identity.Trust;
using Zhizao.Tests.Shared;

namespace Zhizao.Identity.Tests.Cards;

public sealed class CardVerifierTests : IAsyncLifetime, IDisposable
{
    private const string Publisher = "cn.example.plant1";
    private readonly Microsoft.Extensions.Time.Testing.FakeTimeProvider _clock = TestSupport.Clock();
    private readonly TrustStore _trust;
    private readonly CardVerifier _verifier;
    private readonly EcKeyPair _key = EcKeyPair.Generate();

    public CardVerifierTests()
    {
        _trust = TestSupport.TrustStore(new MemoryDocumentStore(), _clock);
        _verifier = new CardVerifier(_trust);
    }

    public async Task InitializeAsync()
    {
        Assert.True((await _trust.RegisterPublisherAsync(Publisher, "Plant 1", default)).IsSuccess);
        Assert.True((await _trust.AddKeyAsync(Publisher, _key.ToPublicJwk(), default)).IsSuccess);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _key.Dispose();

    [Fact]
    public void A_signed_card_verifies_with_the_publishers_registered_key()
    {
        var signed = CardSigner.Sign(TestSupport.Card(), _key);

        var result = _verifier.Verify(signed, Publisher);

        Assert.True(result.Valid, result.Message);
        Assert.Equal(_key.Kid, result.Kid);
        var signature = signed["signatures"]!.AsArray().Single()!.AsObject();
        Assert.Equal(["protected", "signature"], signature.Select(p => p.Key));
        var header = JsonNode.Parse(System.Buffers.Text.Base64Url.DecodeFromChars(signature["protected"]!.GetValue<string>()))!;
        Assert.Equal($$"""{"alg":"ES256","kid":"{{_key.Kid}}","typ":"JOSE"}""", header.ToJsonString());
        Assert.Null(TestSupport.Card()["signatures"]);
    }

    [Fact]
    public void Verification_is_safe_from_many_threads_at_once()
    {
        var signed = CardSigner.Sign(TestSupport.Card(), _key);
        var tampered = CardSigner.Sign(TestSupport.Card(), _key);
        tampered["version"] = "9.9.9";
        var results = new System.Collections.Concurrent.ConcurrentBag<bool>();

        Parallel.For(0, 400, i => results.Add(_verifier.Verify(i % 2 == 0 ? signed : tampered, Publisher).Valid));

        Assert.Equal(200, results.Count(v => v));
        Assert.Equal(200, results.Count(v => !v));
    }

    [Fact]
    public void The_signature_covers_the_data_not_the_layout_of_the_json()
    {
        var signed = CardSigner.Sign(TestSupport.Card(), _key);
        // Same data, members in another order and other whitespace: what a registry gets after a round trip through another JSON library.
        var reordered = new JsonObject(signed.Reverse().Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone())));
        var reparsed = JsonNode.Parse(reordered.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }))!.AsObject();

        Assert.True(_verifier.Verify(reparsed, Publisher).Valid);
    }

    [Fact]
    public void Changing_a_field_after_signing_breaks_the_signature()
    {
        var signed = CardSigner.Sign(TestSupport.Card(), _key);
        signed["capabilities"]!["extensions"]![0]!["params"]!["grade"] = "L4ActsWithinBounds";

        var result = _verifier.Verify(signed, Publisher);

        Assert.False(result.Valid);
        Assert.Equal(CardVerificationErrors.SignatureInvalid, result.Type);
        Assert.Equal(_key.Kid, result.Kid);
    }

    [Theory]
    [InlineData("jku", false)]
    [InlineData("jwk", false)]
    [InlineData("x5u", false)]
    [InlineData("x5c", false)]
    [InlineData("jku", true)]
    [InlineData("jwk", true)]
    public void A_header_that_carries_its_own_key_or_key_location_is_refused(string member, bool inUnprotectedHeader)
    {
        // The attacker's own key signs, and the header points at it: the signature is mathematically valid.
        using var attacker = EcKeyPair.Generate();
        JsonNode location = member is "jwk" ? attacker.ToPublicJwk() : member is "x5c" ? new JsonArray("MIIB") : "https://evil.example/keys.json";
        var header = new JsonObject { ["alg"] = "ES256", ["kid"] = attacker.Kid };
        var unprotected = inUnprotectedHeader ? new JsonObject { [member] = location } : null;
        if (!inUnprotectedHeader)
            header[member] = location;

        var result = _verifier.Verify(TestSupport.SignWithHeader(TestSupport.Card(), attacker, header, unprotected), Publisher);

        Assert.False(result.Valid);
        Assert.Equal(CardVerificationErrors.KeyLocationUntrusted, result.Type);
        Assert.Contains("signer-supplied key location is not trusted", result.Message, StringComparison.Ordinal);
        Assert.Contains(member, result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_key_unknown_to_the_trust_roots_is_refused_even_though_its_signature_is_sound()
    {
        using var stranger = EcKeyPair.Generate();

        var result = _verifier.Verify(CardSigner.Sign(TestSupport.Card(), stranger), Publisher);

        Assert.Equal(CardVerificationErrors.KeyUnknown, result.Type);
        Assert.Equal(stranger.Kid, result.Kid);
    }

    [Fact]
    public async Task A_key_is_trusted_only_for_its_own_publisher()
    {
        Assert.True((await _trust.RegisterPublisherAsync("cn.example.plant2", "Plant 2", default)).IsSuccess);

        var result = _verifier.Verify(CardSigner.Sign(TestSupport.Card("cn.example.plant2/scheduler"), _key), "cn.example.plant2");

        Assert.Equal(CardVerificationErrors.KeyUnknown, result.Type);
        Assert.Contains("cn.example.plant2", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Any_algorithm_other_than_es256_is_refused()
    {
        var header = new JsonObject { ["alg"] = "HS256", ["kid"] = _key.Kid };

        var result = _verifier.Verify(TestSupport.SignWithHeader(TestSupport.Card(), _key, header), Publisher);

        Assert.Equal(CardVerificationErrors.AlgorithmUnsupported, result.Type);
        Assert.Contains("HS256", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_card_without_signatures_is_refused()
    {
        var card = TestSupport.Card();
        Assert.Equal(CardVerificationErrors.SignatureMissing, _verifier.Verify(card, Publisher).Type);
        card["signatures"] = new JsonArray();
        Assert.Equal(CardVerificationErrors.SignatureMissing, _verifier.Verify(card, Publisher).Type);
    }

    [Fact]
    public void A_garbled_signature_entry_is_refused_without_throwing()
    {
        var card = TestSupport.Card();
        card["signatures"] = new JsonArray(new JsonObject { ["protected"] = "%%%", ["signature"] = "abc" });

        Assert.Equal(CardVerificationErrors.SignatureInvalid, _verifier.Verify(card, Publisher).Type);
    }

    [Fact]
    public async Task Revoking_a_key_invalidates_a_card_it_signed_earlier_and_names_the_key_and_time()
    {
        var signed = CardSigner.Sign(TestSupport.Card(), _key);
        Assert.True(_verifier.Verify(signed, Publisher).Valid);
        var versionBefore = _trust.Version;
        _clock.Advance(TimeSpan.FromDays(3));

        Assert.True((await _trust.RevokeKeyAsync(Publisher, _key.Kid, "laptop stolen", default)).IsSuccess);

        var result = _verifier.Verify(signed, Publisher);
        Assert.Equal(CardVerificationErrors.KeyRevoked, result.Type);
        Assert.Contains(_key.Kid, result.Message, StringComparison.Ordinal);
        Assert.Contains("2026-11-28T08:00:00.0000000+00:00", result.Message, StringComparison.Ordinal);
        Assert.Contains("laptop stolen", result.Message, StringComparison.Ordinal);
        Assert.NotEqual(versionBefore, _trust.Version);
    }

    [Fact]
    public async Task Rotation_keeps_old_cards_verifying_until_the_old_key_is_revoked()
    {
        var oldCard = CardSigner.Sign(TestSupport.Card(), _key);
        using var next = EcKeyPair.Generate();
        Assert.True((await _trust.AddKeyAsync(Publisher, next.ToPublicJwk(), default)).IsSuccess);
        var newCard = CardSigner.Sign(TestSupport.Card(), next);
        var twiceSigned = CardSigner.Sign(oldCard, next);

        Assert.Equal(KeyStatus.Retired, (await _trust.RetireKeyAsync(Publisher, _key.Kid, default)).Value!.Status);
        Assert.True(_verifier.Verify(oldCard, Publisher).Valid);
        Assert.True(_verifier.Verify(newCard, Publisher).Valid);
        Assert.True(_verifier.Verify(twiceSigned, Publisher).Valid);

        await _trust.RevokeKeyAsync(Publisher, _key.Kid, "rotated out and destroyed", default);
        Assert.Equal(CardVerificationErrors.KeyRevoked, _verifier.Verify(oldCard, Publisher).Type);
        Assert.Equal(CardVerificationErrors.KeyRevoked, _verifier.Verify(twiceSigned, Publisher).Type);
        Assert.True(_verifier.Verify(newCard, Publisher).Valid);
    }
}
