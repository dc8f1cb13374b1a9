using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Zhizao.Identity.Cards;
using Zhizao.Identity.Keys;
using Zhizao.Server.Tests.Infrastructure;
using Zhizao.Tests.Shared;

namespace Zhizao.Server.Tests.Registry;

/// <summary>
/// An external agent written with the official A2A JavaScript SDK (tests/interop/a2a/external-agent.mjs) serving a card its publisher
/// signed: registered by URL, installed and called through Zhizao; its lease running out; its key pinned against a card signed by another key.
/// </summary>
public sealed class ExternalAgentTests(ServerFixture fixture) : IClassFixture<ServerFixture>, IDisposable
{
    private readonly ServerHost _server = fixture.Server;
    private readonly string _cards = Directory.CreateTempSubdirectory("zhizao-external-cards-").FullName;

    [Fact]
    public async Task A_registered_external_agent_is_installed_and_called_through_zhizao_until_its_lease_runs_out()
    {
        using var admin = _server.Admin();
        using var key = EcKeyPair.Generate();
        await admin.RegisterPublisherAsync("cn.example.ext", key);
        var port = Network.FreePort();
        using var agent = await StartAgentAsync(port, CardSigner.Sign(RegistryCalls.Card("cn.example.ext/summer", "1.0.0", Endpoint(port)), key));

        using (var registered = await RegisterAsync(admin, port, leaseSeconds: 60))
            Assert.Equal("published", (await registered.JsonAsync(HttpStatusCode.OK))["status"]!.GetValue<string>());
        var discovered = (await admin.GetJsonAsync("api/v1/registry/agents/cn.example.ext/summer"))["agent"]!;
        Assert.Equal((true, "valid", key.Kid), (discovered["reachable"]!.GetValue<bool>(), discovered["signature"]!.GetValue<string>(), discovered["signedBy"]!.GetValue<string>()));
        using (var installed = await admin.PostAsJsonAsync("api/v1/registry/installations", new { agent = "cn.example.ext/summer" }))
            await installed.JsonAsync(HttpStatusCode.OK);

        using (var call = await admin.InvokeAsync("cn.example.ext/summer", "sum", new JsonObject { ["a"] = 20, ["b"] = 22 }))
        {
            Assert.Equal(42, (await call.JsonAsync(HttpStatusCode.OK))["sum"]!.GetValue<double>());
            var invocation = RegistryCalls.InvocationOf(call);
            await admin.AuditedAsync(e => RegistryCalls.Text(e, "invocation") == invocation && RegistryCalls.Text(e, "decision") == "succeeded", "the proxied call");
        }

        // Renewed for one second, then no more heartbeats.
        using (var shortLease = await RegisterAsync(admin, port, leaseSeconds: 1))
            await shortLease.JsonAsync(HttpStatusCode.OK);
        await Poll.UntilAsync(async () => (await admin.GetJsonAsync("api/v1/registry/agents/cn.example.ext/summer"))["agent"]!["reachable"]!.GetValue<bool>(),
            reachable => !reachable, "the lease to run out", seconds: 15);

        using var late = await admin.InvokeAsync("cn.example.ext/summer", "sum", new JsonObject { ["a"] = 1, ["b"] = 1 });
        await late.ProblemAsync(HttpStatusCode.BadGateway, "agent-unreachable");
        await admin.AssertInvocationDeniedAsync(RegistryCalls.InvocationOf(late), "agent-unreachable");
        Assert.False(agent.HasExited, agent.Output);
    }

    [Fact]
    public async Task An_external_agent_restarted_with_a_card_signed_by_another_key_of_its_publisher_is_refused()
    {
        using var admin = _server.Admin();
        using var pinned = EcKeyPair.Generate();
        using var other = EcKeyPair.Generate();
        await admin.RegisterPublisherAsync("cn.example.pinned", pinned);
        await admin.AddKeyAsync("cn.example.pinned", other);
        var port = Network.FreePort();
        using (var first = await StartAgentAsync(port, CardSigner.Sign(RegistryCalls.Card("cn.example.pinned/summer", "1.0.0", Endpoint(port)), pinned)))
        using (var registered = await RegisterAsync(admin, port, leaseSeconds: 60))
            await registered.JsonAsync(HttpStatusCode.OK);

        using var restarted = await StartAgentAsync(port, CardSigner.Sign(RegistryCalls.Card("cn.example.pinned/summer", "1.0.1", Endpoint(port)), other));
        using var refused = await RegisterAsync(admin, port, leaseSeconds: 60);

        var problem = await refused.ProblemAsync(HttpStatusCode.Conflict, "card-key-changed");
        Assert.Contains(pinned.Kid, problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        await admin.AssertDeniedAsync("card-key-changed", e => RegistryCalls.Text(e, "action") == "register" && RegistryCalls.Text(e, "target") == "cn.example.pinned/summer", "the re-registration");
        var agent = await admin.GetJsonAsync("api/v1/registry/agents/cn.example.pinned/summer");
        Assert.Equal(["1.0.0"], agent["versions"]!.AsArray().Select(v => v!["version"]!.GetValue<string>()));
        Assert.Equal(pinned.Kid, agent["agent"]!["signedBy"]!.GetValue<string>());
    }

    [Fact]
    public async Task Registering_a_url_where_no_agent_answers_is_refused_as_unreachable_and_audited()
    {
        using var admin = _server.Admin();
        var port = Network.FreePort();

        using var refused = await RegisterAsync(admin, port, leaseSeconds: 60);

        await refused.ProblemAsync(HttpStatusCode.BadGateway, "agent-unreachable");
        await admin.AssertDeniedAsync("agent-unreachable", e => RegistryCalls.Text(e, "action") == "register"
            && RegistryCalls.Text(e, "target") == $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/", "the registration");
    }

    public void Dispose() => Directory.Delete(_cards, recursive: true);

    private static string Endpoint(int port) => $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/jsonrpc";

    private static Task<HttpResponseMessage> RegisterAsync(HttpClient http, int port, int leaseSeconds) =>
        http.PostAsJsonAsync("api/v1/registry/external", new { url = $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/", leaseSeconds });

    /// <summary>Starts external-agent.mjs serving <paramref name="card"/> and waits until it answers.</summary>
    private async Task<InteropScript> StartAgentAsync(int port, JsonObject card)
    {
        var file = Path.Combine(_cards, $"card-{port.ToString(CultureInfo.InvariantCulture)}-{Guid.NewGuid():n}.json");
        await File.WriteAllTextAsync(file, card.ToJsonString());
        var script = InteropScript.Start("a2a", "external-agent.mjs", port.ToString(CultureInfo.InvariantCulture), "--card", file);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        await Poll.UntilAsync(async () =>
        {
            Assert.False(script.HasExited, $"external-agent.mjs exited:\n{script.Output}");
            try
            {
                using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/.well-known/agent-card.json"));
                return response.IsSuccessStatusCode && JsonNode.DeepEquals(JsonNode.Parse(await response.Content.ReadAsStringAsync()), card);
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }, served => served, "the external agent to serve its card", context: () => script.Output);
        return script;
    }
}
