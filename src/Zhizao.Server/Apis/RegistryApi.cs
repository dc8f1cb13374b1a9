using System.Globalization;
using System.Text.Json.Nodes;
using Zhizao.Access.Policy;
using Zhizao.Core.Agents;
using Zhizao.Registry.Catalog;
using Zhizao.Registry.Search;

namespace Zhizao.Server.Apis;

/// <summary>The registry and app store: discovery and search, publishing and lifecycle, external agents, installations and reviews.</summary>
public static class RegistryApi
{
    public static void MapRegistryApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/registry").WithTags("Registry").RequireAuthorization();
        group.MapGet("/agents", ListAgents).WithName("DiscoverAgents")
            .WithSummary("Agents the caller may discover; filter by scenario, grade, publisher, visibility, industry; 'q' searches skill text in Chinese and English (ranked). Cacheable (ETag).");
        group.MapGet("/agents/{publisher}/{name}", GetAgent).WithName("GetRegistryAgent").WithSummary("An agent with its versions, verification, identity level, reachability and reviews");
        group.MapGet("/agents/{publisher}/{name}/versions/{version}/card", GetCard).WithName("GetAgentCard").WithSummary("The signed A2A card of a version, as published");
        group.MapPost("/agents", Publish).WithName("PublishAgent").WithSummary("Publish (or draft) a version from a signed A2A card; published versions are immutable");
        group.MapPost("/agents/{publisher}/{name}/versions/{version}/status", ChangeStatus).WithName("ChangeAgentStatus")
            .WithSummary("Move a version through draft → published → deprecated → suspended → retired");
        group.MapPost("/external", RegisterExternal).WithName("RegisterExternalAgent")
            .WithSummary("Register a running A2A agent by URL: its card is fetched, verified against the trust roots, and its key pinned");
        group.MapPost("/agents/{publisher}/{name}/heartbeat", Heartbeat).WithName("AgentHeartbeat").WithSummary("Renew an external agent's registration lease");
        group.MapGet("/installations", ListInstallations).WithName("ListInstallations").WithSummary("Agents installed in the caller's workspace");
        group.MapPost("/installations", Install).WithName("InstallAgent").WithSummary("Install an agent version into the caller's workspace with a configuration and bounds");
        group.MapDelete("/installations/{publisher}/{name}", Uninstall).WithName("UninstallAgent").WithSummary("Remove an agent from the caller's workspace");
        group.MapPost("/agents/{publisher}/{name}/reviews", Review).WithName("ReviewAgent").WithSummary("Rate (1–5) and review an agent used in the caller's workspace");
    }

    internal static IResult ListAgents(
        string? q, string? scenario, int? grade, string? publisher, string? visibility, string? industry, int? limit, int? offset,
        HttpContext context, AgentRegistry registry, RegistrySearch search)
    {
        var caller = SkillsApi.Caller(context);
        if (q is { Length: > SearchQuery.MaxTextLength })
            return Problems.BadRequest("invalid-query", $"'q' has at most {SearchQuery.MaxTextLength} characters");
        if (grade is < 1 or > 5)
            return Problems.BadRequest("invalid-grade", "'grade' is 1 to 5 (the highest grade to list)");
        AgentVisibility? parsedVisibility = null;
        if (visibility is not null)
        {
            if (!Visibility.All.Contains(visibility))
                return Problems.BadRequest("invalid-visibility", $"'visibility' is one of {string.Join(", ", Visibility.All)}");
            parsedVisibility = Enum.Parse<AgentVisibility>(visibility, ignoreCase: true);
        }
        if (scenario is not null && !AgentListing.Stages.Contains(scenario))
            return Problems.BadRequest("invalid-scenario", $"'scenario' is one of {string.Join(", ", AgentListing.Stages)}");
        var etag = $"\"{registry.Revision}-{search.TrustVersion}-{caller.Workspace}-{(q + scenario + grade + publisher + visibility + industry + limit + offset).GetHashCode(StringComparison.Ordinal):x}\"";
        context.Response.Headers.ETag = etag;
        context.Response.Headers.CacheControl = "private, max-age=15";
        if (context.Request.Headers.IfNoneMatch.ToString() == etag)
            return Results.StatusCode(304);
        var hits = search.Search(caller, new SearchQuery
        {
            Text = q,
            Scenario = scenario,
            MaxGrade = grade,
            Publisher = publisher,
            Visibility = parsedVisibility,
            Industry = industry,
            Offset = Math.Clamp(offset ?? 0, 0, SearchQuery.MaxOffset),
            PageSize = Math.Clamp(limit ?? 50, 1, SearchQuery.MaxPageSize),
        });
        return Results.Ok(new
        {
            total = hits.Total,
            agents = hits.Hits.Select(h => registry.Get(caller, h.AgentId) is { } view ? Summary(view, h.Score) : null).OfType<object>(),
        });
    }

    internal static IResult GetAgent(string publisher, string name, HttpContext context, AgentRegistry registry)
    {
        var id = $"{publisher}/{name}";
        var view = registry.Get(SkillsApi.Caller(context), id);
        if (view is null)
            return Problems.NotFound("unknown-agent", $"no agent '{id}'");
        return Results.Ok(new
        {
            agent = Summary(view, null),
            versions = view.Versions.Select(v => new { v.Version, v.Status }),
            skills = view.Descriptor.Skills.Select(s => new
            {
                s.Name,
                s.Description,
                grade = (s.Grade is { } g && g < view.Descriptor.Grade ? g : view.Descriptor.Grade).ToString(),
                impact = s.Impact.ToString(),
                s.InputSchema,
            }),
            reviews = registry.Reviews(id).Take(50),
            card = view.Latest.Card,
        });
    }

    internal static IResult GetCard(string publisher, string name, string version, HttpContext context, AgentRegistry registry)
    {
        var id = $"{publisher}/{name}";
        var record = registry.GetVersion(SkillsApi.Caller(context), id, version);
        if (record is null)
            return Problems.NotFound("unknown-version", $"no version {version} of '{id}'");
        var check = registry.Check(record, publisher);
        context.Response.Headers["X-Zhizao-Signature"] = check.Valid ? $"valid; key={check.KeyId}" : $"invalid; {check.ErrorType}";
        return Results.Json(record.Card);
    }

    internal static async Task<IResult> Publish(PublishRequest body, HttpContext context, AgentRegistry registry, CancellationToken cancellationToken)
    {
        if (body.Card is null)
            return Problems.BadRequest("invalid-card", "'card' (a signed A2A agent card) is required");
        var result = await registry.PublishAsync(SkillsApi.Caller(context), body.Card, body.Visibility ?? Visibility.Private, body.SharedWith, body.Draft ?? false, cancellationToken);
        return result.Error is { } error ? Problem(error) : Results.Ok(new { result.Value!.AgentId, result.Value.Version, result.Value.Status });
    }

    internal static async Task<IResult> ChangeStatus(string publisher, string name, string version, StatusRequest body, HttpContext context, AgentRegistry registry, CancellationToken cancellationToken)
    {
        var result = await registry.ChangeStatusAsync(SkillsApi.Caller(context), $"{publisher}/{name}", version, body.Status ?? "", body.Reason, cancellationToken);
        return result.Error is { } error ? Problem(error) : Results.Ok(new { result.Value!.AgentId, result.Value.Version, result.Value.Status });
    }

    internal static async Task<IResult> RegisterExternal(ExternalRequest body, HttpContext context, AgentRegistry registry, IExternalAgentClient client, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(body.Url, UriKind.Absolute, out var url))
            return Problems.BadRequest("invalid-url", "'url' must be the agent's absolute base URL");
        var result = await registry.RegisterExternalAsync(SkillsApi.Caller(context), url, TimeSpan.FromSeconds(body.LeaseSeconds ?? 60),
            body.Visibility ?? Visibility.Private, client, cancellationToken);
        return result.Error is { } error ? Problem(error) : Results.Ok(new { result.Value!.AgentId, result.Value.Version, result.Value.Status });
    }

    internal static async Task<IResult> Heartbeat(string publisher, string name, HttpContext context, AgentRegistry registry, TimeProvider time, CancellationToken cancellationToken)
    {
        var result = await registry.HeartbeatAsync(SkillsApi.Caller(context), $"{publisher}/{name}", cancellationToken);
        return result.Error is { } error ? Problem(error) : Results.Ok(new { id = result.Value!.Id, leaseUntil = result.Value.LastHeartbeat + result.Value.Lease });
    }

    internal static IResult ListInstallations(HttpContext context, AgentRegistry registry) => Results.Ok(registry.Installations(SkillsApi.Caller(context).Workspace));

    internal static async Task<IResult> Install(InstallRequest body, HttpContext context, AgentRegistry registry, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(body.Agent))
            return Problems.BadRequest("invalid-installation", "'agent' (the agent id) is required");
        InstallationBounds? bounds = null;
        if (body.MaxGrade is not null || body.Assets is not null || body.ClosedLoop is not null)
        {
            if (body.MaxGrade is { } g && !Enum.IsDefined((AutonomyGrade)g))
                return Problems.BadRequest("invalid-grade", "'maxGrade' is 1 to 5");
            bounds = new InstallationBounds((AutonomyGrade)(body.MaxGrade ?? 3), body.Assets ?? [], body.ClosedLoop ?? false);
        }
        var result = await registry.InstallAsync(SkillsApi.Caller(context), body.Agent, body.Version, body.Configuration, bounds, cancellationToken);
        return result.Error is { } error ? Problem(error) : Results.Ok(result.Value);
    }

    internal static async Task<IResult> Uninstall(string publisher, string name, HttpContext context, AgentRegistry registry, CancellationToken cancellationToken) =>
        await registry.UninstallAsync(SkillsApi.Caller(context), $"{publisher}/{name}", cancellationToken)
            ? Results.NoContent()
            : Problems.NotFound("not-installed", $"'{publisher}/{name}' is not installed here (or you may not uninstall it)");

    internal static async Task<IResult> Review(string publisher, string name, ReviewRequest body, HttpContext context, AgentRegistry registry, CancellationToken cancellationToken)
    {
        var result = await registry.ReviewAsync(SkillsApi.Caller(context), $"{publisher}/{name}", body.Rating ?? 0, body.Text, cancellationToken);
        return result.Error is { } error ? Problem(error) : Results.Ok(result.Value);
    }

    private static object Summary(AgentView view, float? score) => new
    {
        id = view.Record.Id,
        version = view.Latest.Version,
        status = view.Latest.Status,
        name = view.Descriptor.Name,
        description = view.Descriptor.Description,
        grade = view.Descriptor.Grade.ToString(),
        publisher = view.Record.Publisher,
        identityLevel = view.IdentityLevel.ToString(),
        kind = view.Record.Kind,
        visibility = view.Record.Visibility,
        signature = view.Check.Valid ? "valid" : view.Check.ErrorType,
        signedBy = view.Check.KeyId,
        reachable = view.Reachable,
        rating = Math.Round(view.Rating, 2),
        reviews = view.Reviews,
        installations = view.Installations,
        benchmarks = view.Latest.Card["capabilities"]?["extensions"]?.AsArray()
            .FirstOrDefault(e => e?["uri"]?.GetValue<string>() == Zhizao.Protocols.A2A.Cards.ZhizaoCardExtension.Uri)?["params"]?["benchmarks"],
        score = score is { } s ? Math.Round(s, 3).ToString(CultureInfo.InvariantCulture) : null,
    };

    internal static IResult Problem(RegistryError error) =>
        Results.Problem(statusCode: error.Status, title: error.Status switch { 400 => "Bad request", 403 => "Forbidden", 404 => "Not found", 409 => "Conflict", _ => "Refused" },
            type: Problems.Type(error.Type), detail: error.Message);
}

/// <summary>Body of POST /api/v1/registry/agents.</summary>
public sealed record PublishRequest(JsonObject? Card, string? Visibility, IReadOnlyList<string>? SharedWith, bool? Draft);

/// <summary>Body of a lifecycle change.</summary>
public sealed record StatusRequest(string? Status, string? Reason);

/// <summary>Body of POST /api/v1/registry/external.</summary>
public sealed record ExternalRequest(string? Url, int? LeaseSeconds, string? Visibility);

/// <summary>Body of POST /api/v1/registry/installations.</summary>
public sealed record InstallRequest(string Agent, string? Version, JsonObject? Configuration, int? MaxGrade, IReadOnlyList<string>? Assets, bool? ClosedLoop);

/// <summary>Body of a review.</summary>
public sealed record ReviewRequest(int? Rating, string? Text);
