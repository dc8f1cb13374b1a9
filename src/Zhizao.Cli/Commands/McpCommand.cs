using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Zhizao.Core.Access;
using Zhizao.Protocols.Mcp;

namespace Zhizao.Cli.Commands;

/// <summary>
/// <c>zhizao mcp</c>: an MCP server on stdin/stdout for a local MCP client (Claude Desktop, VS Code, Cursor …) whose tools are the
/// skills the key may call on a running server. Every call goes to the server's API with the key, so authentication, policy,
/// approvals and audit stay there. stdout carries only MCP messages; everything else goes to stderr.
/// </summary>
public static class McpCommand
{
    // The server knows the caller by the key; the stdio transport itself carries no user.
    private static readonly Principal KeyHolder =
        new("mcp-stdio", "MCP stdio client (the key's holder)", PrincipalKind.Person, Principal.DefaultWorkspace, "viewer", [], [], []);

    public static Command Create()
    {
        var approvalWait = new Option<int>("--approval-wait")
        {
            Description = "Seconds a call that needs approval waits for a person before answering 'pending approval' (0-600, default 0)",
            DefaultValueFactory = _ => 0,
        };
        var command = new Command("mcp", "Serve the skills your key may call as MCP tools on stdio, through a running server") { approvalWait };
        command.Options.Add(CommonOptions.Server);
        command.Options.Add(CommonOptions.Key);
        command.SetAction((result, cancellationToken) => RunAsync(
            result.GetValue(CommonOptions.Server)!, result.GetValue(CommonOptions.Key), result.GetValue(approvalWait), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(string server, string? key, int approvalWaitSeconds, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(key))
            return CliOutput.Fail(ExitCodes.InvalidInput, "no API key: pass --key or set ZHIZAO_KEY (the admin key is printed by 'zhizao up' on first start)");
        if (!Uri.TryCreate(server, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            return CliOutput.Fail(ExitCodes.InvalidInput, $"--server must be an http(s) URL, not '{server}'");
        var approvalWait = TimeSpan.FromSeconds(approvalWaitSeconds);
        if (approvalWait < TimeSpan.Zero || approvalWait > ZhizaoMcpOptions.MaxApprovalWait)
            return CliOutput.Fail(ExitCodes.InvalidInput, $"--approval-wait must be between 0 and {ZhizaoMcpOptions.MaxApprovalWait.TotalSeconds} seconds");

        using var http = ApiClient.CreateHttpClient(server, key);
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        // stdout belongs to the protocol: every log line goes to stderr.
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace).SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton(services => new RemoteSkillGateway(http, services.GetRequiredService<ILogger<RemoteSkillGateway>>()));
        builder.Services.AddSingleton<ISkillGateway>(services => services.GetRequiredService<RemoteSkillGateway>());
        builder.Services.AddZhizaoMcpStdio(o =>
        {
            o.LocalCaller = KeyHolder;
            o.ApprovalWait = approvalWait;
        });
        using var host = builder.Build();

        try
        {
            // Fail before serving when the server is down or refuses the key: an MCP client shows stderr and the exit code.
            var skills = await host.Services.GetRequiredService<RemoteSkillGateway>().ListCallableAsync(KeyHolder, cancellationToken);
            CliOutput.WriteError("zhizao mcp", $"serving {skills.Count} skill{(skills.Count == 1 ? "" : "s")} of {uri} as MCP tools on stdio");
        }
        catch (RemoteSkillGatewayException e)
        {
            return CliOutput.Fail(ExitCodes.Unreachable, e.Message);
        }
        catch (OperationCanceledException)
        {
            return CliOutput.Fail(ExitCodes.Failure, "cancelled");
        }
        await host.RunAsync(cancellationToken);
        return ExitCodes.Ok;
    }
}
