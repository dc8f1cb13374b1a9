using System.Text.Json.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Zhizao.Identity.Keys;

namespace Zhizao.Identity.Tokens;

public sealed partial class TokenService
{
    /// <summary>
    /// Handles a token request from its form fields (<c>grant_type</c>, <c>client_id</c>, <c>client_secret</c>,
    /// <c>client_assertion_type</c>, <c>client_assertion</c>, <c>scope</c>). For HTTP Basic client authentication the server decodes
    /// the header into <c>client_id</c> and <c>client_secret</c>. Without <c>scope</c> the token gets all of the client's scopes.
    /// </summary>
    public async Task<TokenEndpointResponse> HandleTokenRequestAsync(IReadOnlyDictionary<string, string?> form, CancellationToken cancellationToken)
    {
        string? Field(string name) => form.TryGetValue(name, out var v) && !string.IsNullOrEmpty(v) ? v : null;

        var grantType = Field("grant_type");
        if (grantType is null)
            return Refuse(OAuthErrors.InvalidRequest, "request-invalid", "grant_type is required", Field("client_id"));
        if (grantType != ClientCredentialsGrant)
            return Refuse(OAuthErrors.UnsupportedGrantType, "grant-unsupported", $"only {ClientCredentialsGrant} is supported", Field("client_id"));

        var assertion = Field("client_assertion");
        var secret = Field("client_secret");
        if (assertion is not null && secret is not null)
            return Refuse(OAuthErrors.InvalidRequest, "request-invalid", "use one client authentication method, not two", Field("client_id"));
        var (client, failure) = assertion is not null
            ? await AuthenticateByAssertionAsync(Field("client_id"), Field("client_assertion_type"), assertion, cancellationToken)
            : AuthenticateBySecret(Field("client_id"), secret);
        if (failure is not null)
            return failure;

        var granted = client!.Scopes;
        var requested = Field("scope")?.Split(' ', StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal).ToList();
        if (requested is { Count: > 0 })
        {
            var excess = requested.Where(r => !granted.Any(g => Covers(g, r))).ToList();
            if (excess.Count > 0)
                return Refuse(OAuthErrors.InvalidScope, TokenErrors.ScopeNotGranted,
                    $"scope not granted to this client: {string.Join(' ', excess)}", client.ClientId);
            granted = requested;
        }

        var token = Issue(client, granted);
        var body = new JsonObject
        {
            ["access_token"] = token.AccessToken,
            ["token_type"] = "Bearer",
            ["expires_in"] = (int)_options.AccessTokenLifetime.TotalSeconds,
            ["scope"] = string.Join(' ', token.Scopes),
        };
        return new TokenEndpointResponse(200, body, client.ClientId, null, null);
    }

    /// <summary>True when the granted scope includes the requested one: equal, or a granted <c>prefix*</c> covering it.</summary>
    internal static bool Covers(string granted, string requested) =>
        granted == requested || (granted.EndsWith('*') && requested.StartsWith(granted[..^1], StringComparison.Ordinal));

    private (OAuthClient?, TokenEndpointResponse?) AuthenticateBySecret(string? clientId, string? secret)
    {
        if (clientId is null || secret is null)
            return (null, Refuse(OAuthErrors.InvalidClient, "request-invalid", "client authentication is required (client_id with client_secret, or client_assertion)", clientId));
        var client = _clients.Get(clientId);
        // Hash and compare even for unknown clients, so that timing does not tell which client ids exist.
        var matches = (client?.Secret ?? ClientSecretHash.Decoy).Matches(secret);
        if (client is null)
            return (null, Refuse(OAuthErrors.InvalidClient, TokenErrors.ClientUnknown, "client authentication failed", clientId));
        if (client.IsRevoked)
            return (null, Refuse(OAuthErrors.InvalidClient, TokenErrors.ClientRevoked, "client authentication failed", clientId));
        if (client.Secret is null || !matches)
            return (null, Refuse(OAuthErrors.InvalidClient, TokenErrors.ClientCredentialsInvalid, "client authentication failed", clientId));
        return (client, null);
    }

