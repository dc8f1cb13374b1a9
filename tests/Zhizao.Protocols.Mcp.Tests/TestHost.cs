using System.Net;
using System.Security.Claims;
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

namespace Zhizao.Protocols.Mcp.Tests;

/// <summary>
/// A real Kestrel host on 127.0.0.1 with a test bearer scheme (a token names a principal with given scopes), serving Zhizao's
/// MCP endpoint at /mcp and the REST shapes the stdio gateway calls, over a <see cref="TestGateway"/>.
/// </summary>
internal sealed class TestHost : IAsyncDisposable
{
    /// <summary>May call every skill of the test agent.</summary>
    public const string AllToken = "token-all";

    /// <summary>May call only <c>add</c>.</summary>
    public const string AddToken = "token-add";

    public static readonly IReadOnlyDictionary<string, Principal> Principals = new Dictionary<string, Principal>
    {
        [AllToken] = new("engineer-1", "Engineer", PrincipalKind.Person, Principal.DefaultWorkspace, "engineer", [$"skill:{TestGateway.AgentId}:*"], [], []),
        [AddToken] = new("viewer-1", "Viewer", PrincipalKind.Person, Principal.DefaultWorkspace, "viewer", [$"skill:{TestGateway.AgentId}:add"], [], []),
    };

    private readonly WebApplication _app;
    private int _undecidedPolls;

    private TestHost(WebApplication app, TestGateway gateway)
    {
        _app = app;
        Gateway = gateway;
    }

    public TestGateway Gateway { get; }

    /// <summary>How many approval long polls ended undecided (answered 202).</summary>
    public int UndecidedPolls => Volatile.Read(ref _undecidedPolls);

    /// <summary>The host's address, ending with a slash.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    public Uri McpEndpoint => new(BaseAddress, "mcp");

    public static async Task<TestHost> StartAsync(Action<ZhizaoMcpOptions>? configure = null, TimeSpan? longPoll = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var gateway = new TestGateway(TimeProvider.System);
        builder.Services.AddSingleton<ISkillGateway>(gateway);
        builder.Services.AddAuthentication(TestAuthHandler.SchemeName).AddScheme<AuthenticationSchemeOptions, TestAuthHandler>(TestAuthHandler.SchemeName, null);
        builder.Services.AddAuthorization();
        builder.Services.AddZhizaoMcp(configure);
        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapZhizaoMcp("/mcp");
        var host = new TestHost(app, gateway);
        host.MapRestShapes(longPoll ?? TimeSpan.FromSeconds(20));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        host.BaseAddress = new Uri(address.TrimEnd('/') + "/");
        return host;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    /// <summary>The REST API shapes of the Zhizao server that <see cref="RemoteSkillGateway"/> calls (the lead's server serves the same).</summary>
    private void MapRestShapes(TimeSpan longPoll)
    {
        var gateway = Gateway;
        var api = _app.MapGroup("/api/v1").RequireAuthorization();
        api.MapGet("/skills", (HttpContext http) => Results.Json(gateway.ListCallable(Caller(http))));
        api.MapPost("/agents/{publisher}/{name}/skills/{skill}", async (HttpContext http, string publisher, string name, string skill, CancellationToken cancellationToken) =>
        {
            var input = await JsonNode.ParseAsync(http.Request.Body, cancellationToken: cancellationToken);
            var outcome = await gateway.InvokeAsync(Caller(http), new SkillCall($"{publisher}/{name}", skill, input, "api"), cancellationToken);
            return Answer(http, outcome);
        });
        api.MapGet("/approvals/{id}/wait", async (HttpContext http, string id, CancellationToken cancellationToken) =>
        {
            using var poll = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            poll.CancelAfter(longPoll);
            try
            {
                var outcome = await gateway.AwaitApprovalAsync(Caller(http), id, poll.Token);
                return outcome is null ? Results.Problem(statusCode: 404, detail: $"no approval {id}") : Answer(http, outcome);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                Interlocked.Increment(ref _undecidedPolls);
                return Results.Json(new { status = "pending-approval", approvalId = id }, statusCode: 202);
            }
        });
    }

    private static IResult Answer(HttpContext http, GatewayOutcome outcome)
    {
        http.Response.Headers[RemoteSkillGateway.InvocationHeader] = outcome.InvocationId;
        if (outcome.Refusal is { } refusal)
            return Results.Problem(type: $"urn:zhizao:problem:{refusal.Type}", statusCode: refusal.Status, detail: refusal.Message);
        if (outcome.Pending is { } pending)
            return Results.Json(new { status = "pending-approval", approvalId = pending.Id, expiresAt = pending.ExpiresAt }, statusCode: 202);
        if (outcome.Result!.Error is { } error)
            return Results.Problem(type: $"urn:zhizao:problem:{error.Type}", statusCode: (int)HttpStatusCode.UnprocessableEntity, detail: error.Message);
        return Results.Json(outcome.Result.Output);
    }

    private static Principal Caller(HttpContext http) => PrincipalClaims.FromClaims(http.User)!;

    /// <summary>Bearer tokens of <see cref="Principals"/>; anything else is not authenticated.</summary>
    private sealed class TestAuthHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        public const string SchemeName = "TestBearer";

        protected override Task<AuthenticateResult> HandleAuthenticateAsync()
        {
            var header = Request.Headers.Authorization.ToString();
            if (!header.StartsWith("Bearer ", StringComparison.Ordinal) || !Principals.TryGetValue(header["Bearer ".Length..], out var principal))
                return Task.FromResult(AuthenticateResult.NoResult());
            var identity = new ClaimsIdentity(PrincipalClaims.ToClaims(principal), SchemeName);
            return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
        }
    }
}
