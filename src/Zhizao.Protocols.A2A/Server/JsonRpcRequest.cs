using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Zhizao.Protocols.A2A.Protocol;

namespace Zhizao.Protocols.A2A.Server;

/// <summary>A validated JSON-RPC 2.0 request.</summary>
internal sealed record JsonRpcRequest(JsonNode? Id, string Method, JsonObject Params)
{
    private static readonly JsonSerializerOptions WriteOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Reads and validates the request body; the error says precisely what is wrong.</summary>
    public static async Task<(JsonRpcRequest? Request, A2AError? Error, JsonNode? Id)> ReadAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentType is { } contentType && !IsJson(contentType))
            return (null, new A2AError(A2AErrorCodes.ContentTypeNotSupported, $"Content-Type '{contentType}' is not supported; send application/json"), null);
        if (request.ContentLength > maxBytes)
            return (null, TooLarge(maxBytes), null);

        byte[] body;
        using (var buffer = new MemoryStream())
        {
            var chunk = new byte[16 * 1024];
            int read;
            while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > maxBytes)
                    return (null, TooLarge(maxBytes), null);
                buffer.Write(chunk, 0, read);
            }
            body = buffer.ToArray();
        }

        JsonNode? node;
        try
        {
            node = JsonNode.Parse(body);
        }
        catch (JsonException exception)
        {
            return (null, new A2AError(A2AErrorCodes.ParseError, $"Parse error: the body is not JSON ({exception.Message})"), null);
        }
        if (node is JsonArray)
            return (null, new A2AError(A2AErrorCodes.InvalidRequest, "Invalid request: batch requests are not supported; send one request object"), null);
        if (node is not JsonObject json)
            return (null, new A2AError(A2AErrorCodes.InvalidRequest, "Invalid request: the body must be a JSON-RPC request object"), null);

        var id = json["id"];
        if (id is not null && !(id is JsonValue v && (v.TryGetValue<string>(out _) || v.TryGetValue<long>(out _))))
            return (null, new A2AError(A2AErrorCodes.InvalidRequest, "Invalid request: id must be a string, an integer or null"), null);
        if (json["jsonrpc"] is not JsonValue version || !version.TryGetValue<string>(out var versionText) || versionText != "2.0")
            return (null, new A2AError(A2AErrorCodes.InvalidRequest, "Invalid request: jsonrpc must be \"2.0\""), id);
        if (json["method"] is not JsonValue m || !m.TryGetValue<string>(out var method) || method.Length == 0)
            return (null, new A2AError(A2AErrorCodes.InvalidRequest, "Invalid request: method must be a non-empty string"), id);
        var parameters = json["params"] switch
        {
            null => new JsonObject(),
            JsonObject o => o,
            _ => null,
        };
        if (parameters is null)
            return (null, A2AError.InvalidParams("params must be an object"), id);
        return (new JsonRpcRequest(id, method, parameters), null, id);
    }

    /// <summary>A JSON-RPC response: the result, or the error.</summary>
    public static string Response(JsonNode? id, JsonNode? result, A2AError? error)
    {
        var json = new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id?.DeepClone() };
        if (error is not null)
            json["error"] = error.ToJson();
        else
            json["result"] = result;
        return json.ToJsonString(WriteOptions);
    }

    private static bool IsJson(string contentType)
    {
        var media = contentType.Split(';', 2)[0].Trim();
        return media.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || media.EndsWith("+json", StringComparison.OrdinalIgnoreCase);
    }

    private static A2AError TooLarge(int maxBytes) =>
        new(A2AErrorCodes.InvalidRequest, $"Invalid request: the body exceeds {maxBytes} bytes", null, StatusCodes.Status413PayloadTooLarge);
}
