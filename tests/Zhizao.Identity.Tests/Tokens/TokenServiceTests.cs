using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.IdentityModel.JsonWebTokens;
using Zhizao.Core.Access;
using Zhizao.Identity.Keys;
using Zhizao.Identity.Tokens;

namespace Zhizao.Identity.Tests.Tokens;

public sealed class TokenServiceTests : IDisposable
{
    private readonly TokenFixture _f = new();

    public void Dispose() => _f.Dispose();

    [Fact]
    public async Task A_client_with_its_secret_gets_a_token_that_validates_to_its_principal()
    {
        var client = await _f.CreateAsync(TokenFixture.Service_("skill:cn.zhizao/scheduler:*", "audit:read"));

        var response = await _f.RequestWithSecretAsync(client);

        Assert.Equal(200, response.Status);
        Assert.Equal(("Bearer", 600, "skill:cn.zhizao/scheduler:* audit:read"),
            (response.Body["token_type"]!.GetValue<string>(), response.Body["expires_in"]!.GetValue<int>(), response.Body["scope"]!.GetValue<string>()));
        var validation = await _f.Service.ValidateAsync(TokenFixture.AccessToken(response), default);
        Assert.True(validation.IsValid, validation.Message);
        var p = validation.Principal!;
        Assert.Equal((client.Client.ClientId, "MES line 2", PrincipalKind.Service, "plant1", "operator"), (p.Id, p.Name, p.Kind, p.Workspace, p.Role));
        Assert.Equal(["skill:cn.zhizao/scheduler:*", "audit:read"], p.Scopes);
        Assert.Equal(["site1/line2"], p.Assets);
        Assert.Empty(p.Delegation);
    }

    [Fact]
    public async Task The_access_token_is_an_es256_jwt_with_the_registered_and_principal_claims()
    {
        var client = await _f.CreateAsync(TokenFixture.Service_("skill:*"));

        var jwt = new JsonWebToken(TokenFixture.AccessToken(await _f.RequestWithSecretAsync(client)));

        Assert.Equal(("ES256", "at+jwt", _f.PlatformKey.Kid), (jwt.Alg, jwt.Typ, jwt.Kid));
        Assert.Equal(("https://zhizao.example.cn", "zhizao", client.Client.ClientId), (jwt.Issuer, jwt.Audiences.Single(), jwt.Subject));
        Assert.Equal(TestSupport.Start.UtcDateTime, jwt.IssuedAt);
        Assert.Equal(TestSupport.Start.UtcDateTime, jwt.ValidFrom);
        Assert.Equal(TestSupport.Start.AddMinutes(10).UtcDateTime, jwt.ValidTo);
        Assert.False(string.IsNullOrEmpty(jwt.Id));
        Assert.Equal(("Service", "plant1", "operator"), (jwt.GetClaim("zhizao:kind").Value, jwt.GetClaim("zhizao:workspace").Value, jwt.GetClaim("role").Value));
    }

    [Fact]
    public async Task The_secret_is_stored_only_as_a_salted_hash()
    {
        var client = await _f.CreateAsync(TokenFixture.Service_("skill:*"));

        var json = (await _f.Documents.GetAsync(OAuthClientStore.Collection, client.Client.ClientId, default))!.Json;

        Assert.StartsWith("zcs_", client.Secret, StringComparison.Ordinal);
        Assert.DoesNotContain(client.Secret!, json, StringComparison.Ordinal);
        var secret = JsonNode.Parse(json)!["secret"]!;
        Assert.Equal(22, secret["salt"]!.GetValue<string>().Length);
        Assert.Equal(43, secret["hash"]!.GetValue<string>().Length);
    }

    [Fact]
    public async Task A_secret_that_differs_in_one_character_is_refused_through_the_constant_time_check()
    {
        var client = await _f.CreateAsync(TokenFixture.Service_("skill:*"));
        var nearly = client.Secret![..^1] + (client.Secret[^1] == 'A' ? 'B' : 'A');

        var response = await _f.RequestWithSecretAsync(client with { Secret = nearly });

        Assert.Equal((401, OAuthErrors.InvalidClient, TokenErrors.ClientCredentialsInvalid), (response.Status, response.Error, response.Reason));
        Assert.Equal("invalid_client", response.Body["error"]!.GetValue<string>());
        Assert.True(client.Client.Secret!.Matches(client.Secret));
        Assert.False(client.Client.Secret.Matches(nearly));
        Assert.False(client.Client.Secret.Matches(""));
    }

