using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Zhizao.Server.Security;

/// <summary>Authenticates <c>Authorization: Bearer zk_…</c> or <c>X-Api-Key: zk_…</c>.</summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeyService keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    /// <summary>The scheme name.</summary>
    public const string SchemeName = "ApiKey";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? presented = null;
        if (Request.Headers.Authorization.ToString() is { Length: > 7 } header && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            presented = header[7..].Trim();
        else if (Request.Headers["X-Api-Key"].ToString() is { Length: > 0 } apiKey)
            presented = apiKey.Trim();
        if (presented is null)
            return Task.FromResult(AuthenticateResult.NoResult());
        var principal = keys.Validate(presented);
        if (principal is null)
            return Task.FromResult(AuthenticateResult.Fail("invalid or revoked API key"));
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, principal.KeyId), new Claim(ClaimTypes.Name, principal.Name), new Claim(ClaimTypes.Role, principal.Role)],
            SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        await Results.Problem(
            statusCode: 401, title: "Authentication required", type: Problems.Type("unauthenticated"),
            detail: "Send an API key as 'Authorization: Bearer zk_…' or 'X-Api-Key'.").ExecuteAsync(Context);
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        await Results.Problem(statusCode: 403, title: "Forbidden", type: Problems.Type("forbidden"),
            detail: "Your API key's role does not allow this operation.").ExecuteAsync(Context);
    }
}
