using System.Text.Json.Nodes;

namespace Zhizao.Protocols.A2A.Protocol;

/// <summary>One part of a message or artifact: text, or JSON data (file parts are refused: skills take JSON).</summary>
internal sealed record A2APart(string? Text, JsonNode? Data, bool IsData)
{
    public static A2APart OfText(string text) => new(text, null, false);

    public static A2APart OfData(JsonNode? data) => new(null, data, true);
}

/// <summary>A message in either protocol version, as Zhizao reads it.</summary>
internal sealed record A2AMessage(
    string MessageId,
    bool FromAgent,
    IReadOnlyList<A2APart> Parts,
    JsonObject? Metadata = null,
    string? ContextId = null,
    string? TaskId = null);
