using System.Text.Json;
using System.Text.Json.Nodes;
using Zhizao.Access.Audit;
using Zhizao.Access.Policy;
using Zhizao.Core.Access;
using Zhizao.Core.Storage;
using Zhizao.Identity;
using Zhizao.Identity.Tokens;
using Zhizao.Identity.Trust;
using Zhizao.Registry.Catalog;

namespace Zhizao.Server.Apis;

/// <summary>Identity: publishers and their keys (the trust roots), domain and organisation verification, OAuth clients and the token endpoint.</summary>
public static class PublishersApi
{
    /// <summary>Documents mapping a publisher namespace to the workspace that owns it.</summary>
    public const string OwnersCollection = "publisher-owners";

    public static void MapPublishersApi(this IEndpointRouteBuilder routes)
    {
        var publishers = routes.MapGroup("/api/v1/publishers").WithTags("Identity").RequireAuthorization();
        publishers.MapGet("/", (TrustStore trust) => Results.Ok(trust.ListPublishers())).WithName("ListPublishers").WithSummary("Publishers with identity level and keys (public parts)");
        publishers.MapPost("/", RegisterPublisher).WithName("RegisterPublisher").WithSummary("Register a publisher namespace owned by the caller's workspace (self-asserted)");
        publishers.MapPost("/{ns}/keys", AddKey).WithName("AddPublisherKey").WithSummary("Add a public key (JWK, ES256) to a publisher: a trust root for its cards");
        publishers.MapPost("/{ns}/keys/{kid}/retire", (string ns, string kid, HttpContext c, TrustStore t, AuditLog a, CancellationToken ct) =>
            KeyChange(ns, kid, "key.retire", c, a, owner => t.RetireKeyAsync(ns, kid, ct), ct)).WithName("RetirePublisherKey").WithSummary("Retire a key after rotation (what it signed still verifies)");
        publishers.MapPost("/{ns}/keys/{kid}/revoke", (string ns, string kid, RevokeRequest? body, HttpContext c, TrustStore t, AuditLog a, CancellationToken ct) =>
            KeyChange(ns, kid, "key.revoke", c, a, owner => t.RevokeKeyAsync(ns, kid, body?.Reason ?? "revoked", ct), ct)).WithName("RevokePublisherKey")
            .WithSummary("Revoke a key: nothing it signed verifies any more");
        publishers.MapPost("/{ns}/domain-challenge", DomainChallenge).WithName("CreateDomainChallenge").WithSummary("Start domain verification: a token to publish at the domain's well-known path");
        publishers.MapPost("/{ns}/domain-verification", VerifyDomain).WithName("VerifyDomain").WithSummary("Check the domain proof; on success the publisher becomes domain-verified");
        publishers.MapPost("/{ns}/organization-verified", OrganizationVerified).WithName("VerifyOrganization").WithSummary("A platform administrator approves the organisation");

        var clients = routes.MapGroup("/api/v1/clients").WithTags("Identity").RequireAuthorization(Policies.Admin);
        clients.MapGet("/", (OAuthClientStore store) => Results.Ok(store.List().Select(Public))).WithName("ListClients").WithSummary("OAuth clients (services and agents; never their secrets)");
        clients.MapPost("/", CreateClient).WithName("CreateClient").WithSummary("Create an OAuth client (client secret shown once, or a public key for private_key_jwt)");
        clients.MapDelete("/{id}", RevokeClient).WithName("RevokeClient").WithSummary("Revoke a client: its tokens stop working at once");

        // The token endpoint authenticates the client itself (secret or signed assertion), as OAuth2 defines.
        routes.MapPost("/oauth/token", Token).WithTags("Identity").WithName("Token").WithSummary("OAuth2 client credentials: a short-lived JWT access token").AllowAnonymous().DisableAntiforgery();
    }

    internal static async Task<IResult> RegisterPublisher(PublisherRequest body, HttpContext context, TrustStore trust, IdentityCardTrust owners, IStore store, AuditLog audit, TimeProvider time, CancellationToken cancellationToken)
    {
        var caller = SkillsApi.Caller(context);
        if (!Scopes.Allows(caller, Scopes.RegistryPublish))
            return Forbidden($"registering a publisher needs '{Scopes.RegistryPublish}'");
        var result = await trust.RegisterPublisherAsync(body.Namespace ?? "", body.Name ?? body.Namespace ?? "", cancellationToken);
        if (result.Error is { } error)
            return Problem(error, 400);
        await store.Documents.PutAsync(OwnersCollection, result.Value!.Namespace, JsonSerializer.Serialize(caller.Workspace), null, time.GetUtcNow(), cancellationToken);
        owners.SetOwner(result.Value.Namespace, caller.Workspace);
        await audit.AppendAsync(AuditEvent.For(caller, "api", "publisher.register", result.Value.Namespace, AuditDecisions.Changed), cancellationToken);
        return Results.Ok(result.Value);
    }

