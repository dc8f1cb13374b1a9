using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Semver;
using Zhizao.Access.Audit;
using Zhizao.Access.Policy;
using Zhizao.Core.Access;
using Zhizao.Core.Agents;
using Zhizao.Core.Storage;
using Zhizao.Protocols.A2A.Cards;

namespace Zhizao.Registry.Catalog;

/// <summary>An agent as a caller sees it in discovery.</summary>
/// <param name="Record">Ownership, visibility, endpoint and lease.</param>
/// <param name="Latest">The newest version the caller may see (published or deprecated; drafts only in the owner workspace).</param>
/// <param name="Versions">Every version with its status.</param>
/// <param name="Descriptor">Skills, grades and impacts of <paramref name="Latest"/>.</param>
/// <param name="Check">Whether the latest card's signature verifies now.</param>
/// <param name="IdentityLevel">The publisher's identity level.</param>
/// <param name="Reachable">External agents: whether the registration lease runs; null for built-ins.</param>
/// <param name="Rating">Average rating (0 when none).</param>
/// <param name="Reviews">Number of reviews.</param>
/// <param name="Installations">Number of workspaces that installed it.</param>
public sealed record AgentView(
    AgentRecord Record, VersionRecord Latest, IReadOnlyList<(string Version, string Status)> Versions, AgentDescriptor Descriptor, CardCheck Check,
    IdentityLevel IdentityLevel, bool? Reachable, double Rating, int Reviews, int Installations)
{
    /// <summary>Scenario, industry and taxonomy tags from the card's Zhizao extension.</summary>
    public AgentListing Listing
    {
        get
        {
            var extension = AgentCard.FromJson(Latest.Card).Zhizao;
            return new AgentListing(extension?.Scenarios ?? [], extension?.Industries ?? [], extension?.SkillTags ?? [], extension?.DomainTags ?? []);
        }
    }
}

