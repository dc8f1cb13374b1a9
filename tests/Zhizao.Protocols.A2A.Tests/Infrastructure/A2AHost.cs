using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Zhizao.Core.Access;

namespace Zhizao.Protocols.A2A.Tests.Infrastructure;

/// <summary>
/// A real Kestrel host on 127.0.0.1 (free port) serving the A2A routes over the test gateway and directory, with a test
/// authentication scheme: "Authorization: Bearer alice-token" (skill:*), bob-token (skill:*), limited-token (echo only).
/// </summary>
public sealed class A2AHost : IAsyncLifetime
{
    public const int MaxRequestBytes = 64 * 1024;

    private WebApplication? _app;

    internal TestGateway Gateway { get; } = new([new CalcAgent(), new EchoAgent()], TimeProvider.System);

    public Uri BaseUrl { get; private set; } = null!;

    public HttpClient Http { get; } = new();

    public IServiceProvider Services => _app!.Services;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddAuthentication(TestAuthHandler.SchemeName).AddScheme<AuthenticationSchemeOptions, TestAuthHandler>(TestAuthHandler.SchemeName, null);
        builder.Services.AddAuthorization();
        builder.Services.AddSingleton<ISkillGateway>(Gateway);
        builder.Services.AddSingleton<IA2AAgentDirectory>(new TestDirectory([new CalcAgent(), new EchoAgent()]));
        builder.Services.AddA2A();
        builder.Services.Configure<A2AOptions>(o => o.MaxRequestBytes = MaxRequestBytes);
        builder.Services.AddA2AClient();
        _app = builder.Build();
        _app.UseAuthentication();
        _app.UseAuthorization();
        _app.MapA2A();
        _app.MapGet("/not-json/.well-known/agent-card.json", () => Results.Text("<html>not an agent</html>", "text/html"));
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseUrl = new Uri(address + "/");
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        if (_app is not null)
            await _app.DisposeAsync();
    }

    /// <summary>Posts a JSON-RPC request to <paramref name="path"/> (e.g. a2a/cn.test/calc) and returns the response object.</summary>
    public async Task<JsonObject> RpcAsync(string path, string method, JsonObject parameters, string token = "alice-token", object? id = null)
    {
        var body = new JsonObject { ["jsonrpc"] = "2.0", ["id"] = JsonValue.Create(id ?? 1), ["method"] = method, ["params"] = parameters };
        using var response = await PostAsync(path, body.ToJsonString(), token);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    public Task<HttpResponseMessage> PostAsync(string path, string body, string? token = "alice-token", string contentType = "application/json")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(BaseUrl, path)) { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        if (token is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return Http.SendAsync(request);
    }

    /// <summary>Waits until <paramref name="condition"/> holds (checked every few milliseconds), failing after 10 s.</summary>
    public static async Task WaitForAsync(Func<Task<bool>> condition, string what)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!await condition())
        {
            if (timeout.IsCancellationRequested)
                Assert.Fail($"timed out waiting for {what}");
            await Task.Yield();
            await Task.Delay(10, CancellationToken.None);
        }
    }
}

/// <summary>Bearer tokens mapped to fixed principals.</summary>
internal sealed class TestAuthHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Test";

    private static readonly Dictionary<string, Principal> Principals = new()
    {
        ["alice-token"] = Person("alice", "skill:*"),
        ["bob-token"] = Person("bob", "skill:*"),
        ["limited-token"] = Person("limited", "skill:cn.test/echo:*"),
    };

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.Ordinal))
            return Task.FromResult(AuthenticateResult.NoResult());
        if (!Principals.TryGetValue(header["Bearer ".Length..], out var principal))
            return Task.FromResult(AuthenticateResult.Fail("unknown token"));
        var identity = new ClaimsIdentity(PrincipalClaims.ToClaims(principal), SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    private static Principal Person(string id, string scope) => new(id, id, PrincipalKind.Person, Principal.DefaultWorkspace, "engineer", [scope], [], []);
}
