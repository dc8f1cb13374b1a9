using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Zhizao.Core.Access;

namespace Zhizao.Protocols.Mcp;

/// <summary>Registers Zhizao's MCP server (streamable HTTP or stdio) and maps its endpoint.</summary>
public static class ZhizaoMcpExtensions
{
    /// <summary>The name the server gives in its MCP server info.</summary>
    public const string ServerName = "zhizao";

    /// <summary>
    /// Adds the MCP server over streamable HTTP (stateless: every request is authenticated on its own). The tools are the
    /// caller's callable skills of the registered <see cref="ISkillGateway"/>; map the endpoint with <see cref="MapZhizaoMcp"/>.
    /// </summary>
    public static IServiceCollection AddZhizaoMcp(this IServiceCollection services, Action<ZhizaoMcpOptions>? configure = null)
    {
        AddServer(services, configure).WithHttpTransport(transport => transport.Stateless = true);
        return services;
    }

    /// <summary>
    /// Adds the MCP server over stdin/stdout for one local client. The transport carries no user: calls run as
    /// <see cref="ZhizaoMcpOptions.LocalCaller"/> (a remote gateway authenticates with its own key). Logging must not write to stdout.
    /// </summary>
    public static IServiceCollection AddZhizaoMcpStdio(this IServiceCollection services, Action<ZhizaoMcpOptions>? configure = null)
    {
        AddServer(services, configure).WithStdioServerTransport();
        return services;
    }

    /// <summary>Maps the streamable HTTP endpoint at <paramref name="pattern"/>; callers must be authenticated.</summary>
    public static IEndpointConventionBuilder MapZhizaoMcp(this IEndpointRouteBuilder endpoints, string pattern = "/mcp") =>
        endpoints.MapMcp(pattern).RequireAuthorization();

    private static IMcpServerBuilder AddServer(IServiceCollection services, Action<ZhizaoMcpOptions>? configure)
    {
        var options = services.AddOptions<ZhizaoMcpOptions>();
        if (configure is not null)
            options.Configure(configure);
        options.Validate(o => o.Validate() is null, "invalid Zhizao MCP options (ApprovalWait 0–10 min, ProgressInterval > 0)").ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ZhizaoMcpTools>();
        return services
            .AddMcpServer(server =>
            {
                server.ServerInfo = new Implementation { Name = ServerName, Title = "Zhizao (智造)", Version = Version };
                server.Capabilities = new ServerCapabilities { Tools = new ToolsCapability { ListChanged = false } };
            })
            .WithListToolsHandler((context, cancellationToken) => Tools(context).ListAsync(context, cancellationToken))
            .WithCallToolHandler((context, cancellationToken) => Tools(context).CallAsync(context, cancellationToken));
    }

    private static ZhizaoMcpTools Tools(MessageContext context) =>
        (context.Services ?? context.Server.Services ?? throw new InvalidOperationException("the MCP server has no services")).GetRequiredService<ZhizaoMcpTools>();

    private static string Version { get; } =
        typeof(ZhizaoMcpExtensions).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(ZhizaoMcpExtensions).Assembly.GetName().Version?.ToString() ?? "0.0.0";
}
