using System.Text.Json.Nodes;
using Zhizao.Protocols.A2A.Cards;

namespace Zhizao.Protocols.A2A;

/// <summary>Card parts every Zhizao A2A endpoint shares: its interfaces and its bearer security scheme.</summary>
public static class A2ACards
{
    /// <summary>Name of the security scheme in <see cref="SecuritySchemes"/>.</summary>
    public const string BearerSchemeName = "bearer";

    /// <summary>The interfaces of a Zhizao JSON-RPC endpoint: A2A 1.0 first (preferred), then 0.3 at the same address.</summary>
    public static IReadOnlyList<AgentInterface> Interfaces(Uri jsonRpcUrl) =>
    [
        new(jsonRpcUrl.AbsoluteUri, "JSONRPC", "1.0"),
        new(jsonRpcUrl.AbsoluteUri, "JSONRPC", "0.3"),
    ];

    /// <summary>Bearer authentication (API key or platform token), in the 1.0 (protobuf JSON) shape.</summary>
    public static IReadOnlyDictionary<string, JsonObject> SecuritySchemes() => new Dictionary<string, JsonObject>
    {
        [BearerSchemeName] = new()
        {
            ["httpAuthSecurityScheme"] = new JsonObject
            {
                ["scheme"] = "Bearer",
                ["description"] = "A Zhizao API key (zk_…) or a platform token",
            },
        },
    };

    /// <summary>Requires <see cref="BearerSchemeName"/>.</summary>
    public static IReadOnlyList<JsonObject> SecurityRequirements() =>
        [new JsonObject { ["schemes"] = new JsonObject { [BearerSchemeName] = new JsonObject { ["list"] = new JsonArray() } } }];
}
