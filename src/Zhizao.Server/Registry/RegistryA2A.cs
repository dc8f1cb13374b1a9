using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Zhizao.Core.Access;
using Zhizao.Core.Agents;
using Zhizao.Protocols.A2A;
using Zhizao.Protocols.A2A.Cards;
using Zhizao.Protocols.A2A.Client;
using Zhizao.Protocols.A2A.Protocol;
using Zhizao.Registry.Catalog;

namespace Zhizao.Server.Registry;

/// <summary>
/// The A2A endpoints' directory over the registry. A card served here points at Zhizao's own JSON-RPC endpoint (Zhizao is the
/// agent's door: policy, approvals and audit apply), so it is re-signed with the platform key for that address; the publisher's own
/// signed card stays available at /api/v1/registry/agents/{id}/versions/{version}/card.
/// </summary>
public sealed class RegistryA2ADirectory(AgentRegistry registry, ICardTrust trust) : IA2AAgentDirectory
{
    private static readonly Principal Anonymous = new("anonymous", "anonymous", PrincipalKind.Person, "", "viewer", [], [], []);
    private readonly ConcurrentDictionary<(string, string, Uri), AgentCard> _signed = new();

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<string>> ListAgentIdsAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<string>>([.. registry.List(Anonymous).Select(v => v.Record.Id)]);

    /// <inheritdoc />
    public ValueTask<AgentCard?> GetCardAsync(string agentId, Principal? caller, Uri jsonRpcUrl, CancellationToken cancellationToken)
    {
        var view = registry.Get(caller ?? Anonymous, agentId);
        if (view is null || !Lifecycle.IsCallable(view.Latest.Status))
            return ValueTask.FromResult<AgentCard?>(null);
        var card = _signed.GetOrAdd((agentId, view.Latest.Version, jsonRpcUrl), _ =>
        {
            var served = AgentCard.FromJson(view.Latest.Card) with
            {
                SupportedInterfaces = A2ACards.Interfaces(jsonRpcUrl),
                SecuritySchemes = A2ACards.SecuritySchemes(),
                SecurityRequirements = A2ACards.SecurityRequirements(),
                Signatures = null,
            };
            return AgentCard.FromJson(trust.SignAsPlatform(served.ToJson()));
        });
        return ValueTask.FromResult<AgentCard?>(card);
    }
}

/// <summary>Calls external agents over A2A for the gateway; the platform authenticates to them with the installation's configured token, if any.</summary>
public sealed class A2AExternalAgentClient(A2AClient client) : IExternalAgentClient
{
    /// <inheritdoc />
    public async Task<JsonObject> FetchCardAsync(Uri baseUrl, CancellationToken cancellationToken)
    {
        try
        {
            var card = await client.GetCardAsync(baseUrl, null, cancellationToken);
            return card.ToJson();
        }
        catch (A2AClientException e)
        {
            // The registry treats every failure to fetch a card as "unreachable" (502), with the client's precise reason.
            throw new HttpRequestException(e.Message, e);
        }
    }

    /// <inheritdoc />
    public async Task<SkillResult> InvokeAsync(JsonObject card, string skill, JsonNode? input, JsonObject? configuration, Principal caller, CancellationToken cancellationToken)
    {
        var token = configuration?["bearerToken"]?.GetValue<string>();
        try
        {
            var result = await client.CallSkillAsync(AgentCard.FromJson(card), skill, input,
                token is null ? null : new AuthenticationHeaderValue("Bearer", token), cancellationToken);
            return result.State is A2ATaskState.Completed
                ? SkillResult.Ok(result.Output)
                : SkillResult.Fail("failed", $"the external agent ended the task {result.State}: {result.StatusMessage}");
        }
        catch (A2AClientException e)
        {
            return SkillResult.Fail("failed", $"external agent: {e.Message}");
        }
    }
}
