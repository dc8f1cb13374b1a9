using System.Net;
using Zhizao.Server.Tests.Infrastructure;

namespace Zhizao.Server.Tests;

public sealed class SecurityTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private readonly ServerHost _server = fixture.Server;

    /// <summary>Every route except health, with a body where the route takes one.</summary>
    public static TheoryData<string, string, string?> ProtectedRoutes => new()
    {
        { "GET", "api/v1/plants", null },
        { "GET", "api/v1/plants/schema", null },
        { "GET", "api/v1/plants/some-plant", null },
        { "POST", "api/v1/plants", """{"schemaVersion":1,"id":"x","sites":[]}""" },
        { "GET", "api/v1/signals", null },
        { "POST", "api/v1/ingest", """{"signal":"a/b/c/d","value":1}""" },
        { "GET", "api/v1/points/raw?signal=a/b/c/d", null },
        { "GET", "api/v1/points/aggregates?signal=a/b/c/d", null },
        { "GET", "api/v1/points/latest", null },
        { "GET", "api/v1/quarantine", null },
        { "GET", "api/v1/quarantine/summary", null },
        { "GET", "api/v1/alarms", null },
        { "POST", "api/v1/alarms/1/ack", null },
        { "GET", "api/v1/agents", null },
        { "POST", "api/v1/agents/cn.zhizao/limit-monitor/skills/check", """{"signal":"a/b/c/d","value":1}""" },
        { "GET", "api/v1/keys", null },
        { "POST", "api/v1/keys", """{"name":"x","role":"admin"}""" },
        { "DELETE", "api/v1/keys/abc", null },
        { "GET", "openapi/v1.json", null },
        { "GET", "metrics", null },
        { "GET", "no/such/route", null },
    };

    [Theory]
    [InlineData("health/live")]
    [InlineData("health/ready")]
    public async Task Health_endpoints_answer_without_a_key(string path)
    {
        using var anonymous = _server.Client(null);

        using var response = await anonymous.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [MemberData(nameof(ProtectedRoutes))]
    public async Task Every_other_route_refuses_a_caller_without_a_key(string method, string path, string? body)
    {
        using var anonymous = _server.Client(null);

        using var response = await anonymous.SendAsync(ApiCalls.Request(new HttpMethod(method), path, body));

        var problem = await response.ProblemAsync(HttpStatusCode.Unauthorized, "unauthenticated");
        Assert.Contains("Bearer", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        Assert.Contains("API key", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(ProtectedRoutes))]
    public async Task Every_other_route_refuses_a_wrong_key(string method, string path, string? body)
    {
        // Right shape and a real key id, wrong secret: only the constant-time comparison can refuse it.
        var keyId = _server.AdminKey.Split('_')[1];
        using var client = _server.Client($"zk_{keyId}_{new string('A', 43)}");

        using var response = await client.SendAsync(ApiCalls.Request(new HttpMethod(method), path, body));

        await response.ProblemAsync(HttpStatusCode.Unauthorized, "unauthenticated");
    }

    [Theory]
    [MemberData(nameof(ProtectedRoutes))]
    public async Task Every_other_route_refuses_a_revoked_key(string method, string path, string? body)
    {
        using var admin = _server.Admin();
        var (id, key) = await admin.CreateKeyAsync(TestPlant.Unique("revoked"), "admin");
        using (var revoke = await admin.DeleteAsync($"api/v1/keys/{id}"))
            Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        using var client = _server.Client(key);

        using var response = await client.SendAsync(ApiCalls.Request(new HttpMethod(method), path, body));

        await response.ProblemAsync(HttpStatusCode.Unauthorized, "unauthenticated");
    }

    [Fact]
    public async Task A_key_works_until_it_is_revoked_and_the_key_list_never_shows_secrets()
    {
        using var admin = _server.Admin();
        var name = TestPlant.Unique("engineer");
        var (id, key) = await admin.CreateKeyAsync(name, "engineer");
        using var engineer = _server.Client(key);
        using (var before = await engineer.GetAsync("api/v1/plants"))
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);

        var keys = (await admin.GetJsonAsync("api/v1/keys")).AsArray();
        var listed = Assert.Single(keys, k => k!["id"]!.GetValue<string>() == id)!;
        Assert.Equal(name, listed["name"]!.GetValue<string>());
        Assert.Equal("engineer", listed["role"]!.GetValue<string>());
        Assert.DoesNotContain(key.Split('_')[2], keys.ToJsonString(), StringComparison.Ordinal);

        using (var revoke = await admin.DeleteAsync($"api/v1/keys/{id}"))
            Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        using (var after = await engineer.GetAsync("api/v1/plants"))
            await after.ProblemAsync(HttpStatusCode.Unauthorized, "unauthenticated");
        using (var again = await admin.DeleteAsync($"api/v1/keys/{id}"))
            await again.ProblemAsync(HttpStatusCode.NotFound, "unknown-key");
    }

    [Fact]
    public async Task The_key_is_also_accepted_in_the_X_Api_Key_header()
    {
        using var client = _server.Client(null);
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/v1/plants");
        request.Headers.Add("X-Api-Key", _server.AdminKey);

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("POST", "api/v1/ingest", """{"signal":"a/b/c/d","value":1}""")]
    [InlineData("POST", "api/v1/keys", """{"name":"x","role":"admin"}""")]
    [InlineData("GET", "api/v1/keys", null)]
    [InlineData("POST", "api/v1/plants", """{"schemaVersion":1,"id":"x","sites":[]}""")]
    [InlineData("POST", "api/v1/alarms/1/ack", null)]
    public async Task A_viewer_key_may_read_but_gets_403_on_writes_and_administration(string method, string path, string? body)
    {
        using var admin = _server.Admin();
        var (_, key) = await admin.CreateKeyAsync(TestPlant.Unique("viewer"), "viewer");
        using var viewer = _server.Client(key);
        using (var read = await viewer.GetAsync("api/v1/signals"))
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);

        using var response = await viewer.SendAsync(ApiCalls.Request(new HttpMethod(method), path, body));

        await response.ProblemAsync(HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task Creating_a_key_with_an_unknown_role_is_a_400_problem()
    {
        using var admin = _server.Admin();

        using var response = await admin.SendAsync(ApiCalls.Request(HttpMethod.Post, "api/v1/keys", """{"name":"x","role":"superuser"}"""));

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest, "invalid-role");
        Assert.Contains("superuser", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_OpenAPI_document_lists_the_routes_for_a_caller_with_a_key()
    {
        using var admin = _server.Admin();

        var document = await admin.GetJsonAsync("openapi/v1.json");

        var paths = document["paths"]!.AsObject().Select(p => p.Key).ToList();
        Assert.Contains("/api/v1/ingest", paths);
        Assert.Contains("/api/v1/points/raw", paths);
        Assert.Contains("/api/v1/plants", paths);
        Assert.Contains("application/x-ndjson", document["paths"]!["/api/v1/ingest"]!["post"]!["requestBody"]!["content"]!.AsObject().Select(c => c.Key));
    }
}