/// <summary>
/// The registry: agents (built-in and external) under reverse-DNS ids, with immutable signed versions and their lifecycle, per-workspace
/// visibility, installations, reviews and heartbeats. State lives in the platform's document store and is cached in memory (thousands of
/// agents fit); every change is audited.
/// </summary>
public sealed partial class AgentRegistry(
    IStore store, ICardTrust trust, AuditLog audit, IEnumerable<IAgent> localAgents, TimeProvider time, ILogger<AgentRegistry> logger)
{
    internal const string AgentsCollection = "agents";
    internal const string VersionsCollection = "agent-versions";
    internal const string InstallationsCollection = "installations";
    internal const string ReviewsCollection = "reviews";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly ConcurrentDictionary<string, AgentState> _agents = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, InstallationRecord> _installations = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ReviewRecord> _reviews = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (long TrustVersion, CardCheck Check)> _checks = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _writeGate = new(1, 1);

    /// <summary>Raised after any change that discovery shows (for search indexing and cache validators).</summary>
    public event Action<string>? Changed;

    private long _revision;

    /// <summary>Changes on every registry change (an ETag for list responses, with the trust version).</summary>
    public long Revision => Interlocked.Read(ref _revision);

    /// <summary>Loads the registry and registers the in-process agents, signed by the platform.</summary>
    public async Task StartAsync(IReadOnlyDictionary<string, IReadOnlyList<BenchmarkScore>> benchmarks, CancellationToken cancellationToken)
    {
        foreach (var doc in await store.Documents.ListAsync(AgentsCollection, null, cancellationToken))
        {
            var record = JsonSerializer.Deserialize<AgentRecord>(doc.Json, Json)!;
            _agents[record.Id] = new AgentState(record, doc.Revision, null);
        }
        foreach (var doc in await store.Documents.ListAsync(VersionsCollection, null, cancellationToken))
        {
            var version = JsonSerializer.Deserialize<VersionRecord>(doc.Json, Json)!;
            if (_agents.TryGetValue(version.AgentId, out var state))
                state.Versions[version.Version] = (version, doc.Revision);
        }
        foreach (var doc in await store.Documents.ListAsync(InstallationsCollection, null, cancellationToken))
            _installations[doc.Key] = JsonSerializer.Deserialize<InstallationRecord>(doc.Json, Json)!;
        foreach (var doc in await store.Documents.ListAsync(ReviewsCollection, null, cancellationToken))
            _reviews[doc.Key] = JsonSerializer.Deserialize<ReviewRecord>(doc.Json, Json)!;

        // Built-in agents come from the code: their cards are made and signed at start, never stored (the code is their source).
        var now = time.GetUtcNow();
        foreach (var agent in localAgents)
        {
            var descriptor = agent.Descriptor;
            var card = CardFactory.Create(descriptor, AgentListing.BuiltIn.GetValueOrDefault(descriptor.Id),
                benchmarks.GetValueOrDefault(descriptor.Id) ?? [], "Zhizao");
            var signed = trust.SignAsPlatform(card.ToJson());
            var record = new AgentRecord(descriptor.Id, descriptor.Id.Split('/')[0], AgentKinds.BuiltIn, Principal.DefaultWorkspace, Visibility.Public, now);
            var state = new AgentState(record, 0, agent);
            state.Versions[descriptor.Version] = (new VersionRecord(descriptor.Id, descriptor.Version, signed, Lifecycle.Published, "platform", now), 0);
            _agents[descriptor.Id] = state;
        }
        Touch("*");
        LogStarted(logger, _agents.Count, localAgents.Count());
    }

    /// <summary>Every agent the caller may discover.</summary>
    public IReadOnlyList<AgentView> List(Principal caller) =>
        [.. _agents.Values.Where(s => IsVisible(caller, s.Record)).Select(s => View(caller, s)).OfType<AgentView>().OrderBy(v => v.Record.Id, StringComparer.Ordinal)];

    /// <summary>One agent as the caller may see it; null when unknown or invisible.</summary>
    public AgentView? Get(Principal caller, string id) =>
        _agents.TryGetValue(id, out var state) && IsVisible(caller, state.Record) ? View(caller, state) : null;

    /// <summary>One version's signed card as the caller may see it.</summary>
    public VersionRecord? GetVersion(Principal caller, string id, string version) =>
        _agents.TryGetValue(id, out var state) && IsVisible(caller, state.Record) && state.Versions.TryGetValue(version, out var v)
        && (v.Record.Status != Lifecycle.Draft || state.Record.OwnerWorkspace == caller.Workspace) ? v.Record : null;

    /// <summary>Reviews of an agent, newest first.</summary>
    public IReadOnlyList<ReviewRecord> Reviews(string id) => [.. _reviews.Values.Where(r => r.AgentId == id).OrderByDescending(r => r.At)];

    /// <summary>The installations of a workspace.</summary>
    public IReadOnlyList<InstallationRecord> Installations(string workspace) =>
        [.. _installations.Values.Where(i => i.Workspace == workspace).OrderBy(i => i.AgentId, StringComparer.Ordinal)];

    /// <summary>Checks a card's signatures now (cached until a key changes status).</summary>
    public CardCheck Check(VersionRecord version, string publisher)
    {
        var key = version.AgentId + "@" + version.Version;
        var trustVersion = trust.Version;
        if (_checks.TryGetValue(key, out var cached) && cached.TrustVersion == trustVersion)
            return cached.Check;
        var check = trust.Verify(version.Card, publisher);
        _checks[key] = (trustVersion, check);
        return check;
    }

    internal static bool IsVisible(Principal caller, AgentRecord record) =>
        record.Visibility == Visibility.Public || record.OwnerWorkspace == caller.Workspace
        || (record.Visibility == Visibility.Shared && record.SharedWith.Contains(caller.Workspace))
        || Scopes.Allows(caller, Scopes.RegistryAdmin);

    private AgentView? View(Principal caller, AgentState state)
    {
        var owner = state.Record.OwnerWorkspace == caller.Workspace;
        var versions = state.Versions.Values.Select(v => v.Record)
            .Where(v => v.Status != Lifecycle.Draft || owner)
            .OrderByDescending(v => SemVersion.Parse(v.Version, SemVersionStyles.Strict), SemVersion.SortOrderComparer).ToList();
        var latest = versions.FirstOrDefault(v => Lifecycle.IsCallable(v.Status)) ?? versions.FirstOrDefault();
        if (latest is null)
            return null;
        var descriptor = state.Local?.Descriptor ?? CardFactory.ToDescriptor(AgentCard.FromJson(latest.Card), state.Record.Id);
        var reviews = _reviews.Values.Where(r => r.AgentId == state.Record.Id).ToList();
        return new AgentView(state.Record, latest, [.. versions.Select(v => (v.Version, v.Status))], descriptor, Check(latest, state.Record.Publisher),
            trust.LevelOf(state.Record.Publisher) ?? IdentityLevel.SelfAsserted, state.Record.IsReachable(time.GetUtcNow()),
            reviews.Count == 0 ? 0 : reviews.Average(r => r.Rating), reviews.Count, _installations.Values.Count(i => i.AgentId == state.Record.Id));
    }

    private void Touch(string agentId)
    {
        Interlocked.Increment(ref _revision);
        Changed?.Invoke(agentId);
    }

    private Task<AuditRecord> AuditAsync(Principal caller, string action, string target, string decision, string? reason, string? message, CancellationToken cancellationToken) =>
        audit.AppendAsync(AuditEvent.For(caller, "api", action, target, decision) with { Reason = reason, Message = message }, cancellationToken);

    private async Task<RegistryError> DenyAsync(Principal caller, string action, string target, RegistryError error, CancellationToken cancellationToken)
    {
        await AuditAsync(caller, action, target, AuditDecisions.Denied, error.Type, error.Message, cancellationToken);
        return error;
    }

    internal sealed class AgentState(AgentRecord record, long revision, IAgent? local)
    {
        public AgentRecord Record { get; set; } = record;
        public long Revision { get; set; } = revision;
        public IAgent? Local { get; } = local;
        public ConcurrentDictionary<string, (VersionRecord Record, long Revision)> Versions { get; } = new(StringComparer.Ordinal);
    }

    [LoggerMessage(EventId = 5101, Level = LogLevel.Information, Message = "Registry loaded: {Agents} agents ({BuiltIn} built in)")]
    private static partial void LogStarted(ILogger logger, int agents, int builtIn);
}
