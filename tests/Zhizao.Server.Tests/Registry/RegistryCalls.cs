using System.Buffers.Text;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Zhizao.Core.Agents;
using Zhizao.Core.Assets;
using Zhizao.Identity.Cards;
using Zhizao.Identity.Json;
using Zhizao.Identity.Keys;
using Zhizao.Protocols.A2A.Cards;
using Zhizao.Registry.Catalog;
using Zhizao.Server.Tests.Infrastructure;

namespace Zhizao.Server.Tests.Registry;

/// <summary>The registry, identity and audit calls the issue-5 tests make, with the checks every caller would repeat.</summary>
internal static class RegistryCalls
{
    /// <summary>Invokes a skill through the REST gateway.</summary>
    public static Task<HttpResponseMessage> InvokeAsync(this HttpClient http, string agentId, string skill, JsonNode? input) =>
        http.PostAsJsonAsync($"api/v1/agents/{agentId}/skills/{skill}", input ?? new JsonObject());

    /// <summary>The invocation id the gateway gave a call (X-Zhizao-Invocation).</summary>
    public static string InvocationOf(HttpResponseMessage response) =>
        response.Headers.TryGetValues("X-Zhizao-Invocation", out var values) ? values.Single() : throw new InvalidOperationException("no X-Zhizao-Invocation header");

    /// <summary>Every audit entry (its JSON, with "sequence" added), in order.</summary>
    public static async Task<List<JsonObject>> AuditAsync(this HttpClient admin)
    {
        var entries = new List<JsonObject>();
        long after = 0;
        while (true)
        {
            var page = (await admin.GetJsonAsync($"api/v1/audit?after={after}&limit=10000")).AsArray();
            if (page.Count == 0)
                return entries;
            foreach (var record in page)
            {
                var entry = JsonNode.Parse(record!["json"]!.GetValue<string>())!.AsObject();
                after = record["sequence"]!.GetValue<long>();
                entry["sequence"] = after;
                entries.Add(entry);
            }
        }
    }

    /// <summary>The audit entries matching <paramref name="match"/>, waiting (briefly) until there is at least one.</summary>
    public static async Task<List<JsonObject>> AuditedAsync(this HttpClient admin, Func<JsonObject, bool> match, string what) =>
        (await Poll.UntilAsync(async () => (await admin.AuditAsync()).Where(match).ToList(), found => found.Count > 0, $"an audit entry: {what}", seconds: 10)).ToList();

    /// <summary>Checks that a refusal is in the audit log as denied with <paramref name="reason"/>; returns the entry.</summary>
    public static async Task<JsonObject> AssertDeniedAsync(this HttpClient admin, string reason, Func<JsonObject, bool> match, string what)
    {
        var entries = await admin.AuditedAsync(e => Text(e, "decision") == "denied" && Text(e, "reason") == reason && match(e), $"{what} denied with {reason}");
        return entries[^1];
    }

    /// <summary>Checks that the invocation's refusal is audited as denied with <paramref name="reason"/> and that nothing of it ran.</summary>
    public static async Task AssertInvocationDeniedAsync(this HttpClient admin, string invocation, string reason)
    {
        await admin.AssertDeniedAsync(reason, e => Text(e, "invocation") == invocation, $"invocation {invocation}");
        var decisions = (await admin.AuditAsync()).Where(e => Text(e, "invocation") == invocation).Select(e => Text(e, "decision")).ToList();
        Assert.Equal(["denied"], decisions);
    }

    /// <summary>A string member of a JSON object, or null.</summary>
    public static string? Text(JsonObject obj, string name) => obj[name] is JsonValue v && v.TryGetValue<string>(out var text) ? text : null;

    /// <summary>Creates an OAuth client with a secret (admin); returns its id and secret.</summary>
    public static async Task<(string ClientId, string Secret)> CreateSecretClientAsync(this HttpClient admin, string name, string role, params string[] scopes)
    {
        using var response = await admin.PostAsJsonAsync("api/v1/clients", new { name, kind = "service", role, scopes });
        var body = await response.JsonAsync(HttpStatusCode.OK);
        return (body["client"]!["clientId"]!.GetValue<string>(), body["secret"]!.GetValue<string>());
    }

    /// <summary>POST /oauth/token with form fields.</summary>
    public static async Task<HttpResponseMessage> RequestTokenAsync(this ServerHost server, IDictionary<string, string> form)
    {
        using var anonymous = server.Client(null);
        using var content = new FormUrlEncodedContent(form);
        return await anonymous.PostAsync("oauth/token", content);
    }

