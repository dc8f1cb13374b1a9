using System.Text.Json.Nodes;
using Zhizao.Core.Access;

namespace Zhizao.Protocols.A2A.Protocol;

/// <summary>A JSON-RPC error object, with the HTTP status it is sent with.</summary>
/// <param name="Code">JSON-RPC error code (<see cref="A2AErrorCodes"/>).</param>
/// <param name="Message">What went wrong, precisely.</param>
/// <param name="Data">Structured detail (refusals: {type, message, status}).</param>
/// <param name="HttpStatus">HTTP status of the response (200 unless the request never reached JSON-RPC).</param>
public sealed record A2AError(int Code, string Message, JsonNode? Data = null, int HttpStatus = 200)
{
    /// <summary>The error as a JSON-RPC error object.</summary>
    public JsonObject ToJson()
    {
        var json = new JsonObject { ["code"] = Code, ["message"] = Message };
        if (Data is not null)
            json["data"] = Data.DeepClone();
        return json;
    }

    internal static A2AError InvalidParams(string message) => new(A2AErrorCodes.InvalidParams, message);

    internal static A2AError TaskNotFound(string taskId) => new(A2AErrorCodes.TaskNotFound, $"Task not found: {taskId}");

    /// <summary>The JSON-RPC error for a gateway refusal: the code by refusal type, data {type, message, status}.</summary>
    public static A2AError FromRefusal(Refusal refusal, string? taskId = null)
    {
        var code = refusal.Type switch
        {
            RefusalTypes.InvalidInput => A2AErrorCodes.InvalidParams,
            RefusalTypes.UnknownAgent or RefusalTypes.UnknownSkill => A2AErrorCodes.UnknownAgentOrSkill,
            RefusalTypes.Unreachable => A2AErrorCodes.AgentUnreachable,
            _ => A2AErrorCodes.Refused,
        };
        var data = new JsonObject { ["type"] = refusal.Type, ["message"] = refusal.Message, ["status"] = refusal.Status };
        if (taskId is not null)
            data["taskId"] = taskId;
        return new A2AError(code, refusal.Message, data);
    }
}

/// <summary>Thrown while reading a request that cannot be served; the handler answers <see cref="Error"/>.</summary>
internal sealed class A2AProtocolException(A2AError error) : Exception(error.Message)
{
    public A2AError Error { get; } = error;

    public static A2AProtocolException InvalidParams(string message) => new(A2AError.InvalidParams(message));
}