    internal static async Task<IResult> AddKey(string ns, JsonObject jwk, HttpContext context, TrustStore trust, IdentityCardTrust owners, AuditLog audit, CancellationToken cancellationToken)
    {
        var caller = SkillsApi.Caller(context);
        if (!MayManage(caller, ns, owners))
            return Forbidden($"only the workspace that owns '{ns}' (with '{Scopes.RegistryPublish}') manages its keys");
        var result = await trust.AddKeyAsync(ns, jwk, cancellationToken);
        await audit.AppendAsync(AuditEvent.For(caller, "api", "key.add", ns, result.Error is null ? AuditDecisions.Changed : AuditDecisions.Denied)
            with { Reason = result.Error?.Type, Message = result.Value?.Kid ?? result.Error?.Message }, cancellationToken);
        return result.Error is { } error ? Problem(error, 400) : Results.Ok(result.Value);
    }

    private static async Task<IResult> KeyChange<T>(string ns, string kid, string action, HttpContext context, AuditLog audit, Func<string, Task<IdentityResult<T>>> change, CancellationToken cancellationToken)
    {
        var caller = SkillsApi.Caller(context);
        var owners = context.RequestServices.GetRequiredService<IdentityCardTrust>();
        if (!MayManage(caller, ns, owners) && !Scopes.Allows(caller, Scopes.RegistryAdmin))
            return Forbidden($"only the workspace that owns '{ns}' or an administrator changes its keys");
        var result = await change(ns);
        await audit.AppendAsync(AuditEvent.For(caller, "api", action, $"{ns}#{kid}", result.Error is null ? AuditDecisions.Changed : AuditDecisions.Denied)
            with { Reason = result.Error?.Type, Message = result.Error?.Message }, cancellationToken);
        return result.Error is { } error ? Problem(error, 404) : Results.Ok(result.Value);
    }

    internal static async Task<IResult> DomainChallenge(string ns, DomainRequest body, HttpContext context, TrustStore trust, IdentityCardTrust owners, CancellationToken cancellationToken)
    {
        if (!MayManage(SkillsApi.Caller(context), ns, owners))
            return Forbidden($"only the workspace that owns '{ns}' verifies its domain");
        var result = await trust.CreateDomainChallengeAsync(ns, body.Domain ?? "", cancellationToken);
        return result.Error is { } error ? Problem(error, 400) : Results.Ok(new { result.Value!.Domain, result.Value.Token, result.Value.ExpiresAt, path = Identity.Trust.DomainChallenge.WellKnownPath, dns = result.Value.DnsName });
    }

    internal static async Task<IResult> VerifyDomain(string ns, VerifyRequest? body, HttpContext context, TrustStore trust, IdentityCardTrust owners, AuditLog audit, CancellationToken cancellationToken)
    {
        var caller = SkillsApi.Caller(context);
        if (!MayManage(caller, ns, owners))
            return Forbidden($"only the workspace that owns '{ns}' verifies its domain");
        var method = string.Equals(body?.Method, "dns", StringComparison.OrdinalIgnoreCase) ? DomainProofMethod.DnsTxt : DomainProofMethod.WellKnownFile;
        var result = await trust.VerifyDomainAsync(ns, method, cancellationToken);
        await audit.AppendAsync(AuditEvent.For(caller, "api", "publisher.verify-domain", ns, result.Error is null ? AuditDecisions.Approved : AuditDecisions.Denied)
            with { Reason = result.Error?.Type, Message = result.Error?.Message }, cancellationToken);
        return result.Error is { } error ? Problem(error, 409) : Results.Ok(result.Value);
    }

    internal static async Task<IResult> OrganizationVerified(string ns, HttpContext context, TrustStore trust, AuditLog audit, CancellationToken cancellationToken)
    {
        var caller = SkillsApi.Caller(context);
        if (!Scopes.Allows(caller, Scopes.RegistryAdmin))
            return Forbidden($"only a platform administrator ('{Scopes.RegistryAdmin}') verifies organisations");
        var result = await trust.SetOrganizationVerifiedAsync(ns, cancellationToken);
        await audit.AppendAsync(AuditEvent.For(caller, "api", "publisher.verify-organization", ns, result.Error is null ? AuditDecisions.Approved : AuditDecisions.Denied), cancellationToken);
        return result.Error is { } error ? Problem(error, 404) : Results.Ok(result.Value);
    }

