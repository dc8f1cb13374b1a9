using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ModelContextProtocol;
using Zhizao.Core.Access;
using Zhizao.Core.Agents;

namespace Zhizao.Protocols.Mcp;

/// <summary>A remote Zhizao server failed to list skills: unreachable, the key refused, or an answer that is not the API's.</summary>
public sealed class RemoteSkillGatewayException(string message, Exception? inner = null) : McpException(message, inner);

/// <summary>
/// The skill gateway of a remote Zhizao server, through its REST API and an API key, for <c>zhizao mcp</c>: authentication,
/// policy, approvals and audit all stay on the server, which knows the caller by the key (the <see cref="Principal"/> passed
/// in is ignored). The <see cref="HttpClient"/> carries the server's base address and the key as a bearer token.
/// </summary>
/// <remarks>
/// <see cref="ListCallable"/> is synchronous in the contract, so it answers the list last fetched by
/// <see cref="ListCallableAsync"/>, which the MCP server calls for every <c>tools/list</c>.
/// </remarks>
public sealed class RemoteSkillGateway(HttpClient http, ILogger<RemoteSkillGateway>? logger = null) : ISkillGateway, IAsyncSkillCatalog
{
    /// <summary>The response header that carries the invocation id.</summary>
    public const string InvocationHeader = "X-Zhizao-Invocation";

    private const string ProblemPrefix = "urn:zhizao:problem:";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static readonly HashSet<string> KnownRefusals =
    [
        RefusalTypes.UnknownAgent, RefusalTypes.UnknownSkill, RefusalTypes.ScopeDenied, RefusalTypes.GradeDenied, RefusalTypes.AssetDenied,
        RefusalTypes.AgentUnavailable, RefusalTypes.Unreachable, RefusalTypes.RateLimited, RefusalTypes.InvalidInput,
        RefusalTypes.ApprovalDenied, RefusalTypes.ApprovalExpired, RefusalTypes.DelegationDenied,
    ];

    private readonly ILogger _logger = logger ?? NullLogger<RemoteSkillGateway>.Instance;
    private volatile IReadOnlyList<CallableSkill> _callable = [];

    /// <inheritdoc />
    public IReadOnlyList<CallableSkill> ListCallable(Principal caller) => _callable;

