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
        Results.Ok(keys.List().Select(k => new { k.Id, k.Name, k.Role, k.CreatedAt, k.RevokedAt }));

    internal static async Task<IResult> CreateKey(CreateKeyRequest body, ApiKeyService keys, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(body.Name) || body.Name.Length > 100)
            return Problems.BadRequest("invalid-key-name", "'name' is required (at most 100 characters)");
        if (!ApiKeyService.Roles.Contains(body.Role))
            return Problems.BadRequest("invalid-role", $"unknown role '{body.Role}' (roles: {string.Join(", ", ApiKeyService.Roles)})");
        var (text, record) = await keys.CreateAsync(body.Name, body.Role, cancellationToken);
        return Results.Ok(new { record.Id, record.Name, record.Role, Key = text });
    }

    internal static async Task<IResult> RevokeKey(string id, ApiKeyService keys, CancellationToken cancellationToken) =>
        await keys.RevokeAsync(id, cancellationToken) ? Results.NoContent() : Problems.NotFound("unknown-key", $"no active key '{id}'");
}

/// <summary>Body of POST /api/v1/alarms/{id}/shelve.</summary>
public sealed record ShelveRequest(int? Minutes);

/// <summary>Body of POST /api/v1/keys.</summary>
public sealed record CreateKeyRequest(string Name, string Role);
