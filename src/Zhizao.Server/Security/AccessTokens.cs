using Zhizao.Core.Access;

namespace Zhizao.Server.Security;

/// <summary>The result of checking a presented access token: the principal, or why it was refused.</summary>
/// <param name="Principal">The caller when the token is valid.</param>
/// <param name="Error">token-expired, token-signature-invalid, token-replayed, client-revoked … when not.</param>
public sealed record TokenValidation(Principal? Principal, string? Error);

/// <summary>Checks platform-issued access tokens (implemented over Zhizao.Identity's token service).</summary>
public interface IAccessTokenValidator
{
    /// <summary>Validates a bearer token that is not an API key.</summary>
    Task<TokenValidation> ValidateAsync(string token, CancellationToken cancellationToken);
}
