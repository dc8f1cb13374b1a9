using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Zhizao.Identity.Keys;
using Zhizao.Identity.Tokens;
using Zhizao.Server.Tests.Infrastructure;

namespace Zhizao.Server.Tests.Registry;

/// <summary>
/// Platform tokens through the real server: OAuth2 client credentials at /oauth/token (secret and private_key_jwt), the JWT as a
/// bearer on the API, and the tokens it must refuse (forged, expired, replayed assertion, revoked client).
/// </summary>
public sealed class TokenTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private static readonly string[] AllSkills = ["skill:*"];

    private readonly ServerHost _server = fixture.Server;

    [Fact]
    public async Task A_client_credentials_token_works_as_a_bearer_on_the_api()
    {
        using var admin = _server.Admin();
        var (clientId, secret) = await admin.CreateSecretClientAsync("token-reader", "operator", "skill:*");

        using var response = await _server.RequestTokenAsync(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = clientId, ["client_secret"] = secret,
        });
        var body = await response.JsonAsync(HttpStatusCode.OK);
        Assert.Equal("Bearer", body["token_type"]!.GetValue<string>());
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        using var client = _server.Client(body["access_token"]!.GetValue<string>());

        var skills = (await client.GetJsonAsync("api/v1/skills")).AsArray();

        Assert.Contains(skills, s => s!["agentId"]!.GetValue<string>() == "cn.zhizao/limit-monitor");
        await admin.AuditedAsync(e => RegistryCalls.Text(e, "action") == "token" && RegistryCalls.Text(e, "target") == clientId
            && RegistryCalls.Text(e, "decision") == "allowed", "the token issued");
    }

    [Fact]
    public async Task A_token_with_the_same_claims_signed_by_another_key_is_refused_as_forged()
    {
        using var admin = _server.Admin();
        var (clientId, secret) = await admin.CreateSecretClientAsync("forgery-target", "operator", "skill:*");
        var (header, payload) = RegistryCalls.ReadJwt(await _server.TokenAsync(clientId, secret));
        using var attacker = EcKeyPair.Generate();
        using var client = _server.Client(RegistryCalls.SignJwt(attacker, header, payload));

        using var response = await client.GetAsync("api/v1/skills");

        var problem = await response.ProblemAsync(HttpStatusCode.Unauthorized, "unauthenticated");
        Assert.Contains(TokenErrors.SignatureInvalid, problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        await admin.AssertDeniedAsync(TokenErrors.SignatureInvalid, e => RegistryCalls.Text(e, "action") == "authenticate", "the forged token");
    }

    /// <summary>
    /// Tokens live at least a minute (TokenOptions), too long to wait for here; so the test signs, with the platform's own key file,
    /// the claims of a real token with its times moved into the past. The same claims with the original times are accepted, so the
    /// expiry alone is what the server refuses.
    /// </summary>
    [Fact]
    public async Task An_expired_platform_signed_token_is_refused_as_expired()
    {
        using var admin = _server.Admin();
        var (clientId, secret) = await admin.CreateSecretClientAsync("expiry-target", "operator", "skill:*");
        var (header, payload) = RegistryCalls.ReadJwt(await _server.TokenAsync(clientId, secret));
        var keyFile = _server.Services.GetRequiredService<IOptions<ZhizaoOptions>>().Value.EffectivePlatformKeyPath;
        using var platformKey = EcKeyPair.FromPrivateJwk(JsonNode.Parse(await File.ReadAllTextAsync(keyFile))!.AsObject());
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

        using (var resigned = _server.Client(RegistryCalls.SignJwt(platformKey, header, payload)))
        using (var accepted = await resigned.GetAsync("api/v1/skills"))
            Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);

        var expired = payload.DeepClone().AsObject();
        expired["iat"] = now - 900;
        expired["nbf"] = now - 900;
        expired["exp"] = now - 300;
        using var client = _server.Client(RegistryCalls.SignJwt(platformKey, header, expired));
        using var response = await client.GetAsync("api/v1/skills");

        var problem = await response.ProblemAsync(HttpStatusCode.Unauthorized, "unauthenticated");
        Assert.Contains(TokenErrors.Expired, problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_replayed_client_assertion_is_refused_and_audited_as_replayed()
    {
        using var admin = _server.Admin();
        using var clientKey = EcKeyPair.Generate();
        using var created = await admin.PostAsJsonAsync("api/v1/clients", new { name = "jwt-client", kind = "service", role = "operator", scopes = AllSkills, publicJwk = clientKey.ToPublicJwk() });
        var clientId = (await created.JsonAsync(HttpStatusCode.OK))["client"]!["clientId"]!.GetValue<string>();
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var assertion = RegistryCalls.SignJwt(clientKey, new JsonObject { ["alg"] = "ES256", ["typ"] = "JWT" }, new JsonObject
        {
            ["iss"] = clientId,
            ["sub"] = clientId,
            ["aud"] = _server.Services.GetRequiredService<TokenOptions>().TokenEndpoint,
            ["jti"] = Guid.NewGuid().ToString(),
            ["iat"] = now,
            ["exp"] = now + 120,
        });
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_assertion_type"] = TokenService.JwtBearerAssertionType,
            ["client_assertion"] = assertion,
        };

        using (var first = await _server.RequestTokenAsync(form))
        {
            var token = (await first.JsonAsync(HttpStatusCode.OK))["access_token"]!.GetValue<string>();
            using var client = _server.Client(token);
            Assert.NotEmpty((await client.GetJsonAsync("api/v1/skills")).AsArray());
        }
        using var replayed = await _server.RequestTokenAsync(form);

        var refusal = await replayed.JsonAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(OAuthErrors.InvalidClient, refusal["error"]!.GetValue<string>());
        Assert.False(refusal.ContainsKey("access_token"));
        await admin.AssertDeniedAsync(TokenErrors.Replayed, e => RegistryCalls.Text(e, "action") == "token" && RegistryCalls.Text(e, "principal") == clientId, "the replayed assertion");
    }

    [Fact]
    public async Task A_revoked_clients_tokens_stop_working_at_once_and_it_gets_no_new_one()
    {
        using var admin = _server.Admin();
        var (clientId, secret) = await admin.CreateSecretClientAsync("to-revoke", "operator", "skill:*");
        using var client = _server.Client(await _server.TokenAsync(clientId, secret));
        Assert.NotEmpty((await client.GetJsonAsync("api/v1/skills")).AsArray());

        using (var revoked = await admin.DeleteAsync($"api/v1/clients/{clientId}"))
            Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);

        using var response = await client.GetAsync("api/v1/skills");
        var problem = await response.ProblemAsync(HttpStatusCode.Unauthorized, "unauthenticated");
        Assert.Contains(TokenErrors.ClientRevoked, problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        using var again = await _server.RequestTokenAsync(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = clientId, ["client_secret"] = secret,
        });
        Assert.Equal(OAuthErrors.InvalidClient, (await again.JsonAsync(HttpStatusCode.Unauthorized))["error"]!.GetValue<string>());
        await admin.AssertDeniedAsync(TokenErrors.ClientRevoked, e => RegistryCalls.Text(e, "action") == "token" && RegistryCalls.Text(e, "principal") == clientId, "the revoked client's token request");
    }

    [Fact]
    public async Task The_client_secret_is_shown_once_and_never_listed_even_hashed()
    {
        using var admin = _server.Admin();
        var (clientId, _) = await admin.CreateSecretClientAsync("secret-holder", "operator", "skill:*");

        var listed = (await admin.GetJsonAsync("api/v1/clients")).AsArray().Single(c => c!["clientId"]!.GetValue<string>() == clientId)!.AsObject();

        Assert.True(listed["secret"] is null, listed.ToJsonString());
        Assert.DoesNotContain("hash", listed.ToJsonString(), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("salt", listed.ToJsonString(), StringComparison.OrdinalIgnoreCase);
    }
}