    [Fact]
    public async Task An_unknown_client_is_refused_like_a_wrong_secret()
    {
        var response = await _f.RequestAsync(("grant_type", "client_credentials"), ("client_id", "zc_nobody"), ("client_secret", "zcs_guess"));

        Assert.Equal((401, OAuthErrors.InvalidClient, TokenErrors.ClientUnknown), (response.Status, response.Error, response.Reason));
        Assert.Equal("client authentication failed", response.Body["error_description"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("skill:*")]
    [InlineData("registry:admin")]
    [InlineData("skill:cn.zhizao/scheduler:schedule registry:publish")]
    public async Task Requesting_a_scope_the_client_was_not_granted_is_invalid_scope(string requested)
    {
        var client = await _f.CreateAsync(TokenFixture.Service_("skill:cn.zhizao/scheduler:*", "audit:read"));

        var response = await _f.RequestWithSecretAsync(client, requested);

        Assert.Equal((400, OAuthErrors.InvalidScope, TokenErrors.ScopeNotGranted), (response.Status, response.Error, response.Reason));
        Assert.Contains(requested.Split(' ')[^1], response.Body["error_description"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_narrower_scope_covered_by_a_granted_wildcard_gives_a_narrower_token()
    {
        var client = await _f.CreateAsync(TokenFixture.Service_("skill:cn.zhizao/scheduler:*", "audit:read"));

        var response = await _f.RequestWithSecretAsync(client, "skill:cn.zhizao/scheduler:schedule");

        var principal = (await _f.Service.ValidateAsync(TokenFixture.AccessToken(response), default)).Principal!;
        Assert.Equal(["skill:cn.zhizao/scheduler:schedule"], principal.Scopes);
    }

    [Fact]
    public async Task Other_grant_types_and_missing_parameters_get_their_rfc6749_errors()
    {
        var client = await _f.CreateAsync(TokenFixture.Service_("skill:*"));

        var password = await _f.RequestAsync(("grant_type", "password"), ("client_id", client.Client.ClientId), ("client_secret", client.Secret));
        var none = await _f.RequestAsync(("client_id", client.Client.ClientId), ("client_secret", client.Secret));
        var anonymous = await _f.RequestAsync(("grant_type", "client_credentials"));

        Assert.Equal((400, OAuthErrors.UnsupportedGrantType), (password.Status, password.Error));
        Assert.Equal((400, OAuthErrors.InvalidRequest), (none.Status, none.Error));
        Assert.Equal((401, OAuthErrors.InvalidClient), (anonymous.Status, anonymous.Error));
    }

    [Fact]
    public async Task A_token_signed_by_another_key_is_refused_as_forged()
    {
        var client = await _f.CreateAsync(TokenFixture.Service_("skill:*"));
        // Same issuer, audience, claims and client store: only the signing key differs.
        using var forger = EcKeyPair.Generate();
        var forgingService = new TokenService(_f.Clients, forger, _f.Options, _f.Clock, NullLogger<TokenService>.Instance);

        var forged = forgingService.Issue(client.Client, ["registry:admin"]).AccessToken;
        var validation = await _f.Service.ValidateAsync(forged, default);

        Assert.Equal(TokenErrors.SignatureInvalid, validation.Error);
        Assert.Null(validation.Principal);
    }

    [Fact]
    public async Task An_altered_payload_is_refused_as_forged()
    {
        var client = await _f.CreateAsync(TokenFixture.Service_("audit:read"));
        var parts = TokenFixture.AccessToken(await _f.RequestWithSecretAsync(client)).Split('.');
        var payload = JsonNode.Parse(System.Buffers.Text.Base64Url.DecodeFromChars(parts[1]))!;
        payload["scope"] = "registry:admin";
        var altered = $"{parts[0]}.{System.Buffers.Text.Base64Url.EncodeToString(System.Text.Encoding.UTF8.GetBytes(payload.ToJsonString()))}.{parts[2]}";

        Assert.Equal(TokenErrors.SignatureInvalid, (await _f.Service.ValidateAsync(altered, default)).Error);
    }

    [Fact]
    public async Task A_token_expires_after_its_lifetime_and_the_clock_skew()
    {
        var client = await _f.CreateAsync(TokenFixture.Service_("skill:*"));
        var token = TokenFixture.AccessToken(await _f.RequestWithSecretAsync(client));

        _f.Clock.Advance(TimeSpan.FromMinutes(10) + _f.Options.ClockSkew);
        Assert.True((await _f.Service.ValidateAsync(token, default)).IsValid);
        _f.Clock.Advance(TimeSpan.FromSeconds(1));
        var validation = await _f.Service.ValidateAsync(token, default);

        Assert.Equal(TokenErrors.Expired, validation.Error);
        Assert.Contains("2026-11-25T08:10:00", validation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_from_the_future_is_not_yet_valid()
    {
        var client = await _f.CreateAsync(TokenFixture.Service_("skill:*"));
        var ahead = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(TestSupport.Start.AddHours(1));
        var fastIssuer = new TokenService(_f.Clients, _f.PlatformKey, _f.Options, ahead, NullLogger<TokenService>.Instance);

        var validation = await _f.Service.ValidateAsync(fastIssuer.Issue(client.Client, ["skill:*"]).AccessToken, default);

        Assert.Equal(TokenErrors.NotYetValid, validation.Error);
    }

    [Fact]
    public async Task Tokens_of_another_issuer_or_for_another_audience_are_refused()
    {
        var client = await _f.CreateAsync(TokenFixture.Service_("skill:*"));
        TokenService Other(string issuer, string audience) => new(_f.Clients, _f.PlatformKey,
            new TokenOptions { Issuer = issuer, Audience = audience, TokenEndpoint = TokenFixture.Endpoint }, _f.Clock, NullLogger<TokenService>.Instance);

        var otherIssuer = Other("https://elsewhere.example", "zhizao").Issue(client.Client, ["skill:*"]).AccessToken;
        var otherAudience = Other(_f.Options.Issuer, "billing").Issue(client.Client, ["skill:*"]).AccessToken;

        Assert.Equal(TokenErrors.IssuerInvalid, (await _f.Service.ValidateAsync(otherIssuer, default)).Error);
        Assert.Equal(TokenErrors.AudienceInvalid, (await _f.Service.ValidateAsync(otherAudience, default)).Error);
        Assert.Equal(TokenErrors.Malformed, (await _f.Service.ValidateAsync("not.a.jwt", default)).Error);
    }

    [Fact]
    public async Task Revoking_a_client_invalidates_its_tokens_at_once_and_refuses_new_ones()
    {
        var client = await _f.CreateAsync(TokenFixture.Service_("skill:*"));
        var token = TokenFixture.AccessToken(await _f.RequestWithSecretAsync(client));
        Assert.True((await _f.Service.ValidateAsync(token, default)).IsValid);

        Assert.True((await _f.Clients.RevokeAsync(client.Client.ClientId, default)).IsSuccess);

        Assert.Equal(TokenErrors.ClientRevoked, (await _f.Service.ValidateAsync(token, default)).Error);
        var again = await _f.RequestWithSecretAsync(client);
        Assert.Equal((OAuthErrors.InvalidClient, TokenErrors.ClientRevoked), (again.Error, again.Reason));
    }

    [Fact]
    public async Task An_agent_client_acts_under_its_agent_id()
    {
        var client = await _f.CreateAsync(new ClientRegistration("Scheduler agent", PrincipalKind.Agent, "plant1", "agent", ["skill:cn.zhizao/limit-monitor:*"])
        {
            AgentId = "cn.zhizao/scheduler",
        });

        var principal = (await _f.Service.ValidateAsync(TokenFixture.AccessToken(await _f.RequestWithSecretAsync(client)), default)).Principal!;

        Assert.Equal(("cn.zhizao/scheduler", PrincipalKind.Agent, "agent"), (principal.Id, principal.Kind, principal.Role));
        Assert.Empty(principal.Assets);
        Assert.Equal(IdentityErrors.ClientInvalid,
            (await _f.Clients.CreateAsync(new ClientRegistration("No id", PrincipalKind.Agent, "plant1", "agent", []), default)).Error!.Type);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(61)]
    public void A_token_lifetime_outside_one_to_sixty_minutes_is_refused(int minutes) =>
        Assert.Throws<ArgumentException>(() => new TokenFixture(new TokenOptions { AccessTokenLifetime = TimeSpan.FromMinutes(minutes) }));

    [Fact]
    public async Task The_token_lifetime_is_configurable()
    {
        using var f = new TokenFixture(new TokenOptions { AccessTokenLifetime = TimeSpan.FromMinutes(30), TokenEndpoint = TokenFixture.Endpoint });
        var client = await f.CreateAsync(TokenFixture.Service_("skill:*"));

        var response = await f.RequestWithSecretAsync(client);

        Assert.Equal(1800, response.Body["expires_in"]!.GetValue<int>());
        Assert.Equal(TestSupport.Start.AddMinutes(30).UtcDateTime, new JsonWebToken(TokenFixture.AccessToken(response)).ValidTo);
    }
}
