using System.Security.Claims;

namespace Zhizao.Core.Access;

/// <summary>
/// Carries a <see cref="Principal"/> in a <see cref="ClaimsPrincipal"/> (what ASP.NET Core authentication produces) and back,
/// so that every protocol endpoint (REST, MCP, A2A) sees the same caller.
/// </summary>
public static class PrincipalClaims
{
    /// <summary>Claim type of the principal kind.</summary>
    public const string KindClaim = "zhizao:kind";
    /// <summary>Claim type of the workspace.</summary>
    public const string WorkspaceClaim = "zhizao:workspace";
    /// <summary>Claim type of one scope (repeated).</summary>
    public const string ScopeClaim = "scope";
    /// <summary>Claim type of one asset prefix (repeated).</summary>
    public const string AssetClaim = "zhizao:asset";
    /// <summary>Claim type of one delegating principal (repeated, outermost first).</summary>
    public const string DelegationClaim = "zhizao:delegation";

    /// <summary>The claims that describe <paramref name="principal"/>.</summary>
    public static IEnumerable<Claim> ToClaims(Principal principal)
    {
        yield return new Claim(ClaimTypes.NameIdentifier, principal.Id);
        yield return new Claim(ClaimTypes.Name, principal.Name);
        yield return new Claim(ClaimTypes.Role, principal.Role);
        yield return new Claim(KindClaim, principal.Kind.ToString());
        yield return new Claim(WorkspaceClaim, principal.Workspace);
        foreach (var scope in principal.Scopes)
            yield return new Claim(ScopeClaim, scope);
        foreach (var asset in principal.Assets)
            yield return new Claim(AssetClaim, asset);
        foreach (var delegation in principal.Delegation)
            yield return new Claim(DelegationClaim, delegation);
    }

    /// <summary>The principal an authenticated request carries; null when the request is not authenticated.</summary>
    public static Principal? FromClaims(ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true || user.FindFirst(ClaimTypes.NameIdentifier)?.Value is not { } id)
            return null;
        return new Principal(
            id,
            user.FindFirst(ClaimTypes.Name)?.Value ?? id,
            Enum.TryParse<PrincipalKind>(user.FindFirst(KindClaim)?.Value, out var kind) ? kind : PrincipalKind.Person,
            user.FindFirst(WorkspaceClaim)?.Value ?? Principal.DefaultWorkspace,
            user.FindFirst(ClaimTypes.Role)?.Value ?? "viewer",
            [.. user.FindAll(ScopeClaim).Select(c => c.Value)],
            [.. user.FindAll(AssetClaim).Select(c => c.Value)],
            [.. user.FindAll(DelegationClaim).Select(c => c.Value)]);
    }
}
