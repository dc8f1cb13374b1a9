using System.Text.Json.Nodes;
using Zhizao.Access.Approvals;
using Zhizao.Access.Audit;
using Zhizao.Access.Policy;
using Zhizao.Core.Access;
using Zhizao.Registry.Gateway;

namespace Zhizao.Server.Apis;

/// <summary>Skills through the gateway (what a caller may call, invoking), approvals, and the audit log.</summary>
public static class SkillsApi
{
    /// <summary>Header carrying the invocation id of a call.</summary>
    public const string InvocationHeader = "X-Zhizao-Invocation";

    /// <summary>Header by which an agent names the invocation it is serving when it calls another agent (delegation).</summary>
    public const string ParentInvocationHeader = "X-Zhizao-Parent-Invocation";

    public static void MapSkillsApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/v1/skills", ListSkills).WithTags("Agents").WithName("ListCallableSkills")
            .WithSummary("Exactly the skills the caller may call (the MCP tool list), with grade, impact and whether a person must approve").RequireAuthorization();
        routes.MapPost("/api/v1/agents/{publisher}/{name}/skills/{skill}", InvokeSkill).WithTags("Agents").WithName("InvokeSkill")
            .WithSummary("Invoke an agent skill with a JSON input (policy, approval and audit apply; 202 when a person must approve)").RequireAuthorization();

        var approvals = routes.MapGroup("/api/v1/approvals").WithTags("Approvals").RequireAuthorization();
        approvals.MapGet("/", ListApprovals).WithName("ListApprovals").WithSummary("Approvals of the caller's workspace, newest first");
        approvals.MapGet("/{id}", GetApproval).WithName("GetApproval").WithSummary("One approval with the call it holds");
        approvals.MapGet("/{id}/wait", WaitApproval).WithName("WaitApproval").WithSummary("Waits (up to 'seconds', default 25) for the outcome of the caller's own pending call");
        approvals.MapPost("/{id}/approve", (string id, DecisionRequest? body, HttpContext context, SkillGateway gateway, CancellationToken ct) => Decide(id, true, body, context, gateway, ct))
            .WithName("Approve").WithSummary("Approve a pending call (a person with approvals:decide, not the requester); it then runs");
        approvals.MapPost("/{id}/deny", (string id, DecisionRequest? body, HttpContext context, SkillGateway gateway, CancellationToken ct) => Decide(id, false, body, context, gateway, ct))
            .WithName("Deny").WithSummary("Deny a pending call");

