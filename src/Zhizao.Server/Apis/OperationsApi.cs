using Zhizao.Access.Audit;
using Zhizao.Access.Policy;
using Zhizao.Core.Access;
using Zhizao.Core.Agents;
using Zhizao.Core.Points;
using Zhizao.Core.Storage;
using Zhizao.Server.Security;

namespace Zhizao.Server.Apis;

/// <summary>Quarantine, alarms, agents and API keys.</summary>
public static class OperationsApi
{
    public static void MapOperationsApi(this IEndpointRouteBuilder routes)
    {
        var quarantine = routes.MapGroup("/api/v1/quarantine").WithTags("Quarantine").RequireAuthorization();
        quarantine.MapGet("/", ListQuarantine).WithName("ListQuarantine").WithSummary("Rejected points with the reason, newest first");
        quarantine.MapGet("/summary", QuarantineSummary).WithName("QuarantineSummary").WithSummary("Rejected points per reason");

        var alarms = routes.MapGroup("/api/v1/alarms").WithTags("Alarms").RequireAuthorization();
        alarms.MapGet("/", ListAlarms).WithName("ListAlarms").WithSummary("Alarms, newest first (active only by default)");
        alarms.MapPost("/{id:long}/ack", AcknowledgeAlarm).WithName("AcknowledgeAlarm").WithSummary("Acknowledge an alarm").RequireAuthorization(Policies.Operator);
        alarms.MapPost("/{id:long}/shelve", ShelveAlarm).WithName("ShelveAlarm")
            .WithSummary("Shelve an alarm for a bounded time (ISA-18.2): it stays recorded but is not annunciated").RequireAuthorization(Policies.Operator);
        alarms.MapDelete("/{id:long}/shelve", UnshelveAlarm).WithName("UnshelveAlarm").WithSummary("Return a shelved alarm to service").RequireAuthorization(Policies.Operator);

        var agents = routes.MapGroup("/api/v1/agents").WithTags("Agents").RequireAuthorization();
        agents.MapGet("/", ListAgents).WithName("ListAgents").WithSummary("Descriptors of the installed agents");

        var keys = routes.MapGroup("/api/v1/keys").WithTags("Keys").RequireAuthorization(Policies.Admin);
        keys.MapGet("/", ListKeys).WithName("ListKeys").WithSummary("API keys (never their secrets)");
        keys.MapPost("/", CreateKey).WithName("CreateKey").WithSummary("Create an API key; its secret is shown once in the response");
        keys.MapDelete("/{id}", RevokeKey).WithName("RevokeKey").WithSummary("Revoke an API key");
    }

    internal static async Task<IResult> ListQuarantine(string? reason, string? source, int? limit, long? before, IStore store, CancellationToken cancellationToken)
    {
        RejectReason? parsed = null;
        if (reason is not null)
        {
            if (!Enum.TryParse<RejectReason>(reason, ignoreCase: true, out var r))
                return Problems.BadRequest("invalid-reason", $"unknown reason '{reason}' (reasons: {string.Join(", ", Enum.GetNames<RejectReason>())})");
            parsed = r;
        }
        var entries = await store.Metadata.ListQuarantineAsync(new QuarantineQuery(Math.Clamp(limit ?? 100, 1, 1000), parsed, source, before), cancellationToken);
        return Results.Ok(entries.Select(e => new { e.Id, e.Point.ReceivedAt, e.Point.Source, e.Point.Reason, e.Point.Message, e.Point.Signal, e.Point.Timestamp, e.Point.Value }));
    }

    internal static async Task<IResult> QuarantineSummary(IStore store, CancellationToken cancellationToken) =>
        Results.Ok(await store.Metadata.CountQuarantineAsync(cancellationToken));

    internal static async Task<IResult> ListAlarms(bool? all, int? limit, IStore store, CancellationToken cancellationToken) =>
        Results.Ok(await store.Metadata.ListAlarmsAsync(all != true, Math.Clamp(limit ?? 100, 1, 1000), cancellationToken));

    internal static async Task<IResult> AcknowledgeAlarm(long id, IStore store, TimeProvider time, CancellationToken cancellationToken) =>
        await store.Metadata.AcknowledgeAlarmAsync(id, time.GetUtcNow(), cancellationToken)
            ? Results.NoContent()
            : Problems.NotFound("unknown-alarm", $"no unacknowledged alarm {id}");

    /// <summary>Longest shelving an operator may ask for.</summary>
    internal static readonly TimeSpan MaxShelve = TimeSpan.FromHours(8);

    internal static async Task<IResult> ShelveAlarm(long id, ShelveRequest body, IStore store, TimeProvider time, CancellationToken cancellationToken)
    {
        if (body.Minutes is not { } minutes || minutes < 1 || TimeSpan.FromMinutes(minutes) > MaxShelve)
            return Problems.BadRequest("invalid-shelve", $"'minutes' must be between 1 and {MaxShelve.TotalMinutes} (shelving is always time-limited)");
        var until = time.GetUtcNow().AddMinutes(minutes);
        return await store.Metadata.ShelveAlarmAsync(id, until, cancellationToken)
            ? Results.Ok(new { id, shelvedUntil = until })
            : Problems.NotFound("unknown-alarm", $"no alarm {id}");
    }