    private async Task<(OAuthClient?, TokenEndpointResponse?)> AuthenticateByAssertionAsync(
        string? clientIdField, string? assertionType, string assertion, CancellationToken cancellationToken)
    {
        (OAuthClient?, TokenEndpointResponse?) Fail(string reason, string message, string? clientId) =>
            (null, Refuse(OAuthErrors.InvalidClient, reason, message, clientId));

        if (assertionType != JwtBearerAssertionType)
            return Fail("request-invalid", $"client_assertion_type must be {JwtBearerAssertionType}", clientIdField);
        JsonWebToken unverified;
        try
        {
            unverified = new JsonWebToken(assertion);
        }
        catch (Exception e) when (e is ArgumentException or SecurityTokenMalformedException)
        {
            return Fail(TokenErrors.Malformed, "the client assertion is not a JWT", clientIdField);
        }
        var clientId = unverified.Subject;
        if (string.IsNullOrEmpty(clientId) || (clientIdField is not null && clientIdField != clientId))
            return Fail(TokenErrors.Malformed, "the client assertion's sub must be the client id", clientIdField);
        var client = _clients.Get(clientId);
        if (client is null || client.PublicJwk is null || client.IsRevoked)
            return Fail(client is null ? TokenErrors.ClientUnknown : client.IsRevoked ? TokenErrors.ClientRevoked : TokenErrors.ClientCredentialsInvalid,
                "client authentication failed", clientId);

        var key = new ECDsaSecurityKey(EcPublicKey.FromJwk(client.PublicJwk).CreateEcdsa())
        {
            CryptoProviderFactory = new CryptoProviderFactory { CacheSignatureProviders = false },
        };
        cancellationToken.ThrowIfCancellationRequested();
        var result = await _handler.ValidateTokenAsync(assertion, new TokenValidationParameters
        {
            ValidIssuer = client.ClientId,
            ValidAudience = _options.TokenEndpoint,
            IssuerSigningKey = key,
            ValidAlgorithms = [SecurityAlgorithms.EcdsaSha256],
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ClockSkew = _options.ClockSkew,
            LifetimeValidator = ValidateLifetime,
        });
        if (!result.IsValid)
        {
            var (error, message) = Describe(result.Exception);
            return Fail(error, $"client assertion refused: {message}", clientId);
        }
        var jwt = (JsonWebToken)result.SecurityToken;
        var expiresAt = new DateTimeOffset(jwt.ValidTo, TimeSpan.Zero);
        if (expiresAt - _time.GetUtcNow() > TokenOptions.MaxAssertionLifetime)
            return Fail(TokenErrors.Malformed, $"a client assertion may live {TokenOptions.MaxAssertionLifetime.TotalMinutes} minutes at most", clientId);
        if (string.IsNullOrEmpty(jwt.Id))
            return Fail(TokenErrors.Malformed, "the client assertion has no jti", clientId);
        return _replays.TryUse(clientId + "\n" + jwt.Id, expiresAt + _options.ClockSkew) switch
        {
            ReplayCache.Outcome.Fresh => (client, null),
            ReplayCache.Outcome.Replayed => Fail(TokenErrors.Replayed, "the client assertion was already used (jti replayed)", clientId),
            _ => Fail("replay-cache-full", "too many client assertions in flight; retry shortly", clientId),
        };
    }

    private TokenEndpointResponse Refuse(string error, string reason, string description, string? clientId)
    {
        Log.TokenRequestRefused(_logger, clientId, error, reason);
        var body = new JsonObject { ["error"] = error, ["error_description"] = description };
        return new TokenEndpointResponse(error == OAuthErrors.InvalidClient ? 401 : 400, body, clientId, error, reason);
    }
}
