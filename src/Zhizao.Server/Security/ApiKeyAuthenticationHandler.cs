using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Zhizao.Core.Access;

namespace Zhizao.Server.Security;

/// <summary>
/// Authenticates <c>Authorization: Bearer zk_…</c> or <c>X-Api-Key: zk_…</c> (API keys), or <c>Authorization: Bearer</c> with a token the
/// platform issued (OAuth2 client credentials, JWT), and sets the caller's <see cref="Principal"/> claims.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeyService keys, IAccessTokenValidator tokens, AuthenticationAudit audit)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    /// <summary>The scheme name.</summary>
    public const string SchemeName = "ApiKey";

    /// <summary>HttpContext item holding why a presented token was refused (expired, forged …), for the 401 answer.</summary>
    public const string FailureItem = "zhizao.auth.failure";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? presented = null;
        if (Request.Headers.Authorization.ToString() is { Length: > 7 } header && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            presented = header[7..].Trim();
        else if (Request.Headers["X-Api-Key"].ToString() is { Length: > 0 } apiKey)
            presented = apiKey.Trim();
        if (presented is null)
            return AuthenticateResult.NoResult();
        Principal? principal;
        if (presented.StartsWith("zk_", StringComparison.Ordinal))
        {
            principal = keys.Validate(presented)?.ToPrincipal();
            if (principal is null)
            {
                await audit.RecordAsync(Context, "api-key-invalid: unknown, revoked or wrong API key", Context.RequestAborted);
                return AuthenticateResult.Fail("invalid or revoked API key");
            }
        }
        else
        {
            var validation = await tokens.ValidateAsync(presented, Context.RequestAborted);
            if (validation.Principal is null)
            {
                Context.Items[FailureItem] = validation.Error;
                await audit.RecordAsync(Context, validation.Error ?? "token-invalid", Context.RequestAborted);
                return AuthenticateResult.Fail(validation.Error ?? "invalid token");
            }
            principal = validation.Principal;
        }
        var identity = new System.Security.Claims.ClaimsIdentity(PrincipalClaims.ToClaims(principal), SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new System.Security.Claims.ClaimsPrincipal(identity), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        await Results.Problem(
            statusCode: 401, title: "Authentication required", type: Problems.Type("unauthenticated"),
            detail: Context.Items[FailureItem] is string failure
                ? $"The token was refused: {failure}."
                : "Send an API key as 'Authorization: Bearer zk_…' or 'X-Api-Key', or a platform token from /oauth/token.").ExecuteAsync(Context);
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        await Results.Problem(statusCode: 403, title: "Forbidden", type: Problems.Type("forbidden"),
            detail: "Your API key's role does not allow this operation.").ExecuteAsync(Context);
    }
}