    internal static async Task<IResult> UnshelveAlarm(long id, IStore store, CancellationToken cancellationToken) =>
        await store.Metadata.ShelveAlarmAsync(id, null, cancellationToken) ? Results.NoContent() : Problems.NotFound("unknown-alarm", $"no alarm {id}");

    internal static IResult ListAgents(IEnumerable<IAgent> agents) => Results.Ok(agents.Select(a => a.Descriptor));

    /// <summary>A skill result as HTTP: 200 with the output, or a problem (400 invalid input, 404 not found, 409 failed in the current state).</summary>
    internal static IResult ToHttpResult(SkillResult result)
    {
        if (result.Error is not { } error)
            return Results.Ok(result.Output);
        var status = error.Type switch { "not-found" or "unknown-skill" => 404, "invalid-input" => 400, "failed" => 409, _ => 500 };
        return Results.Problem(statusCode: status, title: "Skill failed", type: Problems.Type(error.Type), detail: error.Message);
    }

    internal static IResult ListKeys(ApiKeyService keys) =>
        Results.Ok(keys.List().Select(k => new { k.Id, k.Name, k.Role, k.CreatedAt, k.RevokedAt, grant = keys.GrantOf(k.Id) }));

    internal static async Task<IResult> CreateKey(CreateKeyRequest body, HttpContext context, ApiKeyService keys, AuditLog audit, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(body.Name) || body.Name.Length > 100)
            return Problems.BadRequest("invalid-key-name", "'name' is required (at most 100 characters)");
        if (!ApiKeyService.Roles.Contains(body.Role))
            return Problems.BadRequest("invalid-role", $"unknown role '{body.Role}' (roles: {string.Join(", ", ApiKeyService.Roles)})");
        var kind = PrincipalKind.Person;
        if (body.Kind is not null && !Enum.TryParse(body.Kind, ignoreCase: true, out kind))
            return Problems.BadRequest("invalid-kind", "'kind' is person, service or agent");
        if ((body.Scopes?.Count ?? 0) > 100 || (body.Assets?.Count ?? 0) > 100 || body.Workspace is { Length: > 64 })
            return Problems.BadRequest("invalid-grant", "at most 100 scopes and 100 asset prefixes; a workspace name has at most 64 characters");
        var creator = SkillsApi.Caller(context);
        // A key never gets more than its creator holds: its scopes must be covered by the creator's, explicit or by role.
        var requested = body.Scopes is { Count: > 0 } scopes ? scopes : Scopes.RoleDefaults(body.Role);
        var beyond = requested.Where(r => !Scopes.Effective(creator).Any(g => Scopes.Covers(g, r))).ToList();
        if (beyond.Count > 0)
        {
            await audit.AppendAsync(AuditEvent.For(creator, "api", "key.create", body.Name, AuditDecisions.Denied)
                with { Reason = "scope-escalation", Message = string.Join(", ", beyond) }, cancellationToken);
            return Results.Problem(statusCode: 403, title: "Forbidden", type: Problems.Type("scope-escalation"),
                detail: $"a key cannot get scopes its creator does not hold: {string.Join(", ", beyond)}");
        }
        var grant = new ApiKeyGrant(body.Workspace ?? creator.Workspace, body.Scopes ?? [], body.Assets ?? [], kind);
        var (text, record) = await keys.CreateAsync(body.Name, body.Role, grant, cancellationToken);
        await audit.AppendAsync(AuditEvent.For(creator, "api", "key.create", record.Id, AuditDecisions.Changed) with { Message = $"role {record.Role}, workspace {grant.Workspace}" }, cancellationToken);
        return Results.Ok(new { record.Id, record.Name, record.Role, grant, Key = text });
    }

    internal static async Task<IResult> RevokeKey(string id, HttpContext context, ApiKeyService keys, AuditLog audit, CancellationToken cancellationToken)
    {
        var revoked = await keys.RevokeAsync(id, cancellationToken);
        await audit.AppendAsync(AuditEvent.For(SkillsApi.Caller(context), "api", "key.revoke", id, revoked ? AuditDecisions.Changed : AuditDecisions.Denied), cancellationToken);
        return revoked ? Results.NoContent() : Problems.NotFound("unknown-key", $"no active key '{id}'");
    }
}

/// <summary>Body of POST /api/v1/alarms/{id}/shelve.</summary>
public sealed record ShelveRequest(int? Minutes);

/// <summary>Body of POST /api/v1/keys.</summary>
/// <param name="Name">Display name.</param>
/// <param name="Role">admin, engineer, operator, viewer, device or agent.</param>
/// <param name="Workspace">Workspace (default: the creator's).</param>
/// <param name="Scopes">Scopes (default: the role's); never beyond the creator's.</param>
/// <param name="Assets">Asset prefixes the key may touch (default: all).</param>
/// <param name="Kind">person (default), service or agent.</param>
public sealed record CreateKeyRequest(string Name, string Role, string? Workspace = null, IReadOnlyList<string>? Scopes = null, IReadOnlyList<string>? Assets = null, string? Kind = null);
