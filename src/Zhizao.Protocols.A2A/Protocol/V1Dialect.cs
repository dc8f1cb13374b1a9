using System.Text.Json.Nodes;

namespace Zhizao.Protocols.A2A.Protocol;

/// <summary>A2A 1.0 as the official SDK's protobuf JSON writes it.</summary>
internal sealed class V1Dialect : A2ADialect
{
    public override string ProtocolVersion => "1.0";

    public override string SendMethod => "SendMessage";

    public override string GetTaskMethod => "GetTask";

    public override bool ReadBlocking(JsonNode? configuration) =>
        !(configuration is JsonObject c && c["returnImmediately"] is JsonValue v && v.TryGetValue<bool>(out var immediately) && immediately);

    public override (JsonObject Value, bool IsTask)? ReadSendResult(JsonNode? result) =>
        (result as JsonObject)?["task"] is JsonObject task ? (task, true)
        : (result as JsonObject)?["message"] is JsonObject message ? (message, false)
        : null;

    protected override bool ReadRole(JsonNode? role, string path)
    {
        var name = role is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
        return name switch
        {
            null when role is null => false,
            "ROLE_USER" or "user" => false,
            "ROLE_AGENT" or "agent" => true,
            _ => throw A2AProtocolException.InvalidParams($"{path} must be ROLE_USER or ROLE_AGENT"),
        };
    }

    protected override A2APart? ReadPart(JsonObject part, string path)
    {
        if (part["text"] is { } text)
        {
            return text is JsonValue v && v.TryGetValue<string>(out var s)
                ? A2APart.OfText(s)
                : throw A2AProtocolException.InvalidParams($"{path}.text must be a string");
        }
        if (part.ContainsKey("data") && part["data"] is not null)
            return A2APart.OfData(part["data"]!.DeepClone());
        if (part["url"] is not null || part["raw"] is not null)
            return null;
        throw A2AProtocolException.InvalidParams($"{path} has none of text, data, url or raw");
    }

    public override JsonNode WriteSendResult(JsonObject task) => new JsonObject { ["task"] = task };

    public override JsonNode WriteTaskEvent(JsonObject task) => new JsonObject { ["task"] = task };

    public override JsonObject WriteSendParams(A2AMessage message) => new()
    {
        ["message"] = WriteMessage(message),
        ["configuration"] = new JsonObject { ["returnImmediately"] = false },
    };

    protected override string RoleName(bool fromAgent) => fromAgent ? "ROLE_AGENT" : "ROLE_USER";

    protected override string StateName(A2ATaskState state) => A2ATaskStates.ToV1(state);

    protected override JsonObject WritePart(A2APart part) => part.IsData
        ? new JsonObject { ["data"] = part.Data?.DeepClone(), ["mediaType"] = "application/json" }
        : new JsonObject { ["text"] = part.Text };

    protected override JsonNode WrapEvent(string v1Case, JsonObject value) => new JsonObject { [v1Case] = value };
}
