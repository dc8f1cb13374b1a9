using System.Buffers.Text;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Zhizao.Core.Access;
using Zhizao.Identity.Keys;

namespace Zhizao.Identity.Tokens;

/// <summary>
/// The platform's token issuer: OAuth 2.0 client credentials (RFC 6749 §4.4) with client secrets or RFC 7523 client assertions,
/// access tokens as ES256 JWTs (RFC 9068 shape, <c>typ</c> at+jwt) signed by the platform key, and their validation into a
/// <see cref="Principal"/>. A revoked client's tokens stop validating at once. Thread-safe.
/// </summary>
public sealed partial class TokenService
{
    /// <summary>The only grant type served.</summary>
    public const string ClientCredentialsGrant = "client_credentials";

    /// <summary>The client assertion type of RFC 7523.</summary>
    public const string JwtBearerAssertionType = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    /// <summary>The JOSE <c>typ</c> of access tokens (RFC 9068).</summary>
    public const string AccessTokenType = "at+jwt";

    private readonly OAuthClientStore _clients;
    private readonly TokenOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SigningCredentials _signing;
    private readonly TokenValidationParameters _accessTokenParameters;
    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };
    private readonly ReplayCache _replays;

    /// <summary>Creates the service; <paramref name="signingKey"/> is the platform key (<see cref="Platform.PlatformKeyStore.KeyPair"/>).</summary>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    public TokenService(OAuthClientStore clients, EcKeyPair signingKey, TokenOptions options, TimeProvider time, ILogger<TokenService> logger)
    {
        if (options.Validate() is { Count: > 0 } errors)
            throw new ArgumentException(string.Join("; ", errors), nameof(options));
        _clients = clients;
        _options = options;
        _time = time;
        _logger = logger;
        _signing = signingKey.ToSigningCredentials();
        _replays = new ReplayCache(options.ReplayCacheCapacity, time);
        _accessTokenParameters = new TokenValidationParameters
        {
            ValidIssuer = options.Issuer,
            ValidAudience = options.Audience,
            IssuerSigningKey = new ECDsaSecurityKey(signingKey.PublicKey.CreateEcdsa()) { KeyId = signingKey.Kid },
            ValidAlgorithms = [SecurityAlgorithms.EcdsaSha256],
            ValidTypes = [AccessTokenType],
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ClockSkew = options.ClockSkew,
            LifetimeValidator = ValidateLifetime,
        };
    }

    /// <summary>Issues an access token to <paramref name="client"/> with <paramref name="scopes"/> (the caller checked them).</summary>
    public IssuedToken Issue(OAuthClient client, IReadOnlyList<string> scopes)
    {
        var now = _time.GetUtcNow();
        var expires = now + _options.AccessTokenLifetime;
        var claims = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            [JwtRegisteredClaimNames.Sub] = client.ClientId,
            [JwtRegisteredClaimNames.Jti] = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16)),
            [TokenClaims.Scope] = string.Join(' ', scopes),
            [TokenClaims.ClientId] = client.ClientId,
            [TokenClaims.Name] = client.Name,
            [TokenClaims.Kind] = client.Kind.ToString(),
            [TokenClaims.Workspace] = client.Workspace,
            [TokenClaims.Role] = client.Role,
        };
        if (client.Assets.Count > 0)
            claims[TokenClaims.Assets] = client.Assets.ToArray();
        if (client.AgentId is not null)
            claims[TokenClaims.Agent] = client.AgentId;
        var token = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = _options.Issuer,
            Audience = _options.Audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            Claims = claims,
            SigningCredentials = _signing,
            TokenType = AccessTokenType,
        });
        Log.TokenIssued(_logger, client.ClientId, _options.AccessTokenLifetime);
        return new IssuedToken(token, expires, scopes);
    }

    /// <summary>Validates a presented access token: the caller it carries, or the precise reason it is refused.</summary>
    public async Task<TokenValidation> ValidateAsync(string accessToken, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var result = await _handler.ValidateTokenAsync(accessToken, _accessTokenParameters);
        if (!result.IsValid)
        {
            var (error, message) = Describe(result.Exception);
            return new TokenValidation(null, error, message);
        }
        var jwt = (JsonWebToken)result.SecurityToken;
        if (_clients.Get(jwt.Subject) is not { IsRevoked: false })
            return new TokenValidation(null, TokenErrors.ClientRevoked, $"client {jwt.Subject} is revoked");

        string Claim(string type) => result.ClaimsIdentity.FindFirst(type)?.Value ?? "";
        var kind = Enum.TryParse<PrincipalKind>(Claim(TokenClaims.Kind), out var k) ? k : PrincipalKind.Service;
        var agent = Claim(TokenClaims.Agent);
        var principal = new Principal(
            kind == PrincipalKind.Agent && agent.Length > 0 ? agent : jwt.Subject,
            Claim(TokenClaims.Name),
            kind,
            Claim(TokenClaims.Workspace),
            Claim(TokenClaims.Role),
            Claim(TokenClaims.Scope).Split(' ', StringSplitOptions.RemoveEmptyEntries),
            [.. result.ClaimsIdentity.FindAll(TokenClaims.Assets).Select(c => c.Value)],
            []);
        return new TokenValidation(principal, null, null);
    }

    /// <summary>
    /// Lifetime check against the injected clock (Microsoft.IdentityModel 8 reads the system clock), throwing the same exceptions as
    /// its own check so that <see cref="Describe"/> tells expired from not-yet-valid.
    /// </summary>
    private bool ValidateLifetime(DateTime? notBefore, DateTime? expires, SecurityToken token, TokenValidationParameters parameters)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        if (expires is null)
            throw new SecurityTokenNoExpirationException("the token has no exp");
        if (notBefore is { } nbf && nbf > now + parameters.ClockSkew)
            throw new SecurityTokenNotYetValidException("the token is not valid yet") { NotBefore = nbf };
        if (expires.Value < now - parameters.ClockSkew)
            throw new SecurityTokenExpiredException("the token expired") { Expires = expires.Value };
        return true;
    }

    /// <summary>Why a JWT failed Microsoft.IdentityModel's validation, as a stable error and a message.</summary>
    internal static (string Error, string Message) Describe(Exception? exception) => exception switch
    {
        SecurityTokenExpiredException e => (TokenErrors.Expired, $"the token expired at {e.Expires:O}"),
        SecurityTokenNotYetValidException e => (TokenErrors.NotYetValid, $"the token is not valid before {e.NotBefore:O}"),
        SecurityTokenInvalidSignatureException or SecurityTokenInvalidAlgorithmException =>
            (TokenErrors.SignatureInvalid, "the token's signature does not verify with the expected key (forged or altered)"),
        SecurityTokenInvalidIssuerException e => (TokenErrors.IssuerInvalid, $"the token's issuer \"{e.InvalidIssuer}\" is not trusted"),
        SecurityTokenInvalidAudienceException e => (TokenErrors.AudienceInvalid, $"the token's audience \"{e.InvalidAudience}\" is not this service"),
        _ => (TokenErrors.Malformed, $"the token is not a valid JWT: {exception?.Message ?? "unknown reason"}"),
    };
}