        var audit = routes.MapGroup("/api/v1/audit").WithTags("Audit").RequireAuthorization();
        audit.MapGet("/", ReadAudit).WithName("ReadAudit").WithSummary("Audit entries after a sequence number, in order, with their hashes");
        audit.MapGet("/verify", VerifyAudit).WithName("VerifyAudit").WithSummary("Recomputes the audit log's hash chain and reports the first broken entry");
    }

    /// <summary>The authenticated caller (every route here requires authentication).</summary>
    internal static Principal Caller(HttpContext context) =>
        PrincipalClaims.FromClaims(context.User) ?? throw new InvalidOperationException("an authenticated route had no principal");

    internal static IResult ListSkills(HttpContext context, ISkillGateway gateway) => Results.Ok(gateway.ListCallable(Caller(context)));

    internal static async Task<IResult> InvokeSkill(string publisher, string name, string skill, HttpContext context, ISkillGateway gateway, CancellationToken cancellationToken)
    {
        JsonNode? input = null;
        var request = context.Request;
        if (request.ContentLength is > 0 || request.Headers.TransferEncoding.Count > 0)
        {
            try
            {
                input = await JsonNode.ParseAsync(request.Body, cancellationToken: cancellationToken);
            }
            catch (System.Text.Json.JsonException e)
            {
                return Problems.BadRequest("invalid-json", $"the skill input is not valid JSON: {e.Message}");
            }
        }
        var parent = request.Headers[ParentInvocationHeader].ToString();
        var outcome = await gateway.InvokeAsync(Caller(context), new SkillCall($"{publisher}/{name}", skill, input, "api", parent.Length > 0 ? parent : null), cancellationToken);
        return ToHttpResult(outcome, context);
    }

    /// <summary>A gateway outcome as HTTP: 200 output, 202 pending approval, or a problem.</summary>
    internal static IResult ToHttpResult(GatewayOutcome outcome, HttpContext context)
    {
        context.Response.Headers[InvocationHeader] = outcome.InvocationId;
        if (outcome.Pending is { } pending)
            return Results.Json(new { status = "pending-approval", approvalId = pending.Id, pending.ExpiresAt, invocation = outcome.InvocationId }, statusCode: 202);
        if (outcome.Refusal is { } refusal)
            return Refused(refusal);
        return OperationsApi.ToHttpResult(outcome.Result!);
    }

    /// <summary>A refusal as ProblemDetails.</summary>
    internal static IResult Refused(Refusal refusal) =>
        Results.Problem(statusCode: refusal.Status, title: refusal.Status switch
        {
            400 => "Invalid input",
            403 => "Forbidden",
            404 => "Not found",
            408 => "Approval expired",
            429 => "Too many requests",
            _ => "Refused",
        }, type: Problems.Type(refusal.Type), detail: refusal.Message);

    internal static async Task<IResult> ListApprovals(string? status, int? limit, HttpContext context, ApprovalService approvals, CancellationToken cancellationToken) =>
        Results.Ok((await approvals.ListAsync(Caller(context).Workspace, status, limit ?? 100, cancellationToken)).Select(Public));

    internal static async Task<IResult> GetApproval(string id, HttpContext context, ApprovalService approvals, CancellationToken cancellationToken)
    {
        var record = await approvals.GetAsync(id, cancellationToken);
        return record is null || record.Requester.Workspace != Caller(context).Workspace
            ? Problems.NotFound("unknown-approval", $"no approval '{id}'")
            : Results.Ok(Public(record));
    }

    internal static async Task<IResult> WaitApproval(string id, int? seconds, HttpContext context, ISkillGateway gateway, CancellationToken cancellationToken)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        wait.CancelAfter(TimeSpan.FromSeconds(Math.Clamp(seconds ?? 25, 1, 60)));
        GatewayOutcome? outcome;
        try
        {
            outcome = await gateway.AwaitApprovalAsync(Caller(context), id, wait.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Results.Json(new { status = "pending-approval", approvalId = id }, statusCode: 202);
        }
        return outcome is null ? Problems.NotFound("unknown-approval", $"no approval '{id}' of yours") : ToHttpResult(outcome, context);
    }

    internal static async Task<IResult> Decide(string id, bool approve, DecisionRequest? body, HttpContext context, SkillGateway gateway, CancellationToken cancellationToken)
    {
        var (record, error) = await gateway.DecideAsync(Caller(context), id, approve, body?.Comment, cancellationToken);
        return error is not null
            ? Results.Problem(statusCode: error.Status, title: "Decision refused", type: Problems.Type(error.Type), detail: error.Message)
            : Results.Ok(Public(record!));
    }

    internal static async Task<IResult> ReadAudit(long? after, int? limit, HttpContext context, AuditLog audit, CancellationToken cancellationToken)
    {
        if (!Scopes.Allows(Caller(context), Scopes.AuditRead))
            return Results.Problem(statusCode: 403, title: "Forbidden", type: Problems.Type("forbidden"), detail: $"reading the audit log needs '{Scopes.AuditRead}'");
        return Results.Ok(await audit.ReadAsync(after ?? 0, Math.Clamp(limit ?? 1000, 1, 10_000), cancellationToken));
    }

    internal static async Task<IResult> VerifyAudit(HttpContext context, AuditLog audit, CancellationToken cancellationToken)
    {
        if (!Scopes.Allows(Caller(context), Scopes.AuditRead))
            return Results.Problem(statusCode: 403, title: "Forbidden", type: Problems.Type("forbidden"), detail: $"verifying the audit log needs '{Scopes.AuditRead}'");
        return Results.Ok(await audit.VerifyAsync(cancellationToken));
    }

    private static object Public(ApprovalRecord r) => new
    {
        r.Id,
        requester = r.Requester.Id,
        chain = r.Requester.Chain,
        r.Requester.Workspace,
        agent = r.AgentId,
        r.Skill,
        input = r.InputJson is null ? null : JsonNode.Parse(r.InputJson),
        r.Grade,
        r.Impact,
        r.Channel,
        r.InvocationId,
        r.CreatedAt,
        r.ExpiresAt,
        r.Status,
        r.DecidedBy,
        r.DecidedAt,
        r.Comment,
        outcome = r.Outcome is null ? null : JsonNode.Parse(r.Outcome),
    };
}

/// <summary>Body of an approval decision.</summary>
public sealed record DecisionRequest(string? Comment);
