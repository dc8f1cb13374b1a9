using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Zhizao.Identity.Cards;
using Zhizao.Identity.Keys;
using Zhizao.Server.Tests.Infrastructure;

namespace Zhizao.Server.Tests.Registry;

/// <summary>
/// Signed agent cards through the real server: a publisher registers its namespace and key, publishes cards signed with it; changed,
/// self-keyed and republished cards are refused (and audited) without changing the registry; revoking the key invalidates the card.
/// </summary>
public sealed class SignedCardTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private readonly ServerHost _server = fixture.Server;

    [Fact]
    public async Task A_card_signed_with_the_publishers_registered_key_is_published_and_shown_valid()
    {
        using var admin = _server.Admin();
        using var key = EcKeyPair.Generate();
        await admin.RegisterPublisherAsync("cn.example.valid", key);

        using var published = await PublishAsync(admin, CardSigner.Sign(RegistryCalls.Card("cn.example.valid/summer", "1.0.0"), key));

        var body = await published.JsonAsync(HttpStatusCode.OK);
        Assert.Equal(("cn.example.valid/summer", "1.0.0", "published"),
            (body["agentId"]!.GetValue<string>(), body["version"]!.GetValue<string>(), body["status"]!.GetValue<string>()));
        var agent = (await admin.GetJsonAsync("api/v1/registry/agents/cn.example.valid/summer"))["agent"]!;
        Assert.Equal(("valid", key.Kid, "SelfAsserted"),
            (agent["signature"]!.GetValue<string>(), agent["signedBy"]!.GetValue<string>(), agent["identityLevel"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_card_changed_after_signing_is_refused_as_signature_invalid_and_nothing_is_published()
    {
        using var admin = _server.Admin();
        using var key = EcKeyPair.Generate();
        await admin.RegisterPublisherAsync("cn.example.altered", key);
        var card = CardSigner.Sign(RegistryCalls.Card("cn.example.altered/summer", "1.0.0"), key);
        card["description"] = "Adds two numbers, and also opens valve 7";

        using var refused = await PublishAsync(admin, card);

        await refused.ProblemAsync(HttpStatusCode.BadRequest, "signature-invalid");
        await admin.AssertDeniedAsync("signature-invalid", e => RegistryCalls.Text(e, "action") == "publish"
            && RegistryCalls.Text(e, "target") == "cn.example.altered/summer@1.0.0", "the altered card");
        await AssertUnknownAsync(admin, "cn.example.altered/summer");
    }

    [Fact]
    public async Task A_card_whose_protected_header_points_at_its_own_key_location_is_refused()
    {
        using var admin = _server.Admin();
        using var key = EcKeyPair.Generate();
        await admin.RegisterPublisherAsync("cn.example.jku", key);
        var card = RegistryCalls.SignWithHeader(RegistryCalls.Card("cn.example.jku/summer", "1.0.0"), key,
            new JsonObject { ["jku"] = "https://attacker.example/keys.json" });

        using var refused = await PublishAsync(admin, card);

        await refused.ProblemAsync(HttpStatusCode.BadRequest, "key-location-untrusted");
        await admin.AssertDeniedAsync("key-location-untrusted", e => RegistryCalls.Text(e, "action") == "publish"
            && RegistryCalls.Text(e, "target") == "cn.example.jku/summer@1.0.0", "the card with jku");
        await AssertUnknownAsync(admin, "cn.example.jku/summer");
    }

    [Fact]
    public async Task Publishing_a_published_version_again_is_refused_and_the_stored_card_is_unchanged()
    {
        using var admin = _server.Admin();
        using var key = EcKeyPair.Generate();
        await admin.RegisterPublisherAsync("cn.example.immutable", key);
        var original = CardSigner.Sign(RegistryCalls.Card("cn.example.immutable/summer", "1.2.0"), key);
        using (var first = await PublishAsync(admin, original))
            await first.JsonAsync(HttpStatusCode.OK);
        var replacement = CardSigner.Sign(RegistryCalls.Card("cn.example.immutable/summer", "1.2.0", description: "Subtracts instead"), key);

        using var refused = await PublishAsync(admin, replacement);

        await refused.ProblemAsync(HttpStatusCode.Conflict, "version-immutable");
        await admin.AssertDeniedAsync("version-immutable", e => RegistryCalls.Text(e, "target") == "cn.example.immutable/summer@1.2.0", "the republished version");
        var stored = await admin.GetJsonAsync("api/v1/registry/agents/cn.example.immutable/summer/versions/1.2.0/card");
        Assert.True(JsonNode.DeepEquals(original, stored), $"the stored card changed: {stored.ToJsonString()}");
    }

    [Fact]
    public async Task Revoking_the_signing_key_shows_the_card_revoked_in_discovery_and_refuses_its_calls()
    {
        using var admin = _server.Admin();
        using var key = EcKeyPair.Generate();
        await admin.RegisterPublisherAsync("cn.example.revoked", key);
        using (var published = await PublishAsync(admin, CardSigner.Sign(RegistryCalls.Card("cn.example.revoked/summer", "1.0.0"), key)))
            await published.JsonAsync(HttpStatusCode.OK);
        using (var installed = await admin.PostAsJsonAsync("api/v1/registry/installations", new { agent = "cn.example.revoked/summer" }))
            await installed.JsonAsync(HttpStatusCode.OK);

        using (var revoked = await admin.PostAsJsonAsync($"api/v1/publishers/cn.example.revoked/keys/{key.Kid}/revoke", new { reason = "leaked" }))
            await revoked.JsonAsync(HttpStatusCode.OK);

        var agent = (await admin.GetJsonAsync("api/v1/registry/agents/cn.example.revoked/summer"))["agent"]!;
        Assert.Equal("key-revoked", agent["signature"]!.GetValue<string>());
        using var call = await admin.InvokeAsync("cn.example.revoked/summer", "sum", new JsonObject { ["a"] = 1, ["b"] = 2 });
        var problem = await call.ProblemAsync(HttpStatusCode.Forbidden, "agent-unavailable");
        Assert.Contains("key-revoked", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        await admin.AssertInvocationDeniedAsync(RegistryCalls.InvocationOf(call), "agent-unavailable");
        await admin.AuditedAsync(e => RegistryCalls.Text(e, "action") == "key.revoke" && RegistryCalls.Text(e, "target") == $"cn.example.revoked#{key.Kid}"
            && RegistryCalls.Text(e, "decision") == "changed", "the key revocation");
    }

    private static Task<HttpResponseMessage> PublishAsync(HttpClient http, JsonObject card) =>
        http.PostAsJsonAsync("api/v1/registry/agents", new { card, visibility = "private" });

    private static async Task AssertUnknownAsync(HttpClient http, string agentId)
    {
        using var response = await http.GetAsync($"api/v1/registry/agents/{agentId}");
        await response.ProblemAsync(HttpStatusCode.NotFound, "unknown-agent");
    }
}
