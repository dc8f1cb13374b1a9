using System.Globalization;
using System.Text.Json.Nodes;
using Zhizao.Protocols.A2A.Tasks;

namespace Zhizao.Protocols.A2A.Protocol;

/// <summary>
/// One protocol version's JSON shapes: A2A 1.0 (protobuf JSON: oneof wrappers, TASK_STATE_… enums, parts without kind) or
/// A2A 0.3 (kind discriminators, lowercase states, final flags). The server reads requests and writes results with the
/// dialect of the method name it was called by; the client speaks the dialect of the agent's interface.
/// </summary>
internal abstract class A2ADialect
{
    public static readonly A2ADialect V1 = new V1Dialect();
    public static readonly A2ADialect V03 = new V03Dialect();

    /// <summary>"1.0" or "0.3" (the A2A-Version header).</summary>
    public abstract string ProtocolVersion { get; }

    public abstract string SendMethod { get; }

    public abstract string GetTaskMethod { get; }

    // ---- reading (server: requests; client: results) ----

    /// <summary>Reads a message; throws <see cref="A2AProtocolException"/> (invalid params) with the JSON path of the fault.</summary>
    public A2AMessage ReadMessage(JsonNode? node, string path = "message")
    {
        if (node is not JsonObject message)
            throw A2AProtocolException.InvalidParams($"{path} is required and must be an object");
        if (message["messageId"] is not JsonValue id || !id.TryGetValue<string>(out var messageId) || messageId.Length == 0)
            throw A2AProtocolException.InvalidParams($"{path}.messageId is required and must be a non-empty string");
        var fromAgent = ReadRole(message["role"], $"{path}.role");
        if (message["parts"] is not JsonArray parts)
            throw A2AProtocolException.InvalidParams($"{path}.parts is required and must be an array");
        var read = new List<A2APart>(parts.Count);
        for (var i = 0; i < parts.Count; i++)
        {
            var partPath = $"{path}.parts[{i}]";
            if (parts[i] is not JsonObject part)
                throw A2AProtocolException.InvalidParams($"{partPath} must be an object");
            read.Add(ReadPart(part, partPath)
                ?? throw A2AProtocolException.InvalidParams($"{partPath} is a file part; Zhizao skills take JSON input (a data part, or JSON text)"));
        }
        return new A2AMessage(messageId, fromAgent, read,
            ReadObject(message, "metadata", path),
            ReadString(message, "contextId", path),
            ReadString(message, "taskId", path));
    }

    /// <summary>Reads the parts of a result (artifacts, status messages) leniently: file parts are skipped.</summary>
    public IReadOnlyList<A2APart> ReadResultParts(JsonNode? parts)
    {
        var read = new List<A2APart>();
        if (parts is not JsonArray array)
            return read;
        for (var i = 0; i < array.Count; i++)
        {
            if (array[i] is JsonObject part && ReadPart(part, $"parts[{i}]") is { } p)
                read.Add(p);
        }
        return read;
    }

    /// <summary>Whether SendMessage must wait for the outcome (false: return the task at once).</summary>
    public abstract bool ReadBlocking(JsonNode? configuration);

    /// <summary>The task or message of a SendMessage result: (object, true when it is a task).</summary>
    public abstract (JsonObject Value, bool IsTask)? ReadSendResult(JsonNode? result);

    /// <summary>True for an agent's message, false for a user's; throws when <paramref name="role"/> is neither.</summary>
    protected abstract bool ReadRole(JsonNode? role, string path);

    /// <summary>Reads a part; null for a file part; throws on a malformed part.</summary>
    protected abstract A2APart? ReadPart(JsonObject part, string path);

    // ---- writing (server: results and events; client: requests) ----

    public JsonObject WriteMessage(A2AMessage message)
    {
        var json = new JsonObject();
        AddKind(json, "message");
        json["messageId"] = message.MessageId;
        if (message.ContextId is not null)
            json["contextId"] = message.ContextId;
        if (message.TaskId is not null)
            json["taskId"] = message.TaskId;
        json["role"] = RoleName(message.FromAgent);
        json["parts"] = new JsonArray([.. message.Parts.Select(p => (JsonNode)WritePart(p))]);
        if (message.Metadata is not null)
            json["metadata"] = message.Metadata.DeepClone();
        return json;
    }

