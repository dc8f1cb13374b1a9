using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Zhizao.Access.Approvals;
using Zhizao.Access.Audit;
using Zhizao.Access.Policy;
using Zhizao.Core.Access;
using Zhizao.Core.Agents;
using Zhizao.Core.Assets;
using Zhizao.Identity.Cards;
using Zhizao.Identity.Keys;
using Zhizao.Identity.Trust;
using Zhizao.Registry.Catalog;
using Zhizao.Registry.Gateway;
using Zhizao.Storage.DuckDb;

namespace Zhizao.Registry.Tests.Catalog;

/// <summary>A registry and gateway over a real embedded store, with the platform and one external publisher as trust roots.</summary>
public sealed class RegistryHarness : IAsyncDisposable
{
    public const string Publisher = "cn.example.plant1";
    private readonly string _directory = Directory.CreateTempSubdirectory("zhizao-registry-").FullName;

    private RegistryHarness()
    {
    }

    public DuckDbStore Store { get; private set; } = null!;
    public TrustStore Trust { get; private set; } = null!;
    public IdentityCardTrust CardTrust { get; private set; } = null!;
    public AuditLog Audit { get; private set; } = null!;
    public AgentRegistry Registry { get; private set; } = null!;
    public SkillGateway Gateway { get; private set; } = null!;
    public EcKeyPair PublisherKey { get; } = EcKeyPair.Generate();
    public EcKeyPair PlatformKey { get; } = EcKeyPair.Generate();
    public EchoAgent Local { get; } = new();

    public static Principal Person(string role, string workspace = Principal.DefaultWorkspace, string id = "k-person", string[]? scopes = null) =>
        new(id, id, PrincipalKind.Person, workspace, role, scopes ?? [], [], []);

    public static async Task<RegistryHarness> StartAsync(int rateBurst = 1000)
    {
        var h = new RegistryHarness();
        h.Store = new DuckDbStore(new DuckDbStoreOptions { Path = Path.Combine(h._directory, "z.duckdb") }, NullLogger<DuckDbStore>.Instance);
        await h.Store.InitializeAsync(CancellationToken.None);
        h.Trust = new TrustStore(h.Store.Documents, TimeProvider.System, NullLogger<TrustStore>.Instance);
        await h.Trust.LoadAsync(CancellationToken.None);
        await h.Trust.EnsureTrustRootAsync("cn.zhizao", "Zhizao", IdentityLevel.OrganizationVerified, h.PlatformKey.PublicKey, retireOtherKeys: true, CancellationToken.None);
        await h.Trust.RegisterPublisherAsync(Publisher, "Plant 1", CancellationToken.None);
        await h.Trust.AddKeyAsync(Publisher, h.PublisherKey.ToPublicJwk(), CancellationToken.None);
        h.CardTrust = new IdentityCardTrust(h.Trust, h.PlatformKey);
        h.CardTrust.SetOwner(Publisher, Principal.DefaultWorkspace);
        h.Audit = new AuditLog(h.Store, TimeProvider.System, NullLogger<AuditLog>.Instance);
        await h.Audit.StartAsync(CancellationToken.None);
        h.Registry = new AgentRegistry(h.Store, h.CardTrust, h.Audit, [h.Local], TimeProvider.System, NullLogger<AgentRegistry>.Instance);
        await h.Registry.StartAsync(new Dictionary<string, IReadOnlyList<Protocols.A2A.Cards.BenchmarkScore>>(), CancellationToken.None);
        h.Gateway = new SkillGateway(h.Registry, new CallRateLimiter(new RateLimitOptions { Burst = rateBurst, PerSecond = 1 }),
            new ApprovalService(h.Store, TimeProvider.System, h.Audit), h.Audit, new SkillSchemas(), new NoExternalAgents(), TimeProvider.System,
            NullLogger<SkillGateway>.Instance);
        return h;
    }

    /// <summary>A card of an external agent of <see cref="Publisher"/>, signed with <paramref name="key"/> (the publisher's by default).</summary>
    public JsonObject SignedCard(string name, string version, AutonomyGrade grade = AutonomyGrade.L2Recommends, EcKeyPair? key = null)
    {
        var descriptor = new AgentDescriptor($"{Publisher}/{name}", version, new LocalizedText("Energy monitor", "能耗监测"),
            new LocalizedText("Reports compressed-air energy use per line", "按产线报告压缩空气能耗"), grade,
            [new SkillDescriptor("report", new LocalizedText("Energy report", "能耗报告"), JsonNode.Parse("""{"type":"object","properties":{"line":{"type":"string"}}}""")!.AsObject(), new JsonObject())]);
        var card = CardFactory.Create(descriptor, new AgentListing(["operations"], ["food"], ["energy/monitoring"], ["energy/compressed-air"]), [], "Plant 1");
        return CardSigner.Sign(card.ToJson(), key ?? PublisherKey);
    }

    public async ValueTask DisposeAsync()
    {
        await Audit.DisposeAsync();
        await Store.DisposeAsync();
        PublisherKey.Dispose();
        PlatformKey.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>An in-process agent with one L2 skill and one L3 production skill.</summary>
    public sealed class EchoAgent : IAgent
    {
        public AgentDescriptor Descriptor { get; } = new("cn.zhizao/echo", "1.0.0", new LocalizedText("Echo", "回声"), new LocalizedText("Echoes", "回声"),
            AutonomyGrade.L3ActsAfterApproval,
            [
                new SkillDescriptor("echo", new LocalizedText("Echo the input"), JsonNode.Parse("""{"type":"object","properties":{"text":{"type":"string","maxLength":20}}}""")!.AsObject(), new JsonObject())
                    { Grade = AutonomyGrade.L2Recommends },
                new SkillDescriptor("act", new LocalizedText("Act on a machine"), JsonNode.Parse("""{"type":"object","properties":{"machine":{"type":"string"}}}""")!.AsObject(), new JsonObject())
                    { Impact = ImpactClass.Production, AssetFields = ["machine"] },
            ]);

        public List<AgentCaller> Callers { get; } = [];

        public Task<SkillResult> InvokeAsync(string skill, JsonNode? input, AgentCaller caller, CancellationToken cancellationToken)
        {
            lock (Callers)
                Callers.Add(caller);
            return Task.FromResult(SkillResult.Ok(new JsonObject { ["skill"] = skill, ["input"] = input?.DeepClone(), ["invocation"] = caller.InvocationId }));
        }
    }

    private sealed class NoExternalAgents : IExternalAgentClient
    {
        public Task<JsonObject> FetchCardAsync(Uri baseUrl, CancellationToken cancellationToken) => throw new HttpRequestException("no network in unit tests");

        public Task<SkillResult> InvokeAsync(JsonObject card, string skill, JsonNode? input, JsonObject? configuration, Principal caller, CancellationToken cancellationToken) =>
            throw new HttpRequestException("no network in unit tests");
    }
}