    /// <summary>A client-credentials token for a secret client; fails the test unless the server issues one.</summary>
    public static async Task<string> TokenAsync(this ServerHost server, string clientId, string secret, string? scope = null)
    {
        var form = new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["client_id"] = clientId, ["client_secret"] = secret };
        if (scope is not null)
            form["scope"] = scope;
        using var response = await server.RequestTokenAsync(form);
        return (await response.JsonAsync(HttpStatusCode.OK))["access_token"]!.GetValue<string>();
    }

    /// <summary>A compact JWS (ES256) over a header and a payload.</summary>
    public static string SignJwt(EcKeyPair key, JsonObject header, JsonObject payload)
    {
        var signingInput = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(header.ToJsonString())) + "." + Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payload.ToJsonString()));
        return signingInput + "." + Base64Url.EncodeToString(key.Sign(Encoding.ASCII.GetBytes(signingInput)));
    }

    /// <summary>The header and payload of a compact JWT.</summary>
    public static (JsonObject Header, JsonObject Payload) ReadJwt(string token)
    {
        var parts = token.Split('.');
        return (JsonNode.Parse(Base64Url.DecodeFromChars(parts[0]))!.AsObject(), JsonNode.Parse(Base64Url.DecodeFromChars(parts[1]))!.AsObject());
    }

    /// <summary>Registers a publisher namespace (owned by the caller's workspace) and adds <paramref name="key"/> as its trust root.</summary>
    public static async Task RegisterPublisherAsync(this HttpClient http, string publisherNamespace, EcKeyPair key)
    {
        using (var registered = await http.PostAsJsonAsync("api/v1/publishers", new { @namespace = publisherNamespace }))
            await registered.JsonAsync(HttpStatusCode.OK);
        await http.AddKeyAsync(publisherNamespace, key);
    }

    /// <summary>Adds a public key to a publisher.</summary>
    public static async Task AddKeyAsync(this HttpClient http, string publisherNamespace, EcKeyPair key)
    {
        using var added = await http.PostAsJsonAsync($"api/v1/publishers/{publisherNamespace}/keys", key.ToPublicJwk());
        var body = await added.JsonAsync(HttpStatusCode.OK);
        Assert.Equal(key.Kid, body["kid"]?.GetValue<string>());
    }

    /// <summary>
    /// The A2A card (with Zhizao's extension) of a small external agent: one L1 information skill <c>sum</c> ({a, b} numbers → {sum}),
    /// reached at <paramref name="endpoint"/> when given.
    /// </summary>
    public static JsonObject Card(string agentId, string version, string? endpoint = null, string description = "Adds two numbers")
    {
        var sum = new SkillDescriptor("sum", new LocalizedText("Adds a and b", "求和"),
            JsonNode.Parse("""{"type":"object","required":["a","b"],"properties":{"a":{"type":"number"},"b":{"type":"number"}}}""")!.AsObject(),
            JsonNode.Parse("""{"type":"object","properties":{"sum":{"type":"number"}}}""")!.AsObject())
        { Grade = AutonomyGrade.L1Informs };
        var descriptor = new AgentDescriptor(agentId, version, new LocalizedText("Sum agent", "求和智能体"), new LocalizedText(description, "两数相加"), AutonomyGrade.L1Informs, [sum]);
        var card = CardFactory.Create(descriptor, new AgentListing(["operations"], ["discrete-manufacturing"], ["math/sum"], []), [], "Interop test");
        if (endpoint is not null)
            card = card with { SupportedInterfaces = [new AgentInterface(endpoint)] };
        return card.ToJson();
    }

    /// <summary>Signs a card as <see cref="CardSigner"/> does, with extra members in the protected header (e.g. a key location).</summary>
    public static JsonObject SignWithHeader(JsonObject card, EcKeyPair key, JsonObject extraHeader)
    {
        var header = new JsonObject { ["alg"] = "ES256", ["kid"] = key.Kid, ["typ"] = "JOSE" };
        foreach (var (name, value) in extraHeader)
            header[name] = value?.DeepClone();
        var protectedHeader = Base64Url.EncodeToString(JsonCanonicalizer.Canonicalize(header));
        var payload = Base64Url.EncodeToString(JsonCanonicalizer.CanonicalizeWithout(card, CardSigner.SignaturesMember));
        var signed = card.DeepClone().AsObject();
        signed[CardSigner.SignaturesMember] = new JsonArray(new JsonObject
        {
            ["protected"] = protectedHeader,
            ["signature"] = Base64Url.EncodeToString(key.Sign(Encoding.ASCII.GetBytes(protectedHeader + "." + payload))),
        });
        return signed;
    }
}
