namespace Zhizao.Protocols.Mcp.Tests;

/// <summary>
/// Interoperability with the official TypeScript MCP client (tests/interop/mcp/client.mjs): over streamable HTTP against the
/// test host, and over stdio spawning <c>zhizao mcp</c>, whose remote gateway calls the test host's REST API.
/// </summary>
public sealed class McpInteropTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private TestHost _host = null!;

    public async Task InitializeAsync() => _host = await TestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task TypeScript_client_lists_calls_and_is_refused_over_streamable_http()
    {
        var run = await NodeAsync([_host.McpEndpoint.ToString(), TestHost.AddToken, "--tools", "test.zhizao_calc__add"]);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("""{"check":"denied-call","ok":true""", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("""{"check":"done","ok":true}""", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TypeScript_client_reports_a_mismatch_with_a_non_zero_exit()
    {
        var run = await NodeAsync([_host.McpEndpoint.ToString(), TestHost.AllToken, "--expect", """{"sum":6}""", "--denied-tool", "test.zhizao_calc__nothing"]);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("MISMATCH in allowed-call", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TypeScript_client_lists_calls_and_is_refused_over_stdio_through_zhizao_mcp()
    {
        var run = await NodeAsync(["stdio", "-", "--tools", "test.zhizao_calc__add", "--",
            "dotnet", Cli(), "mcp", "--server", _host.BaseAddress.ToString(), "--key", TestHost.AddToken]);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("""{"check":"denied-call","ok":true""", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("""{"check":"done","ok":true}""", run.Stdout, StringComparison.Ordinal);
        Assert.All(_host.Gateway.Calls, c => Assert.Equal("viewer-1", c.Caller.Id));
    }

    [Fact]
    public async Task Zhizao_mcp_without_a_key_exits_before_serving_with_a_message_on_stderr()
    {
        var run = await ChildProcess.RunAsync("dotnet", [Cli(), "mcp", "--server", _host.BaseAddress.ToString()], Timeout);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("no API key", run.Stderr, StringComparison.Ordinal);
        Assert.Empty(run.Stdout);
    }

    [Fact]
    public async Task Zhizao_mcp_exits_before_serving_when_the_server_refuses_the_key()
    {
        var run = await ChildProcess.RunAsync("dotnet", [Cli(), "mcp", "--server", _host.BaseAddress.ToString(), "--key", "wrong"], Timeout);

        Assert.True(run.ExitCode == 3, run.ToString());
        Assert.Contains("refused the key (401)", run.Stderr, StringComparison.Ordinal);
        Assert.Empty(run.Stdout);
    }

    private static Task<ChildProcess.Result> NodeAsync(IEnumerable<string> arguments)
    {
        InteropPaths.RequireNodeModules();
        return ChildProcess.RunAsync("node", [Path.Combine(InteropPaths.McpClientFolder, "client.mjs"), .. arguments], Timeout, InteropPaths.McpClientFolder);
    }

    private static string Cli()
    {
        var cli = InteropPaths.CliAssembly;
        Assert.True(File.Exists(cli), $"{cli} is missing: build src/Zhizao.Cli (the test project builds it as a project reference)");
        return cli;
    }
}