    public JsonObject WriteTask(A2ATaskSnapshot task, int? historyLength = null)
    {
        var json = new JsonObject();
        AddKind(json, "task");
        json["id"] = task.Id;
        json["contextId"] = task.ContextId;
        json["status"] = WriteStatus(task);
        if (task.Artifacts.Count > 0)
            json["artifacts"] = new JsonArray([.. task.Artifacts.Select(a => (JsonNode)WriteArtifact(a))]);
        var history = historyLength is { } n ? task.History.TakeLast(Math.Max(0, n)) : task.History;
        if (history.Any())
            json["history"] = new JsonArray([.. history.Select(m => (JsonNode)WriteMessage(m))]);
        json["metadata"] = new JsonObject { ["agentId"] = task.AgentId, ["skill"] = task.Skill };
        return json;
    }

    /// <summary>The SendMessage result for a task.</summary>
    public abstract JsonNode WriteSendResult(JsonObject task);

    /// <summary>The first event of a stream: the task itself.</summary>
    public abstract JsonNode WriteTaskEvent(JsonObject task);

    public JsonNode WriteEvent(A2ATaskEvent change)
    {
        var task = change.Task;
        var json = new JsonObject();
        if (change.Artifact is { } artifact)
        {
            AddKind(json, "artifact-update");
            json["taskId"] = task.Id;
            json["contextId"] = task.ContextId;
            json["artifact"] = WriteArtifact(artifact);
            json["append"] = false;
            json["lastChunk"] = true;
            return WrapEvent("artifactUpdate", json);
        }
        AddKind(json, "status-update");
        json["taskId"] = task.Id;
        json["contextId"] = task.ContextId;
        json["status"] = WriteStatus(task);
        AddFinal(json, change.IsFinal);
        if (task.Status.Metadata is not null)
            json["metadata"] = task.Status.Metadata.DeepClone();
        return WrapEvent("statusUpdate", json);
    }

    /// <summary>The params of a blocking SendMessage carrying <paramref name="message"/>.</summary>
    public abstract JsonObject WriteSendParams(A2AMessage message);

    protected abstract string RoleName(bool fromAgent);

    protected abstract string StateName(A2ATaskState state);

    protected abstract JsonObject WritePart(A2APart part);

    protected virtual void AddKind(JsonObject json, string kind)
    {
    }

    protected virtual void AddFinal(JsonObject json, bool final)
    {
    }

    protected abstract JsonNode WrapEvent(string v1Case, JsonObject value);

    protected static string? ReadString(JsonObject json, string name, string path) => json[name] switch
    {
        null => null,
        JsonValue v when v.TryGetValue<string>(out var s) => s.Length == 0 ? null : s,
        _ => throw A2AProtocolException.InvalidParams($"{path}.{name} must be a string"),
    };

    protected static JsonObject? ReadObject(JsonObject json, string name, string path) => json[name] switch
    {
        null => null,
        JsonObject o => (JsonObject)o.DeepClone(),
        _ => throw A2AProtocolException.InvalidParams($"{path}.{name} must be an object"),
    };

    private JsonObject WriteStatus(A2ATaskSnapshot task)
    {
        var status = new JsonObject { ["state"] = StateName(task.Status.State) };
        if (task.Status.Message is { } message)
            status["message"] = WriteMessage(message with { TaskId = task.Id, ContextId = task.ContextId });
        status["timestamp"] = task.Status.Timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        return status;
    }

    private JsonObject WriteArtifact(A2AArtifact artifact) => new()
    {
        ["artifactId"] = artifact.ArtifactId,
        ["name"] = artifact.Name,
        ["parts"] = new JsonArray([.. artifact.Parts.Select(p => (JsonNode)WritePart(p))]),
    };
}
