using Zhizao.Connectors.Mqtt;

namespace Zhizao.Server.Security;

/// <summary>MQTT devices authenticate with an API key as the password (the user name is free, e.g. the device name).</summary>
internal static class MqttApiKeyAuthentication
{
    private static readonly string[] WriterRoles = ["admin", "engineer", "device", "agent"];

    /// <summary>Makes the embedded broker check API keys unless an explicit user/password or callback is configured.</summary>
    public static void UseApiKeys(IServiceCollection services) =>
        services.AddOptions<MqttBrokerOptions>().Configure<ApiKeyService>((broker, keys) =>
        {
            if (broker.Authenticate is null && string.IsNullOrEmpty(broker.Username))
                broker.Authenticate = (_, password, _) => ValueTask.FromResult(keys.Validate(password) is { } p && WriterRoles.Contains(p.Role));
        });
}
