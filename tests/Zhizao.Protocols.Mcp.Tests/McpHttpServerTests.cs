using System.Text.Json;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using Zhizao.Core.Access;

namespace Zhizao.Protocols.Mcp.Tests;

/// <summary>The streamable HTTP server through the official C# MCP client, against a real Kestrel host.</summary>
public sealed class McpHttpServerTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);
    private TestHost _host = null!;

    public async Task InitializeAsync() => _host = await TestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Tools_list_is_exactly_the_callers_callable_skills()
    {
        await using var all = await ConnectAsync(_host, TestHost.AllToken);
        await using var add = await ConnectAsync(_host, TestHost.AddToken);

        var allTools = await all.ListToolsAsync(cancellationToken: Cancel());
        var addTools = await add.ListToolsAsync(cancellationToken: Cancel());

        Assert.Equal(["test.zhizao_calc__add", "test.zhizao_calc__divide", "test.zhizao_calc__release"], allTools.Select(t => t.Name).Order());
        Assert.Equal(["test.zhizao_calc__add"], addTools.Select(t => t.Name));
        Assert.Equal("zhizao", all.ServerInfo?.Name);
    }

    [Fact]
    public async Task Tools_carry_schemas_bilingual_text_and_impact_hints()
    {
        await using var client = await ConnectAsync(_host, TestHost.AllToken);
        var tools = (await client.ListToolsAsync(cancellationToken: Cancel())).ToDictionary(t => t.Name, t => t.ProtocolTool);

        var add = tools["test.zhizao_calc__add"];
        Assert.Equal("Add two numbers (两数相加)", add.Title);
        Assert.Contains("两数相加", add.Description, StringComparison.Ordinal);
        Assert.Contains("L1Informs", add.Description, StringComparison.Ordinal);
        Assert.Equal(["a", "b"], add.InputSchema.GetProperty("required").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("sum", add.OutputSchema!.Value.GetProperty("required")[0].GetString());
        Assert.True(add.Annotations!.ReadOnlyHint);
        Assert.Null(add.Annotations.DestructiveHint);

        var divide = tools["test.zhizao_calc__divide"];
        Assert.False(divide.Annotations!.ReadOnlyHint);
        Assert.Null(divide.Annotations.DestructiveHint);

        // The first answer of an approval-gated tool is a pending notice, so it declares no output schema.
        var release = tools["test.zhizao_calc__release"];
        Assert.True(release.Annotations!.DestructiveHint);
        Assert.False(release.Annotations.ReadOnlyHint);
        Assert.Null(release.OutputSchema);
        Assert.True(release.Meta![McpToolMapping.SkillMetaKey]!["needsApproval"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Allowed_call_returns_structured_output_and_json_text_through_the_gateway()
    {
        await using var client = await ConnectAsync(_host, TestHost.AddToken);

        var result = await client.CallToolAsync("test.zhizao_calc__add", new Dictionary<string, object?> { ["a"] = 2, ["b"] = 3.5 }, cancellationToken: Cancel());

        Assert.NotEqual(true, result.IsError);
        Assert.Equal(5.5, result.StructuredContent!.Value.GetProperty("sum").GetDouble());
        Assert.Equal(5.5, JsonDocument.Parse(Assert.IsType<TextContentBlock>(Assert.Single(result.Content)).Text).RootElement.GetProperty("sum").GetDouble());
        var (caller, call) = Assert.Single(_host.Gateway.Calls);
        Assert.Equal("viewer-1", caller.Id);
        Assert.Equal(new SkillCall(TestGateway.AgentId, "add", call.Input, "mcp"), call);
        Assert.Equal("inv-1", result.Meta![McpToolMapping.InvocationMetaKey]!.GetValue<string>());
    }

    [Fact]
    public async Task Tool_outside_the_callers_scope_is_refused_as_a_tool_error_by_the_gateway()
    {
        await using var client = await ConnectAsync(_host, TestHost.AddToken);

        var result = await client.CallToolAsync("test.zhizao_calc__release", new Dictionary<string, object?> { ["machine"] = "cnc-03" }, cancellationToken: Cancel());

        Assert.True(result.IsError);
        Assert.StartsWith("scope-denied: viewer-1 may not call", Text(result), StringComparison.Ordinal);
        Assert.Null(result.StructuredContent);
        Assert.Equal(403, result.Meta![McpToolMapping.RefusalMetaKey]!["status"]!.GetValue<int>());
        Assert.Equal("release", Assert.Single(_host.Gateway.Calls).Call.Skill);
    }

    [Fact]
    public async Task Unknown_tool_names_are_refused_without_calling_a_skill()
    {
        await using var client = await ConnectAsync(_host, TestHost.AllToken);

        var unparsable = await client.CallToolAsync("no-such-tool", cancellationToken: Cancel());
        var unknownAgent = await client.CallToolAsync("other.org_agent__add", cancellationToken: Cancel());

        Assert.True(unparsable.IsError);
        Assert.StartsWith("unknown-skill: no tool named 'no-such-tool'", Text(unparsable), StringComparison.Ordinal);
        Assert.True(unknownAgent.IsError);
        Assert.StartsWith("unknown-agent:", Text(unknownAgent), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Skill_failure_is_a_tool_error_naming_the_error_type()
    {
        await using var client = await ConnectAsync(_host, TestHost.AllToken);

        var result = await client.CallToolAsync("test.zhizao_calc__divide", new Dictionary<string, object?> { ["a"] = 1, ["b"] = 0 }, cancellationToken: Cancel());

        Assert.True(result.IsError);
        Assert.Equal("failed: cannot divide by zero", Text(result));
    }

    [Fact]
    public async Task Call_needing_approval_answers_pending_with_the_approval_id_and_deadline()
    {
        await using var client = await ConnectAsync(_host, TestHost.AllToken);

        var result = await client.CallToolAsync("test.zhizao_calc__release", new Dictionary<string, object?> { ["machine"] = "cnc-03" }, cancellationToken: Cancel());

        Assert.NotEqual(true, result.IsError);
        var structured = result.StructuredContent!.Value;
        Assert.Equal("pending-approval", structured.GetProperty("status").GetString());
        var id = structured.GetProperty("approvalId").GetString()!;
        Assert.True(DateTimeOffset.Parse(structured.GetProperty("expiresAt").GetString()!, System.Globalization.CultureInfo.InvariantCulture) > DateTimeOffset.UtcNow);
        Assert.Contains($"awaits approval {id} until", Text(result), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unauthenticated_clients_are_turned_away()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => ConnectAsync(_host, "not-a-token"));

        Assert.Contains("401", error.ToString(), StringComparison.Ordinal);
    }

    internal static async Task<McpClient> ConnectAsync(TestHost host, string token) =>
        await McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = host.McpEndpoint,
            TransportMode = HttpTransportMode.StreamableHttp,
            AdditionalHeaders = new Dictionary<string, string> { ["Authorization"] = $"Bearer {token}" },
        }), cancellationToken: Cancel());

    internal static string Text(CallToolResult result) => Assert.IsType<TextContentBlock>(Assert.Single(result.Content)).Text;

    internal static CancellationToken Cancel() => new CancellationTokenSource(Timeout).Token;
}
