using System.Text.Json.Nodes;
using Zhizao.Core.Access;

namespace Zhizao.Identity.Tokens;

/// <summary>
/// An OAuth 2.0 client of the token endpoint (client credentials grant): who it acts as (the fields of its <see cref="Principal"/>)
/// and how it authenticates: a client secret (<see cref="Secret"/>, stored only as a salted SHA-256) or a registered public key
/// (<see cref="PublicJwk"/>, RFC 7523 <c>private_key_jwt</c>), never both.
/// </summary>
/// <param name="ClientId">The client id (also the principal id, except for agents: see <see cref="AgentId"/>).</param>
/// <param name="Name">Display name.</param>
/// <param name="Kind">Person, service or agent.</param>
/// <param name="Workspace">Workspace its tokens act in.</param>
/// <param name="Role">admin, engineer, operator, viewer, device or agent.</param>
/// <param name="Scopes">Scopes it may request (a token gets these or a subset).</param>
/// <param name="Assets">Asset path prefixes its tokens are restricted to; empty: every asset.</param>
/// <param name="AgentId">For agents: the agent id it acts as (the principal id of its tokens).</param>
/// <param name="Secret">Salted hash of the client secret.</param>
/// <param name="PublicJwk">Public EC P-256 JWK that verifies its client assertions.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="RevokedAt">When it was revoked; its tokens stop validating at once.</param>
public sealed record OAuthClient(
    string ClientId,
    string Name,
    PrincipalKind Kind,
    string Workspace,
    string Role,
    IReadOnlyList<string> Scopes,
    IReadOnlyList<string> Assets,
    string? AgentId,
    ClientSecretHash? Secret,
    JsonObject? PublicJwk,
    DateTimeOffset CreatedAt,
    DateTimeOffset? RevokedAt = null)
{
    /// <summary>True once revoked.</summary>
    public bool IsRevoked => RevokedAt is not null;

    /// <summary>The principal its tokens carry (scopes: those granted to the token).</summary>
    public Principal ToPrincipal(IReadOnlyList<string> grantedScopes) =>
        new(Kind == PrincipalKind.Agent && AgentId is not null ? AgentId : ClientId, Name, Kind, Workspace, Role, grantedScopes, Assets, []);
}

/// <summary>What a new client is: <see cref="PublicJwk"/> for <c>private_key_jwt</c>, otherwise a secret is generated.</summary>
/// <param name="Name">Display name.</param>
/// <param name="Kind">Person, service or agent (agents need <see cref="AgentId"/>).</param>
/// <param name="Workspace">Workspace.</param>
/// <param name="Role">Role.</param>
/// <param name="Scopes">Scopes it may request.</param>
public sealed record ClientRegistration(string Name, PrincipalKind Kind, string Workspace, string Role, IReadOnlyList<string> Scopes)
{
    /// <summary>Asset prefixes; empty: every asset.</summary>
    public IReadOnlyList<string> Assets { get; init; } = [];
    /// <summary>The agent id, for agents.</summary>
    public string? AgentId { get; init; }
    /// <summary>Public key for client assertions; null: a client secret is generated instead.</summary>
    public JsonObject? PublicJwk { get; init; }
    /// <summary>The client id; null: one is generated (<c>zc_</c> + 20 random characters).</summary>
    public string? ClientId { get; init; }
}

/// <summary>A newly created client and, for secret clients, the secret: shown once, never stored.</summary>
public sealed record CreatedClient(OAuthClient Client, string? Secret);
