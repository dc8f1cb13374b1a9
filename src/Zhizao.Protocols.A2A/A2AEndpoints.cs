using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Zhizao.Core.Access;
using Zhizao.Protocols.A2A.Cards;
using Zhizao.Protocols.A2A.Server;

namespace Zhizao.Protocols.A2A;

/// <summary>
/// The A2A routes: each agent's card at <c>/a2a/{publisher}/{name}/.well-known/agent-card.json</c> and its JSON-RPC endpoint
/// at <c>/a2a/{publisher}/{name}</c>; the platform gateway's card at <c>/.well-known/agent-card.json</c> and its JSON-RPC
/// endpoint at <c>/a2a</c> (every skill the caller may call, skill ids <c>{agentId}#{skill}</c>). Cards are public; JSON-RPC
/// requires authentication.
/// </summary>
public static class A2AEndpoints
{
    /// <summary>The gateway's JSON-RPC path.</summary>
    public const string GatewayPath = "/a2a";

    /// <summary>The well-known card path (relative to an agent's JSON-RPC URL, or at the root for the gateway).</summary>
    public const string CardPath = ".well-known/agent-card.json";

    private static readonly string GatewayVersion =
        typeof(A2AEndpoints).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "1.0.0";

    /// <summary>
    /// Maps the A2A routes (services from <see cref="A2AServiceCollectionExtensions.AddA2A"/>). Cards too require authentication, like
    /// every Zhizao endpoint but health: A2A clients send their credentials when resolving the card (the official SDK's card resolver
    /// takes the same authenticating fetch as its transport), and a plant's agent list is not public information.
    /// </summary>
    public static IEndpointRouteBuilder MapA2A(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/" + CardPath, GetGatewayCard).WithName("GetA2AGatewayCard").WithTags("A2A")
            .WithSummary("The platform gateway's A2A card: the skills the caller may call, ids {agentId}#{skill}").RequireAuthorization();
        routes.MapGet($"{GatewayPath}/{{publisher}}/{{name}}/{CardPath}", GetAgentCard).WithName("GetA2AAgentCard").WithTags("A2A")
            .WithSummary("An agent's A2A card (1.0), signed by the registry").RequireAuthorization();
        routes.MapPost(GatewayPath, PostGateway).WithName("A2AGatewayJsonRpc").WithTags("A2A")
            .WithSummary("A2A JSON-RPC (1.0 and 0.3 methods, SSE streaming) over every skill the caller may call").RequireAuthorization();
        routes.MapPost($"{GatewayPath}/{{publisher}}/{{name}}", PostAgent).WithName("A2AAgentJsonRpc").WithTags("A2A")
            .WithSummary("A2A JSON-RPC (1.0 and 0.3 methods, SSE streaming) for one agent").RequireAuthorization();
        return routes;
    }

    /// <summary>The absolute JSON-RPC URL of an agent (null: the gateway) as the request reached this server.</summary>
    public static Uri JsonRpcUrl(HttpRequest request, string? agentId) =>
        new($"{request.Scheme}://{request.Host}{request.PathBase}{GatewayPath}{(agentId is null ? "" : "/" + agentId)}");

    internal static async Task<Results<JsonHttpResult<AgentCard>, ProblemHttpResult>> GetAgentCard(
        string publisher, string name, HttpContext http, IA2AAgentDirectory directory, CancellationToken cancellationToken)
    {
        var agentId = $"{publisher}/{name}";
        var card = await directory.GetCardAsync(agentId, PrincipalClaims.FromClaims(http.User), JsonRpcUrl(http.Request, agentId), cancellationToken);
        return card is null
            ? TypedResults.Problem($"No agent {agentId} is served here.", statusCode: StatusCodes.Status404NotFound,
                title: "Unknown agent", type: "urn:zhizao:problem:" + RefusalTypes.UnknownAgent)
            : TypedResults.Json(card, AgentCard.JsonOptions);
    }

    internal static JsonHttpResult<AgentCard> GetGatewayCard(HttpContext http, ISkillGateway gateway, Microsoft.Extensions.Options.IOptions<A2AOptions> options)
    {
        var caller = PrincipalClaims.FromClaims(http.User);
        var skills = caller is null ? [] : gateway.ListCallable(caller);
        var card = new AgentCard
        {
            Name = options.Value.GatewayName,
            Description = options.Value.GatewayDescription,
            Version = GatewayVersion,
            SupportedInterfaces = A2ACards.Interfaces(JsonRpcUrl(http.Request, null)),
            SecuritySchemes = A2ACards.SecuritySchemes(),
            SecurityRequirements = A2ACards.SecurityRequirements(),
            Skills =
            [
                .. skills.Select(s => new AgentSkill
                {
                    Id = $"{s.AgentId}#{s.Skill.Name}",
                    Name = $"{s.AgentName.En}: {s.Skill.Name}",
                    Description = s.Skill.Description.En,
                    Tags = [s.AgentId, s.Grade.ToString(), s.Impact.ToString(), .. s.NeedsApproval ? ["needs-approval"] : Array.Empty<string>()],
                }),
            ],
        };
        http.Response.Headers.Vary = "Authorization";
        return TypedResults.Json(card, AgentCard.JsonOptions);
    }

    internal static Task PostGateway(HttpContext http, A2AJsonRpcHandler handler, CancellationToken cancellationToken) =>
        handler.HandleAsync(http, null, cancellationToken);

    internal static Task PostAgent(string publisher, string name, HttpContext http, A2AJsonRpcHandler handler, CancellationToken cancellationToken) =>
        handler.HandleAsync(http, $"{publisher}/{name}", cancellationToken);
}
