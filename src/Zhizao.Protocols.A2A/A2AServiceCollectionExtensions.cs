using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Zhizao.Protocols.A2A.Client;
using Zhizao.Protocols.A2A.Server;
using Zhizao.Protocols.A2A.Tasks;

namespace Zhizao.Protocols.A2A;

/// <summary>DI entry points of the A2A protocol.</summary>
public static class A2AServiceCollectionExtensions
{
    /// <summary>
    /// The A2A server: options (section <see cref="A2AOptions.Section"/>, validated at start-up), the task store and the
    /// JSON-RPC handler. The host registers <see cref="IA2AAgentDirectory"/> and <c>ISkillGateway</c>, then calls
    /// <see cref="A2AEndpoints.MapA2A"/>.
    /// </summary>
    public static IServiceCollection AddA2A(this IServiceCollection services)
    {
        services.AddOptions<A2AOptions>().BindConfiguration(A2AOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<A2ATaskStore>();
        services.TryAddSingleton<A2ATaskRunner>();
        services.TryAddSingleton<A2AJsonRpcHandler>();
        return services;
    }

    /// <summary>The outbound client (typed HttpClient), options in section <see cref="A2AClientOptions.Section"/>.</summary>
    public static IHttpClientBuilder AddA2AClient(this IServiceCollection services)
    {
        services.AddOptions<A2AClientOptions>().BindConfiguration(A2AClientOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        return services.AddHttpClient<A2AClient>();
    }
}
