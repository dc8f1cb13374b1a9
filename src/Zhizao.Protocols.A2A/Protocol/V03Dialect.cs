using System.Text.Json.Nodes;

namespace Zhizao.Protocols.A2A.Protocol;

/// <summary>A2A 0.3 (kind discriminators, lowercase states, final flags), as the SDK's compat layer writes it.</summary>
internal sealed class V03Dialect : A2ADialect
{
    /// <summary>Metadata flag of a data part whose non-object value is wrapped as {"value": …} (0.3 data must be an object).</summary>
    private const string DataPartCompatFlag = "data_part_compat";

    public override string ProtocolVersion => "0.3";

    public override string SendMethod => "message/send";

    public override string GetTaskMethod => "tasks/get";

    /// <summary>As the SDK: no configuration means blocking; a configuration without <c>blocking</c> means return at once.</summary>
    public override bool ReadBlocking(JsonNode? configuration) => configuration switch
    {
        null => true,
        JsonObject c => c["blocking"] is JsonValue v && v.TryGetValue<bool>(out var blocking) && blocking,
        _ => throw A2AProtocolException.InvalidParams("params.configuration must be an object"),
    };

    public override (JsonObject Value, bool IsTask)? ReadSendResult(JsonNode? result) => result switch
    {
        JsonObject o when Kind(o) == "task" => (o, true),
        JsonObject o when Kind(o) == "message" => (o, false),
        _ => null,
    };

    protected override bool ReadRole(JsonNode? role, string path)
    {
        var name = role is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
        return name switch
        {
            "user" => false,
            "agent" => true,
            _ => throw A2AProtocolException.InvalidParams($"{path} must be \"user\" or \"agent\""),
        };
    }

    protected override A2APart? ReadPart(JsonObject part, string path)
    {
        switch (Kind(part))
        {
            case "text":
                return part["text"] is JsonValue v && v.TryGetValue<string>(out var text)
                    ? A2APart.OfText(text)
                    : throw A2AProtocolException.InvalidParams($"{path}.text must be a string");
            case "data":
                if (part["data"] is not JsonObject data)
                    throw A2AProtocolException.InvalidParams($"{path}.data must be an object");
                var wrapped = part["metadata"] is JsonObject m && m[DataPartCompatFlag] is JsonValue flag && flag.TryGetValue<bool>(out var f) && f;
                return A2APart.OfData(wrapped && data.ContainsKey("value") ? data["value"]?.DeepClone() : data.DeepClone());
            case "file":
                return null;
            default:
                throw A2AProtocolException.InvalidParams($"{path}.kind must be text, data or file");
        }
    }

    public override JsonNode WriteSendResult(JsonObject task) => task;

    public override JsonNode WriteTaskEvent(JsonObject task) => task;

    public override JsonObject WriteSendParams(A2AMessage message) => new()
    {
        ["message"] = WriteMessage(message),
        ["configuration"] = new JsonObject { ["blocking"] = true, ["acceptedOutputModes"] = new JsonArray() },
    };

    protected override string RoleName(bool fromAgent) => fromAgent ? "agent" : "user";

    protected override string StateName(A2ATaskState state) => A2ATaskStates.ToV03(state);

    protected override JsonObject WritePart(A2APart part)
    {
        if (!part.IsData)
            return new JsonObject { ["kind"] = "text", ["text"] = part.Text };
        return part.Data is JsonObject data
            ? new JsonObject { ["kind"] = "data", ["data"] = data.DeepClone() }
            : new JsonObject
            {
                ["kind"] = "data",
                ["data"] = new JsonObject { ["value"] = part.Data?.DeepClone() },
                ["metadata"] = new JsonObject { [DataPartCompatFlag] = true },
            };
    }

    protected override void AddKind(JsonObject json, string kind) => json["kind"] = kind;

    protected override void AddFinal(JsonObject json, bool final) => json["final"] = final;

    protected override JsonNode WrapEvent(string v1Case, JsonObject value) => value;

    private static string? Kind(JsonObject json) => json["kind"] is JsonValue v && v.TryGetValue<string>(out var kind) ? kind : null;
}
