using System.Net;
using Zhizao.Server.Tests.Infrastructure;

namespace Zhizao.Server.Tests;

/// <summary>Devices publish to the embedded broker with Debian's mosquitto_pub and an API key as password.</summary>
public sealed class MqttIngestTests(ServerFixture fixture) : IClassFixture<ServerFixture>, IAsyncLifetime
{
    private readonly ServerHost _server = fixture.Server;
    private readonly TestPlant _plant = TestPlant.Create("mqtt");
    private HttpClient _admin = null!;
    private string _deviceKey = "";

    public async Task InitializeAsync()
    {
        _admin = _server.Admin();
        await _admin.ImportPlantAsync(_plant);
        (_, _deviceKey) = await _admin.CreateKeyAsync(TestPlant.Unique("device"), "device");
    }

    public Task DisposeAsync()
    {
        _admin.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_value_acknowledged_at_QoS_1_is_readable_through_the_API()
    {
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);

        var published = await MosquittoPub.PublishAsync(_server.MqttPort, "dev1", _deviceKey, _plant.Topic("temp"), "42.5");

        Assert.True(published.ExitCode == 0, published.Output);
        // The PUBACK comes only once the point is durable: no waiting needed.
        var point = Assert.Single(await _admin.RawAsync(_plant.Temp, before, DateTimeOffset.UtcNow.AddSeconds(1)));
        Assert.Equal(42.5, point.Value);
    }

    [Fact]
    public async Task A_machine_topic_carries_several_signals_with_their_timestamps()
    {
        var t = ApiCalls.MinuteAgo(15);
        var payload = $$$"""
            [{"ts":{{{t.ToUnixTimeMilliseconds()}}},"values":{"temp":3.5,"count":12,"running":true}},
             {"ts":"{{{t.AddSeconds(1):O}}}","values":{"temp":3.75,"count":13,"running":false}}]
            """;

        var published = await MosquittoPub.PublishAsync(_server.MqttPort, "dev2", _deviceKey, _plant.Topic(), payload);

        Assert.True(published.ExitCode == 0, published.Output);
        Assert.Equal([(t, 3.5), (t.AddSeconds(1), 3.75)], await _admin.RawAsync(_plant.Temp, t, t.AddMinutes(1)));
        Assert.Equal([(t, 12.0), (t.AddSeconds(1), 13.0)], await _admin.RawAsync(_plant.Count, t, t.AddMinutes(1)));
        Assert.Equal([(t, 1.0), (t.AddSeconds(1), 0.0)], await _admin.RawAsync(_plant.Running, t, t.AddMinutes(1)));
    }

    [Fact]
    public async Task A_wrong_key_is_refused_at_connect_and_nothing_is_stored()
    {
        var keyId = _deviceKey.Split('_')[1];
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);

        var published = await MosquittoPub.PublishAsync(_server.MqttPort, "dev3", $"zk_{keyId}_wrong", _plant.Topic("pressure"), "1");

        Assert.NotEqual(0, published.ExitCode);
        Assert.Contains("bad user name or password", published.Output, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(await _admin.RawAsync(_plant.Pressure, before, DateTimeOffset.UtcNow.AddSeconds(1)));
    }

    [Theory]
    [InlineData("viewer")]
    [InlineData("operator")]
    public async Task A_key_whose_role_may_not_write_is_refused_at_connect(string role)
    {
        var (_, key) = await _admin.CreateKeyAsync(TestPlant.Unique(role), role);

        var published = await MosquittoPub.PublishAsync(_server.MqttPort, $"dev-{role}", key, _plant.Topic("pressure"), "1");

        Assert.NotEqual(0, published.ExitCode);
    }

    [Fact]
    public async Task A_revoked_device_key_can_no_longer_connect()
    {
        var (id, key) = await _admin.CreateKeyAsync(TestPlant.Unique("gone"), "device");
        var first = await MosquittoPub.PublishAsync(_server.MqttPort, "dev4", key, _plant.Topic("pressure"), "2");
        Assert.True(first.ExitCode == 0, first.Output);
        using (var revoke = await _admin.DeleteAsync($"api/v1/keys/{id}"))
            Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);

        var second = await MosquittoPub.PublishAsync(_server.MqttPort, "dev4", key, _plant.Topic("pressure"), "3");

        Assert.NotEqual(0, second.ExitCode);
    }

    [Fact]
    public async Task A_malformed_payload_is_quarantined_as_malformed_and_the_server_keeps_serving()
    {
        var published = await MosquittoPub.PublishAsync(_server.MqttPort, "dev-bad", _deviceKey, _plant.Topic("temp"), "{\"value\": oops");

        Assert.True(published.ExitCode == 0, published.Output); // MQTT 3.1.1 has no negative PUBACK: the rejection is stored instead.
        var entry = Assert.Single(await _admin.QuarantineAsync("mqtt:dev-bad"))!;
        Assert.Equal("Malformed", entry["reason"]!.GetValue<string>());
        Assert.Equal(_plant.Temp, entry["signal"]!.GetValue<string>());
        Assert.Equal("{\"value\": oops", entry["value"]!.GetValue<string>());
        Assert.Contains("Invalid JSON", entry["message"]!.GetValue<string>(), StringComparison.Ordinal);

        var next = await MosquittoPub.PublishAsync(_server.MqttPort, "dev-bad", _deviceKey, _plant.Topic("count"), "5");
        Assert.True(next.ExitCode == 0, next.Output);
        Assert.Contains(await _admin.RawAsync(_plant.Count, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddSeconds(1)), p => p.Value == 5);
        using var ready = await _server.Client(null).GetAsync("health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Empty(_server.Log.Errors);
    }

    [Fact]
    public async Task An_MQTT_5_publisher_is_told_why_its_payload_was_refused()
    {
        var published = await MosquittoPub.PublishAsync(_server.MqttPort, "dev-v5", _deviceKey, _plant.Topic(), "17", mqtt5: true);

        // mosquitto_pub reports a negative PUBACK as a warning and still exits 0.
        Assert.Contains("Payload format invalid", published.Output, StringComparison.Ordinal);
        Assert.Contains("machine topic expects", published.Output, StringComparison.Ordinal);
        var entry = Assert.Single(await _admin.QuarantineAsync("mqtt:dev-v5"))!;
        Assert.Equal("Malformed", entry["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task Values_that_fail_validation_are_quarantined_per_point_with_their_reason()
    {
        var t = ApiCalls.MinuteAgo(25);
        var payload = $$$"""{"ts":{{{t.ToUnixTimeMilliseconds()}}},"values":{"temp":"warm","count":1.5,"ghost":1,"pressure":2}}""";

        var published = await MosquittoPub.PublishAsync(_server.MqttPort, "dev-mixed", _deviceKey, _plant.Topic(), payload);

        Assert.True(published.ExitCode == 0, published.Output);
        var reasons = (await _admin.QuarantineAsync("mqtt:dev-mixed")).Select(q => q!["reason"]!.GetValue<string>()).Order();
        Assert.Equal(["UnknownSignal", "WrongType", "WrongType"], reasons);
        Assert.Equal([(t, 2.0)], await _admin.RawAsync(_plant.Pressure, t, t.AddSeconds(1)));
    }
}
