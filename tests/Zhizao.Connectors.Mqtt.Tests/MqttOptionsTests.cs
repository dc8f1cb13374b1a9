using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Zhizao.Connectors.Mqtt.Tests.Infrastructure;
using Zhizao.Core.Ingestion;

namespace Zhizao.Connectors.Mqtt.Tests;

public sealed class MqttOptionsTests
{
    [Fact]
    public void Default_broker_refuses_to_start_without_a_way_to_check_credentials()
    {
        var error = Assert.Single(new MqttBrokerOptions().Validate());
        Assert.Contains("set Username and Password, an Authenticate callback, or AllowAnonymous", error, StringComparison.Ordinal);
        Assert.Empty(new MqttBrokerOptions { Username = "u", Password = "p" }.Validate());
        Assert.Empty(new MqttBrokerOptions { Authenticate = (_, _, _) => ValueTask.FromResult(true) }.Validate());
        Assert.Empty(new MqttBrokerOptions { Enabled = false }.Validate());
    }

    [Fact]
    public void Broker_options_are_checked_field_by_field()
    {
        var errors = new MqttBrokerOptions
        {
            Host = "localhost",
            Port = 70000,
            AllowAnonymous = true,
            MaxPendingMessagesPerClient = 10,
            TopicPrefix = "zhizao/#",
            MaxPayloadBytes = 0,
        }.Validate();
        Assert.Equal(5, errors.Count);
        Assert.Contains(errors, e => e.StartsWith("Host 'localhost' must be an IP address", StringComparison.Ordinal));
    }

    [Fact]
    public void Client_options_are_valid_by_default_and_checked_when_enabled()
    {
        Assert.Empty(new MqttIngestClientOptions().Validate());
        Assert.Empty(new MqttIngestClientOptions { Enabled = true }.Validate());
        var errors = new MqttIngestClientOptions { Enabled = true, QualityOfService = 3, ClientId = "", ReconnectMinDelay = TimeSpan.Zero }.Validate();
        Assert.Equal(3, errors.Count);
    }

    [Fact]
    public async Task AddZhizaoMqtt_runs_the_broker_as_a_hosted_service()
    {
        var ingestor = new RecordingIngestor();
        var port = Network.FreePort();
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddSingleton<IPointIngestor>(ingestor);
        builder.Services.AddZhizaoMqtt(broker =>
        {
            broker.Port = port;
            broker.Username = "device";
            broker.Password = "secret";
        });
        using var host = builder.Build();

        await host.StartAsync();
        var result = await Mosquitto.PublishAsync(Mosquitto.Args(port, "zhizao/s/l/m/x", "5"));
        await host.StopAsync();

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(5, Assert.Single(ingestor.Points).Value.Number);
        Assert.False(host.Services.GetRequiredService<MqttIngestBroker>().IsRunning);
    }

    [Fact]
    public async Task AddZhizaoMqtt_fails_at_start_up_on_invalid_options()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddSingleton<IPointIngestor>(new RecordingIngestor());
        builder.Services.AddZhizaoMqtt(broker => broker.Port = 0, client => client.Enabled = false);
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.Contains(error.Failures, f => f.Contains("Port 0", StringComparison.Ordinal));
    }
}
