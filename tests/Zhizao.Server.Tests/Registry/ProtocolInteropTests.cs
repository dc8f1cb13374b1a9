using Zhizao.Protocols.Mcp;
using Zhizao.Server.Tests.Infrastructure;
using Zhizao.Tests.Shared;

namespace Zhizao.Server.Tests.Registry;

/// <summary>
/// The official MCP TypeScript client (tests/interop/mcp/client.mjs) and A2A JavaScript client (tests/interop/a2a/client.mjs) against
/// the full server — real gateway, policy, registry and audit — with an operator key and with a token restricted to one agent.
/// </summary>
public sealed class ProtocolInteropTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private readonly ServerHost _server = fixture.Server;

    [Fact]
    public async Task Mcp_client_lists_exactly_the_callers_skills_and_gets_a_schedule_as_structured_output()
    {
        using var admin = _server.Admin();
        var (_, key) = await admin.CreateKeyAsync("mcp-operator", "operator");
        var tools = await ToolNamesAsync(key);
        Assert.Contains("cn.zhizao_limit-monitor__check", tools);

        var (exitCode, output) = await InteropScript.RunAsync("mcp", "client.mjs", Timeout, new Uri(_server.Address, "mcp").ToString(), key,
            "--tools", string.Join(',', tools),
            "--tool", "cn.zhizao_scheduler__schedule", "--input", """{"demo":true,"timeLimitSeconds":2}""", "--expect", "{}", "--expect-keys", "status,kpis,gantt",
            "--denied-tool", "cn.zhizao_nowhere__nothing", "--denied-input", "{}", "--denied-type", "unknown-agent");

        Assert.True(exitCode == 0, output);
        Assert.Contains("""{"check":"allowed-call-keys","ok":true""", output, StringComparison.Ordinal);
        Assert.Contains("""{"check":"done","ok":true}""", output, StringComparison.Ordinal);
        await admin.AuditedAsync(e => RegistryCalls.Text(e, "channel") == "mcp" && RegistryCalls.Text(e, "target") == "cn.zhizao/scheduler#schedule"
            && RegistryCalls.Text(e, "decision") == "succeeded", "the MCP schedule call");
    }

    [Fact]
    public async Task Mcp_client_with_a_token_for_the_limit_monitor_only_is_refused_the_scheduler()
    {
        using var admin = _server.Admin();
        var (clientId, secret) = await admin.CreateSecretClientAsync("mcp-limit-monitor", "operator", "skill:cn.zhizao/limit-monitor:*");
        var token = await _server.TokenAsync(clientId, secret);

        var (exitCode, output) = await InteropScript.RunAsync("mcp", "client.mjs", Timeout, new Uri(_server.Address, "mcp").ToString(), token,
            "--tools", "cn.zhizao_limit-monitor__acknowledge,cn.zhizao_limit-monitor__alarms,cn.zhizao_limit-monitor__check",
            "--tool", "cn.zhizao_limit-monitor__alarms", "--input", "{}", "--expect", """{"alarms":[]}""",
            "--denied-tool", "cn.zhizao_scheduler__schedule", "--denied-input", """{"demo":true}""", "--denied-type", "scope-denied");

        Assert.True(exitCode == 0, output);
        Assert.Contains("""{"check":"denied-call","ok":true""", output, StringComparison.Ordinal);
        await admin.AssertDeniedAsync("scope-denied", e => RegistryCalls.Text(e, "channel") == "mcp" && RegistryCalls.Text(e, "principal") == clientId
            && RegistryCalls.Text(e, "target") == "cn.zhizao/scheduler#schedule", "the MCP scheduler call");
    }

    [Fact]
    public async Task A2a_client_sends_streams_gets_and_cancels_through_the_full_server_in_1_0_and_0_3()
    {
        using var admin = _server.Admin();
        var (_, key) = await admin.CreateKeyAsync("a2a-operator", "operator");

        // The limit monitor answers at once; the long-running call to cancel is a scheduling run with a 30 s limit.
        var (exitCode, output) = await InteropScript.RunAsync("a2a", "client.mjs", Timeout, _server.Address.ToString(), key,
            "--agent", "cn.zhizao/limit-monitor", "--skill", "alarms", "--input", "{}", "--expect", """{"alarms":[]}""",
            "--hold-agent", "cn.zhizao/scheduler", "--hold-skill", "schedule", "--hold-input", """{"demo":true,"count":60,"timeLimitSeconds":30}""",
            "--denied-skill", "nothing", "--denied-code", "-32051", "--denied-type", "unknown-skill");

        Assert.True(exitCode == 0, output);
        Assert.Contains("\"done\":true", output, StringComparison.Ordinal);
        Assert.Contains("\"check\":\"legacy.cancel\",\"ok\":true", output, StringComparison.Ordinal);
        await admin.AuditedAsync(e => RegistryCalls.Text(e, "channel") == "a2a" && RegistryCalls.Text(e, "target") == "cn.zhizao/limit-monitor#alarms"
            && RegistryCalls.Text(e, "decision") == "succeeded", "the A2A calls");
    }

    /// <summary>The MCP tool names of the skills the REST API says the key may call.</summary>
    private async Task<List<string>> ToolNamesAsync(string key)
    {
        using var client = _server.Client(key);
        var skills = (await client.GetJsonAsync("api/v1/skills")).AsArray();
        return [.. skills.Select(s => McpToolNames.For(s!["agentId"]!.GetValue<string>(), s["skill"]!["name"]!.GetValue<string>())).Order(StringComparer.Ordinal)];
    }
}
