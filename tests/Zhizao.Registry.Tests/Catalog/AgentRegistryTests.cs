using System.Text.Json.Nodes;
using Zhizao.Access.Audit;
using Zhizao.Core.Access;
using Zhizao.Core.Agents;
using Zhizao.Identity.Cards;
using Zhizao.Identity.Keys;
using Zhizao.Registry.Catalog;

namespace Zhizao.Registry.Tests.Catalog;

public sealed class AgentRegistryTests : IAsyncLifetime
{
    private RegistryHarness _h = null!;
    private static readonly Principal Engineer = RegistryHarness.Person("engineer");
    private static readonly Principal Admin = RegistryHarness.Person("admin", id: "k-admin");

    public async Task InitializeAsync() => _h = await RegistryHarness.StartAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    private static CancellationToken Ct => CancellationToken.None;

    [Fact]
    public void Built_in_agents_are_published_signed_by_the_platform_and_verified()
    {
        var view = _h.Registry.Get(Engineer, "cn.zhizao/echo")!;
        Assert.Equal((Lifecycle.Published, AgentKinds.BuiltIn), (view.Latest.Status, view.Record.Kind));
        Assert.True(view.Check.Valid, view.Check.Message);
        Assert.Equal(_h.PlatformKey.Kid, view.Check.KeyId);
        Assert.Equal(IdentityLevel.OrganizationVerified, view.IdentityLevel);
    }

    [Fact]
    public async Task A_published_version_is_never_replaced_but_a_draft_is()
    {
        var draft = await _h.Registry.PublishAsync(Engineer, _h.SignedCard("energy", "1.0.0"), Visibility.Public, null, draft: true, Ct);
        Assert.Equal(Lifecycle.Draft, draft.Value?.Status);
        var published = await _h.Registry.PublishAsync(Engineer, _h.SignedCard("energy", "1.0.0"), Visibility.Public, null, draft: false, Ct);
        Assert.Equal(Lifecycle.Published, published.Value?.Status);

        var changed = _h.SignedCard("energy", "1.0.0", AutonomyGrade.L1Informs);
        var again = await _h.Registry.PublishAsync(Engineer, changed, Visibility.Public, null, draft: false, Ct);
        Assert.Equal(("version-immutable", 409), (again.Error?.Type, again.Error?.Status));
        Assert.True(JsonNode.DeepEquals(published.Value!.Card, _h.Registry.GetVersion(Engineer, $"{RegistryHarness.Publisher}/energy", "1.0.0")!.Card));
        Assert.Contains(await _h.Audit.ReadAsync(0, 1000, Ct), e => e.Json.Contains("version-immutable", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_card_changed_after_signing_or_pointing_to_its_own_key_is_refused()
    {
        var card = _h.SignedCard("energy", "1.0.0");
        card["description"] = "tampered";
        Assert.Equal(CardVerificationErrors.SignatureInvalid, (await _h.Registry.PublishAsync(Engineer, card, Visibility.Public, null, false, Ct)).Error?.Type);

        using var stranger = EcKeyPair.Generate();
        var foreign = _h.SignedCard("energy", "1.0.0", key: stranger);
        foreign["signatures"]![0]!["header"] = new JsonObject { ["jwk"] = stranger.ToPublicJwk() };
        var refused = await _h.Registry.PublishAsync(Engineer, foreign, Visibility.Public, null, false, Ct);
        Assert.Equal(CardVerificationErrors.KeyLocationUntrusted, refused.Error?.Type);
        Assert.Null(_h.Registry.Get(Engineer, $"{RegistryHarness.Publisher}/energy"));
    }

    [Fact]
    public async Task Revoking_the_publisher_key_invalidates_its_cards_in_discovery_and_at_call_time()
    {
        await _h.Registry.PublishAsync(Engineer, _h.SignedCard("energy", "1.0.0"), Visibility.Public, null, false, Ct);
        await _h.Trust.RevokeKeyAsync(RegistryHarness.Publisher, _h.PublisherKey.Kid, "laptop stolen", Ct);

        var view = _h.Registry.Get(Engineer, $"{RegistryHarness.Publisher}/energy")!;
        Assert.Equal(CardVerificationErrors.KeyRevoked, view.Check.ErrorType);
        var (agent, refusal) = _h.Registry.Resolve(Engineer, $"{RegistryHarness.Publisher}/energy");
        Assert.Null(agent);
        Assert.Equal(RefusalTypes.UnknownAgent, refusal?.Type); // not installed
        await _h.Registry.InstallAsync(Engineer, $"{RegistryHarness.Publisher}/energy", null, null, null, Ct);
        Assert.Equal(RefusalTypes.AgentUnavailable, _h.Registry.Resolve(Engineer, $"{RegistryHarness.Publisher}/energy").Refusal?.Type);
    }

    [Fact]
    public async Task Lifecycle_moves_are_checked_and_only_an_administrator_suspends()
    {
        var id = $"{RegistryHarness.Publisher}/energy";
        await _h.Registry.PublishAsync(Engineer, _h.SignedCard("energy", "1.0.0"), Visibility.Public, null, false, Ct);
        Assert.Equal("forbidden", (await _h.Registry.ChangeStatusAsync(Engineer, id, "1.0.0", Lifecycle.Suspended, "bad", Ct)).Error?.Type);
        Assert.Equal(Lifecycle.Suspended, (await _h.Registry.ChangeStatusAsync(Admin, id, "1.0.0", Lifecycle.Suspended, "under review", Ct)).Value?.Status);
        Assert.Equal("invalid-transition", (await _h.Registry.ChangeStatusAsync(Admin, id, "1.0.0", Lifecycle.Draft, null, Ct)).Error?.Type);
        Assert.Equal(Lifecycle.Retired, (await _h.Registry.ChangeStatusAsync(Admin, id, "1.0.0", Lifecycle.Retired, null, Ct)).Value?.Status);
        Assert.Equal("invalid-transition", (await _h.Registry.ChangeStatusAsync(Admin, id, "1.0.0", Lifecycle.Published, null, Ct)).Error?.Type);
    }

    [Fact]
    public async Task A_private_agent_is_invisible_to_other_workspaces()
    {
        await _h.Registry.PublishAsync(Engineer, _h.SignedCard("energy", "1.0.0"), Visibility.Private, null, false, Ct);
        var outsider = RegistryHarness.Person("engineer", workspace: "ws-other", id: "k-out");
        Assert.Null(_h.Registry.Get(outsider, $"{RegistryHarness.Publisher}/energy"));
        Assert.Equal(RefusalTypes.UnknownAgent, _h.Registry.Resolve(outsider, $"{RegistryHarness.Publisher}/energy").Refusal?.Type);
        Assert.NotNull(_h.Registry.Get(Engineer, $"{RegistryHarness.Publisher}/energy"));
    }

    [Fact]
    public async Task Publishing_for_a_publisher_of_another_workspace_is_refused_and_audited()
    {
        var outsider = RegistryHarness.Person("engineer", workspace: "ws-other", id: "k-out");
        var result = await _h.Registry.PublishAsync(outsider, _h.SignedCard("energy", "1.0.0"), Visibility.Public, null, false, Ct);
        Assert.Equal(("forbidden", 403), (result.Error?.Type, result.Error?.Status));
        var last = (await _h.Audit.ReadAsync(0, 1000, Ct))[^1];
        Assert.Contains(AuditDecisions.Denied, last.Json, StringComparison.Ordinal);
    }
}
