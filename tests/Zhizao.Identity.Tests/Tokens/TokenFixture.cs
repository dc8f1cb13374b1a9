using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Zhizao.Core.Access;
using Zhizao.Identity.Keys;
using Zhizao.Identity.Tokens;
using Zhizao.Tests.Shared;

namespace Zhizao.Identity.Tests.Tokens;

/// <summary>A token service over an in-memory document store, the platform key and a fake clock.</summary>
internal sealed class TokenFixture : IDisposable
{
    public const string Endpoint = "https://zhizao.example.cn/oauth/token";

    public TokenFixture(TokenOptions? options = null, FakeTimeProvider? clock = null, EcKeyPair? platformKey = null)
    {
        Clock = clock ?? TestSupport.Clock();
        PlatformKey = platformKey ?? EcKeyPair.Generate();
        Options = options ?? new TokenOptions { Issuer = "https://zhizao.example.cn", TokenEndpoint = Endpoint };
        Clients = new OAuthClientStore(Documents, Clock, NullLogger<OAuthClientStore>.Instance);
        Service = new TokenService(Clients, PlatformKey, Options, Clock, NullLogger<TokenService>.Instance);
    }

    public MemoryDocumentStore Documents { get; } = new();
    public FakeTimeProvider Clock { get; }
    public EcKeyPair PlatformKey { get; }
    public TokenOptions Options { get; }
    public OAuthClientStore Clients { get; }
    public TokenService Service { get; }

    public static ClientRegistration Service_(params string[] scopes) =>
        new("MES line 2", PrincipalKind.Service, "plant1", "operator", scopes) { Assets = ["site1/line2"] };

    public async Task<CreatedClient> CreateAsync(ClientRegistration registration)
    {
        var created = await Clients.CreateAsync(registration, default);
        Assert.True(created.IsSuccess, created.Error?.Message);
        return created.Value!;
    }

    public Task<TokenEndpointResponse> RequestAsync(params (string Name, string? Value)[] fields) =>
        Service.HandleTokenRequestAsync(fields.ToDictionary(f => f.Name, f => f.Value), default);

    public Task<TokenEndpointResponse> RequestWithSecretAsync(CreatedClient client, string? scope = null) =>
        RequestAsync(("grant_type", "client_credentials"), ("client_id", client.Client.ClientId), ("client_secret", client.Secret), ("scope", scope));

    public Task<TokenEndpointResponse> RequestWithAssertionAsync(string assertion) =>
        RequestAsync(("grant_type", "client_credentials"), ("client_assertion_type", TokenService.JwtBearerAssertionType), ("client_assertion", assertion));

    /// <summary>An RFC 7523 client assertion, with the claims a test wants to change.</summary>
    public string Assertion(EcKeyPair key, string clientId, TimeSpan? lifetime = null, string? audience = Endpoint, string? jti = "jti-1", string? subject = null)
    {
        var now = Clock.GetUtcNow().UtcDateTime;
        var claims = new Dictionary<string, object> { ["sub"] = subject ?? clientId };
        if (jti is not null)
            claims["jti"] = jti;
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = clientId,
            Audience = audience,
            IssuedAt = now,
            Expires = now + (lifetime ?? TimeSpan.FromMinutes(2)),
            Claims = claims,
            SigningCredentials = key.ToSigningCredentials(),
        });
    }

    public static string AccessToken(TokenEndpointResponse response)
    {
        Assert.True(response.IsSuccess, response.Body.ToJsonString());
        return response.Body["access_token"]!.GetValue<string>();
    }

    public void Dispose() => PlatformKey.Dispose();
}
