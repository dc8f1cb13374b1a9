using System.Buffers.Text;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Zhizao.Identity.Json;
using Zhizao.Identity.Keys;
using Zhizao.Identity.Trust;
using Zhizao.Tests.Shared;

namespace Zhizao.Identity.Tests;

internal static class TestSupport
{
    public static readonly DateTimeOffset Start = new(2026, 11, 25, 8, 0, 0, TimeSpan.Zero);

    public static FakeTimeProvider Clock() => new(Start);

    public static TrustStore TrustStore(MemoryDocumentStore store, TimeProvider time, DomainVerifier? verifier = null) =>
        new(store, time, NullLogger<TrustStore>.Instance, verifier);

    /// <summary>An A2A 1.0 agent card as the registry keeps it (shape of Protocols.A2A's AgentCard with Zhizao's extension).</summary>
    public static JsonObject Card(string agentId = "cn.example.plant1/scheduler") => JsonNode.Parse($$"""
        {
          "name": "Scheduler",
          "description": "Plans a job shop",
          "supportedInterfaces": [{ "url": "https://plant1.example.cn/a2a", "protocolBinding": "JSONRPC", "protocolVersion": "1.0", "tenant": "" }],
          "provider": { "organization": "Plant 1", "url": "https://plant1.example.cn" },
          "version": "1.2.0",
          "capabilities": {
            "streaming": true,
            "pushNotifications": false,
            "extensions": [{ "uri": "urn:zhizao:a2a:registry:v1", "description": "", "required": false,
              "params": { "id": "{{agentId}}", "publisher": "cn.example.plant1", "grade": "L2Recommends",
                          "zh": { "name": "排产", "description": "车间排产" },
                          "benchmarks": [{ "suite": "scheduling-taillard", "metric": "mean gap %", "value": 3.25, "date": "2026-11-01", "command": "zhizao bench" }] } }]
          },
          "defaultInputModes": ["application/json", "text/plain"],
          "defaultOutputModes": ["application/json"],
          "skills": [{ "id": "schedule", "name": "Schedule", "description": "Builds a schedule", "tags": ["planning/scheduling"], "examples": [] }]
        }
        """)!.AsObject();

    /// <summary>
    /// Appends a JWS signature with any protected and unprotected header, written here independently of CardSigner
    /// (RFC 7515 signing input over the RFC 8785 form of the card without signatures).
    /// </summary>
    public static JsonObject SignWithHeader(JsonObject card, EcKeyPair key, JsonObject header, JsonObject? unprotected = null)
    {
        var copy = (JsonObject)card.DeepClone();
        var unsigned = (JsonObject)copy.DeepClone();
        unsigned.Remove("signatures");
        var protectedHeader = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(header.ToJsonString()));
        var input = Encoding.ASCII.GetBytes(protectedHeader + "." + Base64Url.EncodeToString(JsonCanonicalizer.Canonicalize(unsigned)));
        var signature = new JsonObject { ["protected"] = protectedHeader, ["signature"] = Base64Url.EncodeToString(key.Sign(input)) };
        if (unprotected is not null)
            signature["header"] = unprotected;
        if (copy["signatures"] is not JsonArray signatures)
            copy["signatures"] = signatures = [];
        signatures.Add(signature);
        return copy;
    }
}
