using Zhizao.Core.Access;
using Zhizao.Identity.Keys;
using Zhizao.Identity.Tokens;

namespace Zhizao.Identity.Tests.Tokens;

/// <summary>RFC 7523 private_key_jwt: a client proves itself with a JWT signed by its registered key.</summary>
public sealed class ClientAssertionTests : IDisposable
{
    private readonly TokenFixture _f = new();
    private readonly EcKeyPair _clientKey = EcKeyPair.Generate();

    public void Dispose()
    {
        _f.Dispose();
        _clientKey.Dispose();
    }

    private async Task<OAuthClient> ClientAsync()
    {
        var created = await _f.CreateAsync(new ClientRegistration("Line 2 gateway", PrincipalKind.Service, "plant1", "device", ["skill:*"])
        {
            PublicJwk = _clientKey.ToPublicJwk(),
            ClientId = "line2-gateway",
        });
        Assert.Null(created.Secret);
        return created.Client;
    }

    [Fact]
    public async Task A_valid_client_assertion_gets_a_token()
    {
        var client = await ClientAsync();

        var response = await _f.RequestWithAssertionAsync(_f.Assertion(_clientKey, client.ClientId));

        var principal = (await _f.Service.ValidateAsync(TokenFixture.AccessToken(response), default)).Principal!;
        Assert.Equal(("line2-gateway", "device"), (principal.Id, principal.Role));
    }

    [Fact]
    public async Task A_replayed_client_assertion_is_refused()
    {
        var client = await ClientAsync();
        var assertion = _f.Assertion(_clientKey, client.ClientId);
        Assert.True((await _f.RequestWithAssertionAsync(assertion)).IsSuccess);
        _f.Clock.Advance(TimeSpan.FromSeconds(30));

        var replay = await _f.RequestWithAssertionAsync(assertion);

        Assert.Equal((401, OAuthErrors.InvalidClient, TokenErrors.Replayed), (replay.Status, replay.Error, replay.Reason));
        Assert.True((await _f.RequestWithAssertionAsync(_f.Assertion(_clientKey, client.ClientId, jti: "jti-2"))).IsSuccess);
    }

    [Fact]
    public async Task An_assertion_signed_by_another_key_is_refused_as_forged()
    {
        var client = await ClientAsync();
        using var thief = EcKeyPair.Generate();

        var response = await _f.RequestWithAssertionAsync(_f.Assertion(thief, client.ClientId));

        Assert.Equal((OAuthErrors.InvalidClient, TokenErrors.SignatureInvalid), (response.Error, response.Reason));
    }

    [Fact]
    public async Task An_assertion_for_another_audience_is_refused()
    {
        var client = await ClientAsync();

        var response = await _f.RequestWithAssertionAsync(_f.Assertion(_clientKey, client.ClientId, audience: "https://other.example/token"));

        Assert.Equal((OAuthErrors.InvalidClient, TokenErrors.AudienceInvalid), (response.Error, response.Reason));
    }

    [Fact]
    public async Task An_expired_assertion_is_refused()
    {
        var client = await ClientAsync();
        var assertion = _f.Assertion(_clientKey, client.ClientId, lifetime: TimeSpan.FromMinutes(1));
        _f.Clock.Advance(TimeSpan.FromMinutes(2));

        var response = await _f.RequestWithAssertionAsync(assertion);

        Assert.Equal((OAuthErrors.InvalidClient, TokenErrors.Expired), (response.Error, response.Reason));
    }

    [Fact]
    public async Task An_assertion_living_longer_than_five_minutes_or_without_jti_is_refused()
    {
        var client = await ClientAsync();

        var longLived = await _f.RequestWithAssertionAsync(_f.Assertion(_clientKey, client.ClientId, lifetime: TimeSpan.FromMinutes(10)));
        var noJti = await _f.RequestWithAssertionAsync(_f.Assertion(_clientKey, client.ClientId, jti: null));

        Assert.Equal((OAuthErrors.InvalidClient, TokenErrors.Malformed), (longLived.Error, longLived.Reason));
        Assert.Contains("5 minutes", longLived.Body["error_description"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal((OAuthErrors.InvalidClient, TokenErrors.Malformed), (noJti.Error, noJti.Reason));
        Assert.Contains("jti", noJti.Body["error_description"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Subject_and_issuer_must_both_be_the_client()
    {
        var client = await ClientAsync();
        var other = await _f.CreateAsync(TokenFixture.Service_("skill:*"));

        // Signed by line2-gateway's key, but claiming to be the other client: the issuer check fails.
        var response = await _f.RequestWithAssertionAsync(_f.Assertion(_clientKey, client.ClientId, subject: other.Client.ClientId));

        Assert.Equal(OAuthErrors.InvalidClient, response.Error);
    }

    [Fact]
    public async Task A_secret_client_cannot_authenticate_by_assertion_and_two_methods_at_once_are_refused()
    {
        var client = await ClientAsync();
        var secretClient = await _f.CreateAsync(TokenFixture.Service_("skill:*"));

        var bySecretClient = await _f.RequestWithAssertionAsync(_f.Assertion(_clientKey, secretClient.Client.ClientId));
        var both = await _f.RequestAsync(("grant_type", "client_credentials"), ("client_secret", "x"),
            ("client_assertion_type", TokenService.JwtBearerAssertionType), ("client_assertion", _f.Assertion(_clientKey, client.ClientId)));

        Assert.Equal((OAuthErrors.InvalidClient, TokenErrors.ClientCredentialsInvalid), (bySecretClient.Error, bySecretClient.Reason));
        Assert.Equal(OAuthErrors.InvalidRequest, both.Error);
    }
}
