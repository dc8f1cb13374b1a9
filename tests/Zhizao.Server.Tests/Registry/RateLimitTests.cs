using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Zhizao.Server.Tests.Infrastructure;

namespace Zhizao.Server.Tests.Registry;

/// <summary>A server whose callers may make 5 skill calls in a burst, then one every 10 seconds.</summary>
public sealed class RateLimitedServerFixture : ServerFixture
{
    public const int Burst = 5;

    protected override ServerSettings Settings => new()
    {
        Configuration = new Dictionary<string, string?>
        {
            ["Zhizao:RateLimit:Burst"] = Burst.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Zhizao:RateLimit:PerSecond"] = "0.1",
        },
    };
}

/// <summary>Per-principal rate limits on skill calls through the real server.</summary>
public sealed class RateLimitTests(RateLimitedServerFixture fixture) : IClassFixture<RateLimitedServerFixture>
{
    private readonly ServerHost _server = fixture.Server;

    [Fact]
    public async Task The_call_after_a_burst_is_refused_with_429_and_another_principal_is_not_affected()
    {
        using var admin = _server.Admin();
        using var flooder = _server.Client((await admin.CreateKeyAsync("flooder", "operator")).Key);
        using var neighbour = _server.Client((await admin.CreateKeyAsync("neighbour", "operator")).Key);

        for (var i = 0; i < RateLimitedServerFixture.Burst; i++)
        {
            using var allowed = await flooder.InvokeAsync("cn.zhizao/limit-monitor", "alarms", new JsonObject());
            Assert.True(allowed.StatusCode == HttpStatusCode.OK, $"call {i + 1}: {(int)allowed.StatusCode} {await allowed.Content.ReadAsStringAsync()}");
        }
        using var limited = await flooder.InvokeAsync("cn.zhizao/limit-monitor", "alarms", new JsonObject());
        using var other = await neighbour.InvokeAsync("cn.zhizao/limit-monitor", "alarms", new JsonObject());

        var problem = await limited.ProblemAsync(HttpStatusCode.TooManyRequests, "rate-limited");
        Assert.False(string.IsNullOrEmpty(problem["detail"]?.GetValue<string>()));
        await admin.AssertInvocationDeniedAsync(RegistryCalls.InvocationOf(limited), "rate-limited");
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    /// <summary>At 0.1 calls per second the next call is allowed 10 s after the burst: none of the calls in the following second may run.</summary>
    [Fact]
    public async Task A_rate_below_one_call_per_second_is_kept_after_the_burst()
    {
        using var admin = _server.Admin();
        using var flooder = _server.Client((await admin.CreateKeyAsync("slow-flooder", "operator")).Key);
        for (var i = 0; i < RateLimitedServerFixture.Burst; i++)
        {
            using var allowed = await flooder.InvokeAsync("cn.zhizao/limit-monitor", "alarms", new JsonObject());
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        var clock = Stopwatch.StartNew();
        var statuses = new List<HttpStatusCode>();
        while (clock.Elapsed < TimeSpan.FromSeconds(1))
        {
            using var call = await flooder.InvokeAsync("cn.zhizao/limit-monitor", "alarms", new JsonObject());
            statuses.Add(call.StatusCode);
        }

        Assert.True(statuses.All(s => s == HttpStatusCode.TooManyRequests),
            $"{statuses.Count(s => s == HttpStatusCode.OK)} of {statuses.Count} calls within a second of the burst ran at 0.1 calls/s");
    }
}