    internal static async Task<IResult> CreateClient(ClientRequest body, HttpContext context, OAuthClientStore clients, AuditLog audit, CancellationToken cancellationToken)
    {
        var caller = SkillsApi.Caller(context);
        var scopes = body.Scopes ?? [];
        // A client without scopes gets its role's defaults: those must be covered by the creator's too.
        var requested = scopes.Count > 0 ? scopes : Scopes.RoleDefaults(body.Role ?? "agent");
        if (!Scopes.IsSubset(requested, Scopes.Effective(caller)))
        {
            await audit.AppendAsync(AuditEvent.For(caller, "api", "client.create", body.Name ?? "", AuditDecisions.Denied) with { Reason = "scope-escalation" }, cancellationToken);
            return Forbidden($"a client cannot get scopes its creator does not hold ({string.Join(", ", requested.Where(s => !Scopes.Effective(caller).Any(g => Scopes.Covers(g, s))))})", "scope-escalation");
        }
        if (!Enum.TryParse<PrincipalKind>(body.Kind ?? "Service", ignoreCase: true, out var kind))
            return Problems.BadRequest("invalid-client", "'kind' is person, service or agent");
        var result = await clients.CreateAsync(new ClientRegistration(body.Name ?? "", kind, body.Workspace ?? caller.Workspace, body.Role ?? "agent", scopes)
        {
            Assets = body.Assets ?? [],
            AgentId = body.AgentId,
            PublicJwk = body.PublicJwk,
            ClientId = body.AgentId,
        }, cancellationToken);
        await audit.AppendAsync(AuditEvent.For(caller, "api", "client.create", result.Value?.Client.ClientId ?? body.Name ?? "", result.Error is null ? AuditDecisions.Changed : AuditDecisions.Denied)
            with { Reason = result.Error?.Type }, cancellationToken);
        return result.Error is { } error ? Problem(error, 400) : Results.Ok(new { client = Public(result.Value!.Client), secret = result.Value.Secret });
    }

    internal static async Task<IResult> RevokeClient(string id, HttpContext context, OAuthClientStore clients, AuditLog audit, CancellationToken cancellationToken)
    {
        var result = await clients.RevokeAsync(id, cancellationToken);
        await audit.AppendAsync(AuditEvent.For(SkillsApi.Caller(context), "api", "client.revoke", id, result.Error is null ? AuditDecisions.Changed : AuditDecisions.Denied), cancellationToken);
        return result.Error is { } error ? Problem(error, 404) : Results.NoContent();
    }

    internal static async Task<IResult> Token(HttpRequest request, TokenService tokens, AuditLog audit, CancellationToken cancellationToken)
    {
        if (!request.HasFormContentType)
            return Results.Json(new { error = OAuthErrors.InvalidRequest, error_description = "send application/x-www-form-urlencoded (RFC 6749)" }, statusCode: 400);
        var form = await request.ReadFormAsync(cancellationToken);
        var response = await tokens.HandleTokenRequestAsync(form.ToDictionary(f => f.Key, f => (string?)f.Value.ToString()), cancellationToken);
        var who = new Principal(response.ClientId ?? "unknown-client", response.ClientId ?? "unknown-client", PrincipalKind.Service, "", "", [], [], []);
        await audit.AppendAsync(AuditEvent.For(who, "oauth", "token", response.ClientId ?? "", response.IsSuccess ? AuditDecisions.Allowed : AuditDecisions.Denied)
            with { Reason = response.Reason ?? response.Error }, cancellationToken);
        request.HttpContext.Response.Headers.CacheControl = "no-store";
        return Results.Json(response.Body, statusCode: response.Status);
    }

    /// <summary>A client as the API shows it: never the secret's hash or salt.</summary>
    private static object Public(OAuthClient c) => new
    {
        c.ClientId,
        c.Name,
        c.Kind,
        c.Workspace,
        c.Role,
        c.Scopes,
        c.Assets,
        c.AgentId,
        c.PublicJwk,
        c.CreatedAt,
        c.RevokedAt,
        authentication = c.Secret is null ? "private_key_jwt" : "client_secret",
    };

    private static bool MayManage(Principal caller, string ns, IdentityCardTrust owners) =>
        Scopes.Allows(caller, Scopes.RegistryPublish) && owners.OwnerOf(ns) == caller.Workspace;

    private static IResult Forbidden(string detail, string type = "forbidden") =>
        Results.Problem(statusCode: 403, title: "Forbidden", type: Problems.Type(type), detail: detail);

    private static IResult Problem(IdentityError error, int status) =>
        Results.Problem(statusCode: status, title: "Refused", type: Problems.Type(error.Type), detail: error.Message);
}

/// <summary>Body of POST /api/v1/publishers.</summary>
public sealed record PublisherRequest(string? Namespace, string? Name);

/// <summary>Body of a key revocation.</summary>
public sealed record RevokeRequest(string? Reason);

/// <summary>Body of a domain challenge.</summary>
public sealed record DomainRequest(string? Domain);

/// <summary>Body of a domain verification.</summary>
public sealed record VerifyRequest(string? Method);

/// <summary>Body of POST /api/v1/clients.</summary>
public sealed record ClientRequest(string? Name, string? Kind, string? Workspace, string? Role, IReadOnlyList<string>? Scopes, IReadOnlyList<string>? Assets, string? AgentId, JsonObject? PublicJwk);
