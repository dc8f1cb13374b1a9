using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Zhizao.Connectors.Mqtt;

/// <summary>Registers the MQTT connectors.</summary>
public static class MqttServiceCollectionExtensions
{
    /// <summary>
    /// Adds the embedded ingest broker and the client mode as hosted services, with options validated at start-up. Each runs only
    /// when its options say <c>Enabled</c> (broker: on by default; client: off). Needs an <see cref="Zhizao.Core.Ingestion.IPointIngestor"/>
    /// and logging registered; uses <see cref="TimeProvider.System"/> unless a <see cref="TimeProvider"/> is registered.
    /// Further configuration composes as usual, e.g. <c>services.Configure&lt;MqttBrokerOptions&gt;(configuration.GetSection("Mqtt:Broker"))</c>.
    /// </summary>
    public static IServiceCollection AddZhizaoMqtt(this IServiceCollection services, Action<MqttBrokerOptions>? broker = null, Action<MqttIngestClientOptions>? client = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var brokerOptions = services.AddOptions<MqttBrokerOptions>().ValidateOnStart();
        if (broker is not null)
            brokerOptions.Configure(broker);
        var clientOptions = services.AddOptions<MqttIngestClientOptions>().ValidateOnStart();
        if (client is not null)
            clientOptions.Configure(client);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MqttBrokerOptions>, MqttOptionsValidator<MqttBrokerOptions>>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MqttIngestClientOptions>, MqttOptionsValidator<MqttIngestClientOptions>>());

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<MqttIngestBroker>();
        services.TryAddSingleton<MqttIngestClient>();
        services.AddHostedService(sp => sp.GetRequiredService<MqttIngestBroker>());
        services.AddHostedService(sp => sp.GetRequiredService<MqttIngestClient>());
        return services;
    }

    private sealed class MqttOptionsValidator<TOptions> : IValidateOptions<TOptions>
        where TOptions : MqttIngestOptions
    {
        public ValidateOptionsResult Validate(string? name, TOptions options)
        {
            var errors = options.Validate();
            return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
        }
    }
}
