using Zhizao.Access.Policy;
using Zhizao.Core.Access;
using Zhizao.Registry.Search;

namespace Zhizao.Registry.Catalog;

/// <summary>
/// Keeps the bilingual search index in step with the registry (every change re-indexes that agent) and answers discovery queries.
/// Each agent is indexed once, at its newest callable version.
/// </summary>
public sealed class RegistrySearch : IDisposable
{
    private static readonly Principal Indexer = new("registry-indexer", "registry indexer", PrincipalKind.Service, Principal.DefaultWorkspace, "admin",
        [Scopes.RegistryAdmin], [], []);

    private readonly AgentRegistry _registry;
    private readonly ICardTrust _trust;
    private readonly RegistrySearchIndex _index = new();
    private readonly Lock _gate = new();

    /// <summary>Indexes the registry now and follows its changes.</summary>
    public RegistrySearch(AgentRegistry registry, ICardTrust trust)
    {
        _registry = registry;
        _trust = trust;
        registry.Changed += OnChanged;
        OnChanged("*");
    }

    /// <summary>The trust roots' version (part of list responses' validators: a revoked key changes what discovery shows).</summary>
    public long TrustVersion => _trust.Version;

    /// <summary>Ranked, filtered agents visible to the caller.</summary>
    public SearchResults Search(Principal caller, SearchQuery query) => _index.Search(query with { Workspace = caller.Workspace });

    private void OnChanged(string agentId)
    {
        lock (_gate)
        {
            var views = agentId == "*" ? _registry.List(Indexer) : _registry.Get(Indexer, agentId) is { } one ? [one] : [];
            if (agentId != "*" && views.Count == 0)
                _index.Remove(agentId);
            foreach (var view in views)
                _index.Upsert(ToDocument(view));
        }
    }

    private static SearchDocument ToDocument(AgentView view) => new(
        view.Record.Id, view.Latest.Version, view.Record.Publisher, view.Record.OwnerWorkspace,
        Enum.Parse<AgentVisibility>(view.Record.Visibility, ignoreCase: true),
        Enum.Parse<AgentLifecycleStatus>(view.Latest.Status, ignoreCase: true),
        (int)view.Descriptor.Grade, view.Descriptor.Name.En, view.Descriptor.Name.Zh, view.Descriptor.Description.En, view.Descriptor.Description.Zh)
    {
        SharedWith = view.Record.SharedWith,
        Scenarios = view.Listing.Scenarios,
        Industries = view.Listing.Industries,
        SkillTags = view.Listing.SkillTags,
        DomainTags = view.Listing.DomainTags,
        Skills = [.. view.Descriptor.Skills.Select(s => new SearchSkill(s.Name, s.Description.En, s.Description.Zh))],
        AverageRating = view.Rating,
        InstallCount = view.Installations,
    };

    /// <inheritdoc />
    public void Dispose()
    {
        _registry.Changed -= OnChanged;
        _index.Dispose();
    }
}
