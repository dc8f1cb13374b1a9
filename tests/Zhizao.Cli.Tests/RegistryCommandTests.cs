using System.Text.Json.Nodes;
using Zhizao.Cli.Tests.Infrastructure;
using Zhizao.Core.Agents;
using Zhizao.Core.Assets;
using Zhizao.Registry.Catalog;

namespace Zhizao.Cli.Tests;

/// <summary><c>zhizao keys</c>, <c>zhizao agents</c> and <c>zhizao audit</c> against a real <c>zhizao up</c>.</summary>
public sealed class RegistryCommandTests(UpFixture fixture) : IClassFixture<UpFixture>, IDisposable
{
    private const int InvalidInput = 2;
    private const int Refused = 3;
    private readonly TempDirectory _files = new();

    public void Dispose() => _files.Dispose();

    private Task<CliResult> RunAsync(params string[] arguments) => ZhizaoCli.RunAsync([.. arguments, .. fixture.ServerOptions]);

    private string File(string name) => Path.Combine(_files.Path, name);

    private static JsonObject Card(string id, string version)
    {
        var descriptor = new AgentDescriptor(id, version, new LocalizedText("Energy monitor", "能耗监测"), new LocalizedText("Compressed-air energy per line", "按产线统计压缩空气能耗"),
            AutonomyGrade.L2Recommends,
            [new SkillDescriptor("report", new LocalizedText("Energy report", "能耗报告"), new JsonObject { ["type"] = "object" }, new JsonObject())]);
        return CardFactory.Create(descriptor, new AgentListing(["operations"], ["food"], ["energy/monitoring"], []), [], "CLI test plant").ToJson();
    }

    [Fact]
    public async Task A_publisher_key_is_generated_registered_and_signs_a_card_that_is_published_once_and_found_in_chinese()
    {
        var ns = "cn.example.cli" + Guid.NewGuid().ToString("N")[..6];
        var generated = await ZhizaoCli.RunAsync("keys", "generate", "--out", File("publisher.jwk"));
        Assert.True(generated.ExitCode == 0, generated.ToString());
        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, System.IO.File.GetUnixFileMode(File("publisher.jwk")));
        Assert.Equal(InvalidInput, (await ZhizaoCli.RunAsync("keys", "generate", "--out", File("publisher.jwk"))).ExitCode);

        var registered = await RunAsync("keys", "register", ns, "--signing-key", File("publisher.jwk"));
        Assert.True(registered.ExitCode == 0, registered.ToString());

        await System.IO.File.WriteAllTextAsync(File("card.json"), Card($"{ns}/energy", "1.0.0").ToJsonString());
        var signed = await ZhizaoCli.RunAsync("keys", "sign", File("card.json"), "--signing-key", File("publisher.jwk"), "--out", File("signed.json"));
        Assert.True(signed.ExitCode == 0, signed.ToString());

        var published = await RunAsync("agents", "publish", File("signed.json"), "--visibility", "public");
        Assert.True(published.ExitCode == 0, published.ToString());
        var again = await RunAsync("agents", "publish", File("signed.json"), "--visibility", "public");
        Assert.Equal(InvalidInput, again.ExitCode);
        Assert.Contains("never change", again.Stderr, StringComparison.Ordinal);

        // Signed by someone else: refused, and nothing is published.
        await ZhizaoCli.RunAsync("keys", "generate", "--out", File("stranger.jwk"));
        await System.IO.File.WriteAllTextAsync(File("card2.json"), Card($"{ns}/energy", "1.1.0").ToJsonString());
        await ZhizaoCli.RunAsync("keys", "sign", File("card2.json"), "--signing-key", File("stranger.jwk"), "--out", File("forged.json"));
        var forged = await RunAsync("agents", "publish", File("forged.json"), "--visibility", "public");
        Assert.Equal(InvalidInput, forged.ExitCode);
        Assert.Contains("key", forged.Stderr, StringComparison.OrdinalIgnoreCase);

        var search = await RunAsync("agents", "search", "能耗", "--json");
        Assert.True(search.ExitCode == 0, search.ToString());
        var hit = Assert.Single(JsonNode.Parse(search.Stdout)!["agents"]!.AsArray(), a => a!["id"]!.GetValue<string>() == $"{ns}/energy");
        Assert.Equal(("1.0.0", "valid"), (hit!["version"]!.GetValue<string>(), hit["signature"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Grade_shows_that_releasing_a_schedule_needs_approval_and_audit_verify_finds_the_chain_intact()
    {
        var grade = await RunAsync("agents", "grade", "cn.zhizao/scheduler", "--json");
        Assert.True(grade.ExitCode == 0, grade.ToString());
        var skills = JsonNode.Parse(grade.Stdout)!["skills"]!.AsArray().ToDictionary(s => s!["skill"]!.GetValue<string>(), s => s!["youMayCall"]!.GetValue<string>());
        Assert.Equal(("after approval", "yes"), (skills["release"], skills["schedule"]));

        var verify = await RunAsync("audit", "verify");
        Assert.True(verify.ExitCode == 0, verify.ToString());
        Assert.Contains("intact", verify.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_key_cannot_be_created_with_more_than_its_creator_holds()
    {
        var restricted = await RunAsync("keys", "create", "limited admin", "--role", "admin", "--scope", "skill:*", "--json");
        Assert.True(restricted.ExitCode == 0, restricted.ToString());
        var limitedKey = JsonNode.Parse(restricted.Stdout)!["key"]!.GetValue<string>();

        var escalation = await ZhizaoCli.RunAsync("keys", "create", "escalated", "--role", "admin", "--server", fixture.Up.Address.ToString(), "--key", limitedKey);
        Assert.Equal(Refused, escalation.ExitCode);
        Assert.Contains("scopes its creator does not hold", escalation.Stderr, StringComparison.Ordinal);
    }
}
