using Zhizao.Core.Access;
using System.Text.Json.Nodes;
using Zhizao.Identity.Keys;
using Zhizao.Identity.Trust;
using Zhizao.Tests.Shared;

namespace Zhizao.Identity.Tests.Trust;

public sealed class TrustStoreTests
{
    private const string Publisher = "cn.example.plant1";
    private readonly MemoryDocumentStore _documents = new();
    private readonly Microsoft.Extensions.Time.Testing.FakeTimeProvider _clock = TestSupport.Clock();

    [Theory]
    [InlineData("cn.example.plant1", true)]
    [InlineData("cn.zhizao", true)]
    [InlineData("com.example-corp.line-2", true)]
    [InlineData("cn", false)]
    [InlineData("Cn.Example", false)]
    [InlineData("cn..example", false)]
    [InlineData("cn.-example", false)]
    [InlineData("cn.example-", false)]
    [InlineData("123.example", false)]
    [InlineData("cn.exa_mple", false)]
    [InlineData("cn.example/scheduler", false)]
    public async Task Registration_accepts_only_reverse_dns_namespaces(string name, bool valid)
    {
        var store = TestSupport.TrustStore(_documents, _clock);

        var result = await store.RegisterPublisherAsync(name, "Someone", default);

        Assert.Equal(valid, result.IsSuccess);
        if (!valid)
            Assert.Equal(IdentityErrors.NamespaceInvalid, result.Error!.Type);
        else
            Assert.Equal(IdentityLevel.SelfAsserted, result.Value!.Level);
    }

    [Fact]
    public async Task A_namespace_is_registered_once()
    {
        var store = TestSupport.TrustStore(_documents, _clock);
        await store.RegisterPublisherAsync(Publisher, "Plant 1", default);

        var again = await store.RegisterPublisherAsync(Publisher, "Impostor", default);

        Assert.Equal(IdentityErrors.PublisherExists, again.Error!.Type);
        Assert.Equal("Plant 1", store.GetPublisher(Publisher)!.DisplayName);
    }

    [Fact]
    public async Task A_private_key_is_never_accepted_as_a_trust_root()
    {
        var store = TestSupport.TrustStore(_documents, _clock);
        await store.RegisterPublisherAsync(Publisher, "Plant 1", default);
        using var key = EcKeyPair.Generate();

        var result = await store.AddKeyAsync(Publisher, key.ToPrivateJwk(), default);

        Assert.Equal(IdentityErrors.KeyInvalid, result.Error!.Type);
        Assert.Empty(store.GetPublisher(Publisher)!.Keys);
    }

    [Fact]
    public async Task Keys_and_their_status_survive_a_reload_from_the_document_store()
    {
        var store = TestSupport.TrustStore(_documents, _clock);
        await store.RegisterPublisherAsync(Publisher, "Plant 1", default);
        using var kept = EcKeyPair.Generate();
        using var revoked = EcKeyPair.Generate();
        await store.AddKeyAsync(Publisher, kept.ToPublicJwk(), default);
        await store.AddKeyAsync(Publisher, revoked.ToPublicJwk(), default);
        await store.RevokeKeyAsync(Publisher, revoked.Kid, "leaked", default);

        var reloaded = TestSupport.TrustStore(_documents, _clock);
        Assert.Null(reloaded.FindKey(Publisher, kept.Kid));
        await reloaded.LoadAsync(default);

        Assert.Equal(KeyStatus.Active, reloaded.FindKey(Publisher, kept.Kid)!.Status);
        var gone = reloaded.FindKey(Publisher, revoked.Kid)!;
        Assert.Equal((KeyStatus.Revoked, TestSupport.Start, "leaked"), (gone.Status, gone.RevokedAt!.Value, gone.RevocationReason!));
        var json = JsonNode.Parse((await _documents.GetAsync(TrustStore.Collection, Publisher, default))!.Json)!;
        Assert.Equal("revoked", json["keys"]![1]!["status"]!.GetValue<string>());
        Assert.Equal("SelfAsserted", json["level"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_revoked_key_cannot_be_added_back_or_retired()
    {
        var store = TestSupport.TrustStore(_documents, _clock);
        await store.RegisterPublisherAsync(Publisher, "Plant 1", default);
        using var key = EcKeyPair.Generate();
        await store.AddKeyAsync(Publisher, key.ToPublicJwk(), default);
        await store.RevokeKeyAsync(Publisher, key.Kid, "leaked", default);

        Assert.Equal(IdentityErrors.KeyRevoked, (await store.AddKeyAsync(Publisher, key.ToPublicJwk(), default)).Error!.Type);
        Assert.Equal(IdentityErrors.KeyRevoked, (await store.RetireKeyAsync(Publisher, key.Kid, default)).Error!.Type);
        Assert.Equal(IdentityErrors.KeyUnknown, (await store.RevokeKeyAsync(Publisher, "no-such-kid", "x", default)).Error!.Type);
    }

    [Fact]
    public async Task Concurrent_key_additions_from_two_instances_all_persist()
    {
        var first = TestSupport.TrustStore(_documents, _clock);
        var second = TestSupport.TrustStore(_documents, _clock);
        await first.RegisterPublisherAsync(Publisher, "Plant 1", default);
        var keys = Enumerable.Range(0, 8).Select(_ => EcKeyPair.Generate()).ToList();

        var results = await Task.WhenAll(keys.Select((k, i) => Task.Run(() => (i % 2 == 0 ? first : second).AddKeyAsync(Publisher, k.ToPublicJwk(), default))));

        Assert.All(results, r => Assert.True(r.IsSuccess, r.Error?.Message));
        await first.LoadAsync(default);
        Assert.Equal(keys.Select(k => k.Kid).Order(), first.GetPublisher(Publisher)!.Keys.Select(k => k.Kid).Order());
        keys.ForEach(k => k.Dispose());
    }

    [Fact]
    public async Task Version_changes_when_a_key_changes_status_and_not_on_reads()
    {
        var store = TestSupport.TrustStore(_documents, _clock);
        await store.RegisterPublisherAsync(Publisher, "Plant 1", default);
        using var key = EcKeyPair.Generate();
        var v0 = store.Version;
        await store.AddKeyAsync(Publisher, key.ToPublicJwk(), default);
        var v1 = store.Version;
        _ = store.FindKey(Publisher, key.Kid);
        Assert.Equal(v1, store.Version);
        await store.RetireKeyAsync(Publisher, key.Kid, default);
        var v2 = store.Version;

        Assert.True(v0 < v1 && v1 < v2);
    }

    [Fact]
    public async Task An_administrator_makes_a_publisher_organisation_verified()
    {
        var store = TestSupport.TrustStore(_documents, _clock);
        await store.RegisterPublisherAsync(Publisher, "Plant 1", default);

        var result = await store.SetOrganizationVerifiedAsync(Publisher, default);

        Assert.Equal(IdentityLevel.OrganizationVerified, result.Value!.Level);
        Assert.Equal(IdentityErrors.PublisherUnknown, (await store.SetOrganizationVerifiedAsync("cn.nobody", default)).Error!.Type);
    }
}
