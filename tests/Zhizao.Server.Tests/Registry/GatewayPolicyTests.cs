using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Zhizao.Identity.Tokens;
using Zhizao.Server.Tests.Infrastructure;

namespace Zhizao.Server.Tests.Registry;

/// <summary>
/// The gateway's policy through the real server: credentials never grow beyond what they were given (token scopes, clients and keys
/// minted by a restricted credential), the scope rule on calls and on the skill list, and input schemas.
/// </summary>
public sealed class GatewayPolicyTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const string LimitMonitorScope = "skill:cn.zhizao/limit-monitor:*";
    private static readonly string[] NoScopes = [];
    private static readonly string[] AllSkills = ["skill:*"];

    private readonly ServerHost _server = fixture.Server;

    [Theory]
    [InlineData("skill:*")]
    [InlineData("skill:cn.zhizao/scheduler:schedule")]
    [InlineData("skill:cn.zhizao/limit-monitor:check registry:admin")]
    public async Task A_token_request_for_scopes_beyond_the_clients_grant_is_refused(string scope)
    {
        using var admin = _server.Admin();
        var (clientId, secret) = await admin.CreateSecretClientAsync("limit-monitor-only", "operator", LimitMonitorScope);

        using var response = await _server.RequestTokenAsync(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = clientId, ["client_secret"] = secret, ["scope"] = scope,
        });

        var refusal = await response.JsonAsync(HttpStatusCode.BadRequest);
        Assert.Equal(OAuthErrors.InvalidScope, refusal["error"]!.GetValue<string>());
        Assert.False(refusal.ContainsKey("access_token"));
        await admin.AssertDeniedAsync(TokenErrors.ScopeNotGranted, e => RegistryCalls.Text(e, "principal") == clientId, "the scope escalation");
    }

    [Fact]
    public async Task A_token_granted_one_agent_lists_only_its_skills_and_is_refused_another_agent()
    {
        using var admin = _server.Admin();
        var (clientId, secret) = await admin.CreateSecretClientAsync("limit-monitor-caller", "operator", LimitMonitorScope);
        using var client = _server.Client(await _server.TokenAsync(clientId, secret));

        var skills = (await client.GetJsonAsync("api/v1/skills")).AsArray();
        using var call = await client.InvokeAsync("cn.zhizao/scheduler", "schedule", new JsonObject { ["demo"] = true, ["timeLimitSeconds"] = 1 });

        Assert.Equal(["acknowledge", "alarms", "check"], skills.Select(s => s!["skill"]!["name"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        Assert.All(skills, s => Assert.Equal("cn.zhizao/limit-monitor", s!["agentId"]!.GetValue<string>()));
        var problem = await call.ProblemAsync(HttpStatusCode.Forbidden, "scope-denied");
        Assert.Contains("skill:cn.zhizao/scheduler:schedule", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        await admin.AssertInvocationDeniedAsync(RegistryCalls.InvocationOf(call), "scope-denied");
    }

    [Fact]
    public async Task A_scope_restricted_admin_token_cannot_mint_a_client_with_wider_scopes()
    {
        using var admin = _server.Admin();
        var (clientId, secret) = await admin.CreateSecretClientAsync("narrow-admin-1", "admin", LimitMonitorScope);
        using var narrow = _server.Client(await _server.TokenAsync(clientId, secret));

        using var explicitScopes = await narrow.PostAsJsonAsync("api/v1/clients", new { name = "minted-explicit", kind = "service", role = "admin", scopes = AllSkills });
        // No scopes means the role's defaults (skill:*, registry:admin, audit:read …): as much an escalation as naming them.
        using var roleDefaults = await narrow.PostAsJsonAsync("api/v1/clients", new { name = "minted-by-role", kind = "service", role = "admin", scopes = NoScopes });

        await explicitScopes.ProblemAsync(HttpStatusCode.Forbidden, "scope-escalation");
        await roleDefaults.ProblemAsync(HttpStatusCode.Forbidden, "scope-escalation");
        await admin.AssertDeniedAsync("scope-escalation", e => RegistryCalls.Text(e, "action") == "client.create" && RegistryCalls.Text(e, "target") == "minted-by-role", "the minted client");
        var names = (await admin.GetJsonAsync("api/v1/clients")).AsArray().Select(c => c!["name"]!.GetValue<string>()).ToList();
        Assert.DoesNotContain("minted-explicit", names);
        Assert.DoesNotContain("minted-by-role", names);
    }

    [Fact]
    public async Task A_scope_restricted_admin_token_cannot_mint_an_unrestricted_api_key()
    {
        using var admin = _server.Admin();
        var (clientId, secret) = await admin.CreateSecretClientAsync("narrow-admin-2", "admin", LimitMonitorScope);
        using var narrow = _server.Client(await _server.TokenAsync(clientId, secret));

        using var minted = await narrow.PostAsJsonAsync("api/v1/keys", new { name = "minted-key", role = "admin" });

        await minted.ProblemAsync(HttpStatusCode.Forbidden, "scope-escalation");
        await admin.AssertDeniedAsync("scope-escalation", e => RegistryCalls.Text(e, "action") == "key.create" && RegistryCalls.Text(e, "target") == "minted-key", "the minted key");
        var names = (await admin.GetJsonAsync("api/v1/keys")).AsArray().Select(k => k!["name"]!.GetValue<string>()).ToList();
        Assert.DoesNotContain("minted-key", names);
    }

    [Fact]
    public async Task A_skill_input_that_violates_the_schema_is_refused_naming_the_json_location()
    {
        using var admin = _server.Admin();
        var (_, key) = await admin.CreateKeyAsync("schema-operator", "operator");
        using var operatorClient = _server.Client(key);

        using var call = await operatorClient.InvokeAsync("cn.zhizao/limit-monitor", "check", new JsonObject { ["signal"] = "plant/line/machine/temperature", ["value"] = "abc" });

        var problem = await call.ProblemAsync(HttpStatusCode.BadRequest, "invalid-input");
        Assert.Contains("/value", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        await admin.AssertInvocationDeniedAsync(RegistryCalls.InvocationOf(call), "invalid-input");
    }
}