    /// <summary>Fetches the key's callable skills (<c>GET api/v1/skills</c>).</summary>
    /// <exception cref="RemoteSkillGatewayException">The server is unreachable, refused the key, or did not answer a skill list.</exception>
    public async Task<IReadOnlyList<CallableSkill>> ListCallableAsync(Principal caller, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await http.GetAsync(new Uri("api/v1/skills", UriKind.Relative), cancellationToken);
        }
        catch (HttpRequestException e)
        {
            Log.RemoteUnreachable(_logger, http.BaseAddress, e);
            throw new RemoteSkillGatewayException($"cannot reach the Zhizao server at {http.BaseAddress}: {e.Message}", e);
        }
        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                var problem = await ReadProblemAsync(response, cancellationToken);
                throw new RemoteSkillGatewayException(response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden
                    ? $"the Zhizao server at {http.BaseAddress} refused the key ({(int)response.StatusCode}): {problem.Detail}"
                    : $"the Zhizao server at {http.BaseAddress} could not list skills ({(int)response.StatusCode}): {problem.Detail}");
            }
            try
            {
                var skills = await response.Content.ReadFromJsonAsync<List<CallableSkill>>(Json, cancellationToken)
                    ?? throw new JsonException("null instead of a skill list");
                _callable = skills;
                Log.RemoteListed(_logger, http.BaseAddress, skills.Count);
                return skills;
            }
            catch (JsonException e)
            {
                throw new RemoteSkillGatewayException($"{http.BaseAddress}api/v1/skills did not answer a Zhizao skill list: {e.Message}", e);
            }
        }
    }

    /// <inheritdoc />
    public async Task<GatewayOutcome> InvokeAsync(Principal caller, SkillCall call, CancellationToken cancellationToken)
    {
        var slash = call.AgentId.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0)
            return new GatewayOutcome("", null, new Refusal(RefusalTypes.UnknownAgent, $"'{call.AgentId}' is not an agent id (publisher/name)", 404), null);
        var path = $"api/v1/agents/{Uri.EscapeDataString(call.AgentId[..slash])}/{Uri.EscapeDataString(call.AgentId[(slash + 1)..])}/skills/{Uri.EscapeDataString(call.Skill)}";
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative))
        {
            Content = new StringContent(call.Input?.ToJsonString() ?? "{}", Encoding.UTF8, "application/json"),
        };
        return (await SendAsync(request, cancellationToken)).Outcome;
    }

    /// <inheritdoc />
    public async Task<GatewayOutcome?> AwaitApprovalAsync(Principal caller, string approvalId, CancellationToken cancellationToken)
    {
        // The server long-polls and answers 202 again while nobody has decided: ask again until decided or cancelled.
        while (true)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"api/v1/approvals/{Uri.EscapeDataString(approvalId)}/wait", UriKind.Relative));
            var (outcome, accepted) = await SendAsync(request, cancellationToken);
            if (outcome.Refusal is { Status: 404 })
                return null;
            if (!accepted)
                return outcome;
        }
    }

    /// <summary>Sends a call or an approval poll; <c>Accepted</c> is true for a 202 (pending, whatever its body).</summary>
    private async Task<(GatewayOutcome Outcome, bool Accepted)> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            Log.RemoteUnreachable(_logger, http.BaseAddress, e);
            return (new GatewayOutcome("", null, new Refusal(RefusalTypes.Unreachable, $"cannot reach the Zhizao server at {http.BaseAddress}: {e.Message}", 502), null), false);
        }
        using (response)
        {
            var invocation = response.Headers.TryGetValues(InvocationHeader, out var values) ? values.FirstOrDefault() ?? "" : "";
            if (response.IsSuccessStatusCode)
            {
                JsonNode? body;
                try
                {
                    var text = await response.Content.ReadAsStringAsync(cancellationToken);
                    body = text.Length == 0 ? null : JsonNode.Parse(text);
                }
                catch (JsonException e)
                {
                    return (Failed(invocation, $"the server answered {(int)response.StatusCode} with invalid JSON: {e.Message}"), false);
                }
                if (response.StatusCode != HttpStatusCode.Accepted)
                    return (new GatewayOutcome(invocation, SkillResult.Ok(body), null, null), false);
                if (body?["approvalId"] is JsonValue id && id.TryGetValue<string>(out var approvalId)
                    && body["expiresAt"] is JsonValue expires && expires.TryGetValue<DateTimeOffset>(out var expiresAt))
                    return (new GatewayOutcome(invocation, null, null, new PendingApproval(approvalId, expiresAt)), true);
                return (Failed(invocation, "the server answered 202 without an approval id and deadline"), true);
            }

            var problem = await ReadProblemAsync(response, cancellationToken);
            if (problem.Type?.StartsWith(ProblemPrefix, StringComparison.Ordinal) == true)
            {
                var type = problem.Type[ProblemPrefix.Length..];
                // Refusals are the gateway's decisions; any other Zhizao problem is the skill's own failure (not-found, failed …).
                return (KnownRefusals.Contains(type)
                    ? new GatewayOutcome(invocation, null, new Refusal(type, problem.Detail, (int)response.StatusCode), null)
                    : new GatewayOutcome(invocation, SkillResult.Fail(type, problem.Detail), null, null), false);
            }
            if (response.StatusCode == HttpStatusCode.NotFound)
                return (new GatewayOutcome(invocation, null, new Refusal(RefusalTypes.UnknownAgent, problem.Detail, 404), null), false);
            return (Failed(invocation, $"{(int)response.StatusCode} {problem.Detail}"), false);
        }
    }

    private static GatewayOutcome Failed(string invocation, string message) =>
        new(invocation, SkillResult.Fail("failed", message), null, null);

    /// <summary>The problem's type and a readable detail (title and detail, or the raw text when the body is not ProblemDetails).</summary>
    private static async Task<(string? Type, string Detail)> ReadProblemAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        try
        {
            if (JsonNode.Parse(text) is JsonObject problem)
            {
                var detail = problem["detail"]?.ToString() ?? problem["title"]?.ToString() ?? response.ReasonPhrase ?? "";
                return (problem["type"]?.ToString(), detail);
            }
        }
        catch (JsonException)
        {
        }
        return (null, text.Length > 0 ? text : response.ReasonPhrase ?? "");
    }
}
