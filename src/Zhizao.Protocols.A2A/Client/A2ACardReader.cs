using System.Text.Json;
using System.Text.Json.Nodes;
using Zhizao.Protocols.A2A.Cards;
using Zhizao.Protocols.A2A.Protocol;

namespace Zhizao.Protocols.A2A.Client;

/// <summary>
/// Reads agent cards of both protocol versions into the 1.0 model: a card with <c>supportedInterfaces</c> is 1.0; a card
/// with a top-level <c>url</c> (and <c>preferredTransport</c>, <c>additionalInterfaces</c>, <c>protocolVersion</c> 0.x) is
/// 0.3 and is translated as the official SDK's compat layer does.
/// </summary>
public static class A2ACardReader
{
    /// <summary>Reads a card; throws <see cref="A2AClientException"/> (<see cref="A2AClientError.InvalidCard"/>) with the reason.</summary>
    public static AgentCard Read(JsonNode? json)
    {
        if (json is not JsonObject card)
            throw new A2AClientException(A2AClientError.InvalidCard, "the agent card is not a JSON object");
        var v1 = IsLegacy(card) ? FromLegacy(card) : card;
        try
        {
            return AgentCard.FromJson(v1);
        }
        catch (JsonException exception)
        {
            throw new A2AClientException(A2AClientError.InvalidCard, $"the agent card is invalid: {exception.Message}", exception);
        }
    }

    /// <summary>The interface a JSON-RPC client should use: JSONRPC binding, version 1.0 preferred, else 0.x.</summary>
    public static AgentInterface SelectInterface(AgentCard card)
    {
        var jsonRpc = card.SupportedInterfaces.Where(i => string.Equals(i.ProtocolBinding, "JSONRPC", StringComparison.OrdinalIgnoreCase)).ToList();
        return jsonRpc.FirstOrDefault(i => Major(i.ProtocolVersion) == 1)
            ?? jsonRpc.FirstOrDefault(i => Major(i.ProtocolVersion) == 0)
            ?? throw new A2AClientException(A2AClientError.NoCompatibleInterface,
                $"the card of {card.Name} offers no JSON-RPC interface of version 1.x or 0.x (it offers: {string.Join(", ", card.SupportedInterfaces.Select(i => $"{i.ProtocolBinding} {i.ProtocolVersion}"))})");
    }

    /// <summary>The dialect of an interface's protocol version.</summary>
    internal static A2ADialect DialectOf(AgentInterface agentInterface) => Major(agentInterface.ProtocolVersion) == 1 ? A2ADialect.V1 : A2ADialect.V03;

    private static int Major(string? version) =>
        string.IsNullOrWhiteSpace(version) ? 0 : int.TryParse(version.Split('.')[0], out var major) ? major : -1;

    private static bool IsLegacy(JsonObject card)
    {
        if (card["supportedInterfaces"] is JsonArray { Count: > 0 })
            return false;
        return card["url"] is JsonValue
            || card.ContainsKey("preferredTransport") || card.ContainsKey("additionalInterfaces") || card.ContainsKey("supportsAuthenticatedExtendedCard")
            || (card["protocolVersion"] is JsonValue v && v.TryGetValue<string>(out var version) && Major(version) == 0);
    }

    private static JsonObject FromLegacy(JsonObject legacy)
    {
        string? Text(JsonObject o, string name) => o[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
        var interfaces = new JsonArray();
        if (Text(legacy, "url") is { } url)
        {
            interfaces.Add(new JsonObject
            {
                ["url"] = url,
                ["protocolBinding"] = Text(legacy, "preferredTransport") ?? "JSONRPC",
                ["protocolVersion"] = Text(legacy, "protocolVersion") ?? "0.3",
            });
        }
        foreach (var additional in (legacy["additionalInterfaces"] as JsonArray ?? []).OfType<JsonObject>())
        {
            interfaces.Add(new JsonObject
            {
                ["url"] = Text(additional, "url"),
                ["protocolBinding"] = Text(additional, "transport") ?? "JSONRPC",
                ["protocolVersion"] = "0.3",
            });
        }
        var card = new JsonObject { ["supportedInterfaces"] = interfaces };
        foreach (var name in (string[])["name", "description", "version", "provider", "documentationUrl", "defaultInputModes", "defaultOutputModes", "skills", "signatures", "iconUrl", "securitySchemes"])
        {
            if (legacy[name] is { } value)
                card[name] = value.DeepClone();
        }
        var capabilities = legacy["capabilities"]?.DeepClone() as JsonObject ?? [];
        if (legacy["supportsAuthenticatedExtendedCard"] is { } extended)
            capabilities["extendedAgentCard"] = extended.DeepClone();
        card["capabilities"] = capabilities;
        if (legacy["security"] is JsonArray security)
        {
            // 0.3: [{"scheme": ["scope", …]}]; 1.0: [{"schemes": {"scheme": {"list": ["scope", …]}}}]
            card["securityRequirements"] = new JsonArray([.. security.OfType<JsonObject>().Select(requirement => (JsonNode)new JsonObject
            {
                ["schemes"] = new JsonObject(requirement.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)new JsonObject { ["list"] = p.Value?.DeepClone() ?? new JsonArray() }))),
            })]);
        }
        return card;
    }
}
