using Zhizao.Core.Access;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Zhizao.Identity.Cards;
using Zhizao.Identity.Platform;
using Zhizao.Identity.Trust;
using Zhizao.Tests.Shared;

namespace Zhizao.Identity.Tests.Platform;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class PlatformKeyStoreTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("zhizao-identity-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string KeyPath => Path.Combine(_directory, "keys", "platform.jwk");

    private static Task<PlatformKeyStore> OpenAsync(string path) =>
        PlatformKeyStore.OpenAsync(path, NullLogger<PlatformKeyStore>.Instance, default);

    [Fact]
    public async Task The_key_is_generated_once_into_an_owner_only_file_and_loaded_afterwards()
    {
        string kid;
        using (var first = await OpenAsync(KeyPath))
            kid = first.Kid;

        using var second = await OpenAsync(KeyPath);

        Assert.Equal(kid, second.Kid);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(KeyPath));
        var jwk = JsonNode.Parse(await File.ReadAllTextAsync(KeyPath))!.AsObject();
        Assert.Equal(["kty", "crv", "x", "y", "kid", "alg", "use", "d"], jwk.Select(p => p.Key));
        Assert.False(second.PublicJwk.ContainsKey("d"));
        var data = "签名"u8.ToArray();
        Assert.True(second.PublicKey.Verify(data, second.Sign(data)));
    }

    [Fact]
    public async Task A_key_file_readable_by_others_is_made_owner_only()
    {
        using (await OpenAsync(KeyPath)) { }
        File.SetUnixFileMode(KeyPath, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        using var store = await OpenAsync(KeyPath);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(KeyPath));
    }

    [Fact]
    public async Task A_file_that_is_not_a_private_key_stops_the_start()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(KeyPath)!);
        await File.WriteAllTextAsync(KeyPath, """{"kty":"EC","crv":"P-256"}""");

        await Assert.ThrowsAsync<FormatException>(() => OpenAsync(KeyPath));
    }

    [Fact]
    public async Task The_platform_is_an_organisation_verified_trust_root_and_a_new_key_retires_the_old_one()
    {
        var clock = TestSupport.Clock();
        var trust = TestSupport.TrustStore(new MemoryDocumentStore(), clock);
        var verifier = new CardVerifier(trust);
        using var first = await OpenAsync(KeyPath);
        Assert.True((await first.RegisterAsTrustRootAsync(trust, default)).IsSuccess);
        Assert.True((await first.RegisterAsTrustRootAsync(trust, default)).IsSuccess);
        var card = CardSigner.Sign(TestSupport.Card("cn.zhizao/scheduler"), first.KeyPair);

        var platform = trust.GetPublisher(PlatformKeyStore.Namespace)!;
        Assert.Equal(IdentityLevel.OrganizationVerified, platform.Level);
        Assert.Equal(first.Kid, Assert.Single(platform.Keys).Kid);
        Assert.True(verifier.Verify(card, PlatformKeyStore.Namespace).Valid);

        File.Delete(KeyPath);
        using var second = await OpenAsync(KeyPath);
        await second.RegisterAsTrustRootAsync(trust, default);

        platform = trust.GetPublisher(PlatformKeyStore.Namespace)!;
        Assert.Equal([(first.Kid, KeyStatus.Retired), (second.Kid, KeyStatus.Active)], platform.Keys.Select(k => (k.Kid, k.Status)));
        Assert.True(verifier.Verify(card, PlatformKeyStore.Namespace).Valid);
    }
}
