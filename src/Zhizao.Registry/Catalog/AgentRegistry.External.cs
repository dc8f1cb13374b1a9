using System.Text.Json;
using System.Text.Json.Nodes;
using Zhizao.Access.Audit;
using Zhizao.Access.Policy;
using Zhizao.Core.Access;
using Zhizao.Core.Agents;
using Zhizao.Protocols.A2A.Cards;

namespace Zhizao.Registry.Catalog;

/// <summary>An agent resolved for a call in a workspace.</summary>
/// <param name="Descriptor">Skills, grades and impacts of the installed version.</param>
/// <param name="Version">The installed version.</param>
/// <param name="Bounds">The installation's bounds.</param>
/// <param name="PublisherLevel">The publisher's identity level.</param>
/// <param name="Local">The in-process agent, for built-ins.</param>
/// <param name="Card">The signed card, for external agents (the client reaches them through it).</param>
/// <param name="Configuration">The installation's configuration.</param>
public sealed record ResolvedAgent(
    AgentDescriptor Descriptor, string Version, InstallationBounds Bounds, IdentityLevel PublisherLevel, IAgent? Local, JsonObject? Card, JsonObject? Configuration);

/// <summary>External agents: registration by URL, heartbeats, key pinning; and resolution of installed agents for the gateway.</summary>
public sealed partial class AgentRegistry
{
    /// <summary>
    /// Registers a running external A2A agent by its base URL: fetches its card from the well-known path, verifies it against the trust
    /// roots, publishes that version and pins the signing key. The registration is soft state: it lasts <paramref name="lease"/> and is
    /// renewed by heartbeats.
    /// </summary>
    public async Task<RegistryResult<VersionRecord>> RegisterExternalAsync(
        Principal caller, Uri baseUrl, TimeSpan lease, string visibility, IExternalAgentClient client, CancellationToken cancellationToken)
    {
        if (baseUrl.Scheme is not ("http" or "https"))
            return await DenyAsync(caller, "register", baseUrl.ToString(), new RegistryError("invalid-url", "the agent URL must be http(s)", 400), cancellationToken);
        if (lease <= TimeSpan.Zero || lease > MaxLease)
            return await DenyAsync(caller, "register", baseUrl.ToString(), new RegistryError("invalid-lease", $"the lease must be between 1 s and {MaxLease.TotalMinutes} min", 400), cancellationToken);
        JsonObject card;
        try
        {
            card = await client.FetchCardAsync(baseUrl, cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException or JsonException or TaskCanceledException or InvalidDataException)
        {
            return await DenyAsync(caller, "register", baseUrl.ToString(), new RegistryError("agent-unreachable", $"cannot fetch the agent card from {baseUrl}: {e.Message}", 502), cancellationToken);
        }
        var id = TryReadId(card);
        if (id is not null && _agents.TryGetValue(id, out var known) && known.Record.PinnedKeyId is { } pinned)
        {
            var check = trust.Verify(card, known.Record.Publisher);
            if (check.Valid && check.KeyId != pinned)
                return await DenyAsync(caller, "register", id, new RegistryError("card-key-changed",
                    $"'{id}' is pinned to key '{pinned}' but its card is now signed with '{check.KeyId}': an administrator must re-approve the key change", 409), cancellationToken);
        }
        var existing = id is not null && _agents.TryGetValue(id, out var s) ? s : null;
        var version = AgentCardVersion(card);
        RegistryResult<VersionRecord> published = existing is not null && version is not null && existing.Versions.TryGetValue(version, out var same)
            && JsonNode.DeepEquals(same.Record.Card, card)
                ? same.Record
                : await PublishAsync(caller, card, visibility, null, draft: false, cancellationToken);
        if (!published.IsSuccess)
            return published;
        return await RenewAsync(caller, published.Value!.AgentId, baseUrl.ToString(), lease, cancellationToken) ?? published;
    }

    /// <summary>Renews an external agent's registration; called by the agent itself (its identity) or its publisher's workspace.</summary>
    public async Task<RegistryResult<AgentRecord>> HeartbeatAsync(Principal caller, string id, CancellationToken cancellationToken)
    {
        if (!_agents.TryGetValue(id, out var state) || state.Record.Kind != AgentKinds.External)
            return new RegistryError("not-found", $"no external agent '{id}'", 404);
        var self = caller.Kind == PrincipalKind.Agent && caller.Id == id;
        if (!self && !(state.Record.OwnerWorkspace == caller.Workspace && Scopes.Allows(caller, Scopes.RegistryPublish)))
            return await DenyAsync(caller, "heartbeat", id, new RegistryError("forbidden", $"only '{id}' itself or its publisher renews its registration", 403), cancellationToken);
        var renewed = await RenewAsync(caller, id, state.Record.Endpoint, state.Record.Lease ?? TimeSpan.FromMinutes(1), cancellationToken);
        return renewed is { Error: { } error } ? error : state.Record;
    }

    /// <summary>The agent installed in the caller's workspace (built-ins are installed everywhere), or why it cannot be called.</summary>
    public (ResolvedAgent? Agent, Refusal? Refusal) Resolve(Principal caller, string id)
    {
        if (!_agents.TryGetValue(id, out var state) || !IsVisible(caller, state.Record))
            return (null, new Refusal(RefusalTypes.UnknownAgent, $"no agent '{id}'", 404));
        _installations.TryGetValue($"{caller.Workspace}/{id}", out var installation);
        if (installation is null && state.Local is null)
            return (null, new Refusal(RefusalTypes.UnknownAgent, $"'{id}' is not installed in workspace '{caller.Workspace}'", 404));
        var versionId = installation?.Version ?? state.Versions.Keys.Single();
        if (!state.Versions.TryGetValue(versionId, out var version))
            return (null, new Refusal(RefusalTypes.AgentUnavailable, $"{id}@{versionId} is no longer in the registry", 403));
        if (!Lifecycle.IsCallable(version.Record.Status))
            return (null, new Refusal(RefusalTypes.AgentUnavailable, $"{id}@{versionId} is {version.Record.Status}", 403));
        var check = Check(version.Record, state.Record.Publisher);
        if (!check.Valid)
            return (null, new Refusal(RefusalTypes.AgentUnavailable, $"{id}@{versionId}: the card's signature no longer verifies ({check.ErrorType}: {check.Message})", 403));
        if (state.Local is null && state.Record.IsReachable(time.GetUtcNow()) != true)
            return (null, new Refusal(RefusalTypes.Unreachable, $"'{id}' has not renewed its registration (last heartbeat {state.Record.LastHeartbeat:O})", 502));
        var descriptor = state.Local?.Descriptor ?? CardFactory.ToDescriptor(AgentCard.FromJson(version.Record.Card), id);
        var card = state.Local is null ? version.Record.Card.DeepClone().AsObject() : null;
        if (card is not null && state.Record.Endpoint is { } endpoint && card["supportedInterfaces"] is not JsonArray { Count: > 0 })
            card["supportedInterfaces"] = new JsonArray(new JsonObject { ["url"] = endpoint, ["protocolBinding"] = "JSONRPC", ["protocolVersion"] = "1.0" });
        return (new ResolvedAgent(descriptor, versionId, installation?.Bounds ?? InstallationBounds.Default,
            trust.LevelOf(state.Record.Publisher) ?? IdentityLevel.SelfAsserted, state.Local, card, installation?.Configuration), null);
    }

    /// <summary>Every agent the caller's workspace can call (built-ins and installations).</summary>
    public IEnumerable<string> InstalledIds(Principal caller) =>
        _agents.Values.Where(s => s.Local is not null).Select(s => s.Record.Id)
            .Concat(_installations.Values.Where(i => i.Workspace == caller.Workspace).Select(i => i.AgentId))
            .Distinct(StringComparer.Ordinal);

    private async Task<RegistryResult<VersionRecord>?> RenewAsync(Principal caller, string id, string? endpoint, TimeSpan lease, CancellationToken cancellationToken)
    {
        var state = _agents[id];
        var now = time.GetUtcNow();
        var renewed = state.Record with { Endpoint = endpoint, Lease = lease, LastHeartbeat = now };
        if (!await store.Documents.PutAsync(AgentsCollection, id, JsonSerializer.Serialize(renewed, Json), null, now, cancellationToken))
            return new RegistryError("conflict", $"'{id}' changed concurrently", 409);
        state.Record = renewed;
        await AuditAsync(caller, "heartbeat", id, AuditDecisions.Changed, null, $"lease {lease.TotalSeconds:0} s", cancellationToken);
        Touch(id);
        return null;
    }

    private static string? TryReadId(JsonObject card)
    {
        try
        {
            return AgentCard.FromJson(card).Zhizao?.Id;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? AgentCardVersion(JsonObject card) => card["version"] is JsonValue v && v.TryGetValue<string>(out var text) ? text : null;
}
