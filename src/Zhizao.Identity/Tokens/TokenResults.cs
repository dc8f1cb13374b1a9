using System.Text.Json.Nodes;
using Zhizao.Core.Access;

namespace Zhizao.Identity.Tokens;

/// <summary>
/// The token endpoint's answer: <see cref="Body"/> is the RFC 6749 §5.1 JSON response (access_token, token_type, expires_in, scope)
/// or the §5.2 error (error, error_description); <see cref="Status"/> is the HTTP status to send (200, 400, or 401 for
/// invalid_client); <see cref="Reason"/> is Zhizao's precise cause for the audit log (never sent: it would help an attacker).
/// </summary>
public sealed record TokenEndpointResponse(int Status, JsonObject Body, string? ClientId, string? Error, string? Reason)
{
    /// <summary>True when a token was issued.</summary>
    public bool IsSuccess => Error is null;
}

/// <summary>RFC 6749 §5.2 error codes.</summary>
public static class OAuthErrors
{
    /// <summary>A parameter is missing, repeated or malformed.</summary>
    public const string InvalidRequest = "invalid_request";
    /// <summary>Client authentication failed (RFC 7523 §3.2 uses it for every invalid client assertion).</summary>
    public const string InvalidClient = "invalid_client";
    /// <summary>The grant is invalid, expired or revoked (not produced by the client credentials grant: its failures are client authentication failures).</summary>
    public const string InvalidGrant = "invalid_grant";
    /// <summary>A requested scope is not granted to the client.</summary>
    public const string InvalidScope = "invalid_scope";
    /// <summary>The grant type is not client_credentials.</summary>
    public const string UnsupportedGrantType = "unsupported_grant_type";
}

/// <summary>The outcome of validating an access token: the caller, or why it is refused (<see cref="TokenErrors"/>).</summary>
public sealed record TokenValidation(Principal? Principal, string? Error, string? Message)
{
    /// <summary>True when the token is valid.</summary>
    public bool IsValid => Principal is not null;
}

/// <summary>An issued access token.</summary>
/// <param name="AccessToken">The JWT.</param>
/// <param name="ExpiresAt">Its exp.</param>
/// <param name="Scopes">Granted scopes.</param>
public sealed record IssuedToken(string AccessToken, DateTimeOffset ExpiresAt, IReadOnlyList<string> Scopes);

/// <summary>Stable causes of refused tokens and client assertions.</summary>
public static class TokenErrors
{
    /// <summary>Past its exp (beyond the clock skew).</summary>
    public const string Expired = "token-expired";
    /// <summary>Not signed by the expected key (forged or altered).</summary>
    public const string SignatureInvalid = "token-signature-invalid";
    /// <summary>Before its nbf.</summary>
    public const string NotYetValid = "token-not-yet-valid";
    /// <summary>Not issued by the expected issuer.</summary>
    public const string IssuerInvalid = "token-issuer-invalid";
    /// <summary>Not meant for this audience.</summary>
    public const string AudienceInvalid = "token-audience-invalid";
    /// <summary>Not a JWT, or lacks a required claim.</summary>
    public const string Malformed = "token-malformed";
    /// <summary>A client assertion whose jti was already used.</summary>
    public const string Replayed = "token-replayed";
    /// <summary>The client was revoked (or deleted).</summary>
    public const string ClientRevoked = "client-revoked";
    /// <summary>No such client.</summary>
    public const string ClientUnknown = "client-unknown";
    /// <summary>Wrong client secret, or the client does not use that authentication method.</summary>
    public const string ClientCredentialsInvalid = "client-credentials-invalid";
    /// <summary>A requested scope exceeds the client's.</summary>
    public const string ScopeNotGranted = "scope-not-granted";
}

/// <summary>Claim names of Zhizao's access tokens (beyond the registered iss, sub, aud, exp, nbf, iat, jti).</summary>
public static class TokenClaims
{
    /// <summary>Granted scopes, space separated (RFC 8693 §4.2).</summary>
    public const string Scope = "scope";
    /// <summary>The client id (RFC 9068).</summary>
    public const string ClientId = "client_id";
    /// <summary>Display name.</summary>
    public const string Name = "name";
    /// <summary>Person, Service or Agent.</summary>
    public const string Kind = "zhizao:kind";
    /// <summary>Workspace.</summary>
    public const string Workspace = "zhizao:workspace";
    /// <summary>Role.</summary>
    public const string Role = "role";
    /// <summary>Asset prefixes (array; absent: every asset).</summary>
    public const string Assets = "zhizao:assets";
    /// <summary>For agents: the agent id (the principal id).</summary>
    public const string Agent = "zhizao:agent";
}
