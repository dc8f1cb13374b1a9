using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Zhizao.Protocols.A2A.Cards;
using Zhizao.Protocols.A2A.Protocol;

namespace Zhizao.Protocols.A2A.Client;

/// <summary>
/// Calls external A2A agents (the registry proxies skill calls through it): fetch and read a card (1.0 or 0.3), send a
/// message to a skill with a blocking SendMessage (or 0.3 <c>message/send</c> when the card's JSON-RPC interface is 0.x),
/// and poll GetTask until the task ends. Every failure is an <see cref="A2AClientException"/> with a precise kind.
/// </summary>
public sealed partial class A2AClient(HttpClient http, IOptions<A2AClientOptions> options, TimeProvider time, ILogger<A2AClient> logger)
{
    private const string VersionHeader = "A2A-Version";
    private readonly A2AClientOptions _options = options.Value;
    private long _nextId;

    /// <summary>Fetches the card at <c>{baseUrl}/.well-known/agent-card.json</c> (or at <paramref name="baseUrl"/> when it names the card file).</summary>
    public async Task<AgentCard> GetCardAsync(Uri baseUrl, AuthenticationHeaderValue? authorization = null, CancellationToken cancellationToken = default)
    {
        var url = baseUrl.AbsolutePath.EndsWith("agent-card.json", StringComparison.Ordinal)
            ? baseUrl
            : new Uri(baseUrl.AbsoluteUri.EndsWith('/') ? baseUrl : new Uri(baseUrl.AbsoluteUri + "/"), A2AEndpoints.CardPath);
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add(VersionHeader, "1.0");
        request.Headers.Authorization = authorization;
        var json = await ExchangeAsync(request, cancellationToken);
        return A2ACardReader.Read(json);
    }

    /// <summary>Calls <paramref name="skill"/> of the agent with <paramref name="input"/> and waits for the task to end (or be interrupted).</summary>
    public async Task<A2ACallResult> CallSkillAsync(AgentCard card, string skill, JsonNode? input, AuthenticationHeaderValue? authorization = null, CancellationToken cancellationToken = default)
    {
        var agentInterface = A2ACardReader.SelectInterface(card);
        var dialect = A2ACardReader.DialectOf(agentInterface);
        using var deadline = new CancellationTokenSource(_options.CallTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        A2ACallResult? last = null;
        try
        {
            var message = new A2AMessage(Guid.NewGuid().ToString(), false,
                [A2APart.OfData(new JsonObject { ["skill"] = skill, ["input"] = input?.DeepClone() })],
                new JsonObject { ["skillId"] = skill });
            var result = await RpcAsync(agentInterface.Url, dialect, dialect.SendMethod, dialect.WriteSendParams(message), authorization, linked.Token);
            var (value, isTask) = dialect.ReadSendResult(result)
                ?? throw new A2AClientException(A2AClientError.InvalidResponse, $"the {dialect.SendMethod} result is neither a task nor a message");
            last = isTask ? ReadTask(value, dialect) : ReadMessage(value, dialect);
            while (last.State is A2ATaskState.Submitted or A2ATaskState.Working && last.TaskId is { } taskId)
            {
                await Task.Delay(_options.PollInterval, time, linked.Token);
                last = await GetTaskAsync(agentInterface, dialect, taskId, authorization, linked.Token);
            }
            return last;
        }
        catch (OperationCanceledException exception) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            var where = last?.TaskId is { } id ? $"; task {id} is {A2ATaskStates.ToV03(last.State)}" : "";
            throw Failed(new A2AClientException(A2AClientError.Timeout, $"{card.Name} gave no result for {skill} within {_options.CallTimeout}{where}", exception), agentInterface.Url);
        }
    }

    /// <summary>Reads a task of the agent.</summary>
    public Task<A2ACallResult> GetTaskAsync(AgentCard card, string taskId, AuthenticationHeaderValue? authorization = null, CancellationToken cancellationToken = default)
    {
        var agentInterface = A2ACardReader.SelectInterface(card);
        return GetTaskAsync(agentInterface, A2ACardReader.DialectOf(agentInterface), taskId, authorization, cancellationToken);
    }

    private async Task<A2ACallResult> GetTaskAsync(AgentInterface agentInterface, A2ADialect dialect, string taskId, AuthenticationHeaderValue? authorization, CancellationToken cancellationToken)
    {
        var result = await RpcAsync(agentInterface.Url, dialect, dialect.GetTaskMethod, new JsonObject { ["id"] = taskId }, authorization, cancellationToken);
        return result is JsonObject task
            ? ReadTask(task, dialect)
            : throw new A2AClientException(A2AClientError.InvalidResponse, $"the {dialect.GetTaskMethod} result is not a task");
    }

    private async Task<JsonNode?> RpcAsync(string url, A2ADialect dialect, string method, JsonObject parameters, AuthenticationHeaderValue? authorization, CancellationToken cancellationToken)
    {
        var id = Interlocked.Increment(ref _nextId);
        var body = new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id, ["method"] = method, ["params"] = parameters };
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(VersionHeader, dialect.ProtocolVersion);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.Authorization = authorization;
        var response = await ExchangeAsync(request, cancellationToken);
        if (response is not JsonObject envelope || envelope["jsonrpc"]?.GetValueKind() != JsonValueKind.String || (string?)envelope["jsonrpc"] != "2.0")
            throw Failed(new A2AClientException(A2AClientError.InvalidResponse, $"the answer to {method} is not a JSON-RPC 2.0 response"), url);
        if (envelope["error"] is JsonObject error)
            throw Failed(RpcError(method, error), url);
        if (envelope["id"] is not JsonValue answerId || !answerId.TryGetValue<long>(out var number) || number != id)
            throw Failed(new A2AClientException(A2AClientError.InvalidResponse, $"the answer to {method} carries id {envelope["id"]?.ToJsonString() ?? "null"}, not {id}"), url);
        return envelope["result"];
    }

    /// <summary>One HTTP exchange with the request timeout; the answer as JSON (a JSON-RPC error body is passed on even with an HTTP error status).</summary>
    private async Task<JsonNode?> ExchangeAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var url = request.RequestUri!.AbsoluteUri;
        using var timeout = new CancellationTokenSource(_options.RequestTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token);
            var text = await ReadBoundedAsync(response.Content, linked.Token);
            JsonNode? json = null;
            try
            {
                json = text.Length == 0 ? null : JsonNode.Parse(text);
            }
            catch (JsonException exception) when (response.IsSuccessStatusCode)
            {
                throw Failed(new A2AClientException(A2AClientError.NotJson, $"{url} answered {(int)response.StatusCode} with a body that is not JSON ({exception.Message})", exception), url);
            }
            catch (JsonException)
            {
                // An HTTP error with a non-JSON body: reported below with its status.
            }
            if (!response.IsSuccessStatusCode && !(json is JsonObject answer && answer["error"] is JsonObject))
            {
                var excerpt = text.Length > 200 ? text[..200] + "…" : text;
                throw Failed(new A2AClientException(A2AClientError.HttpStatus, $"{url} answered HTTP {(int)response.StatusCode} {response.ReasonPhrase}: {excerpt}"), url);
            }
            return json ?? throw Failed(new A2AClientException(A2AClientError.NotJson, $"{url} answered with an empty body"), url);
        }
        catch (OperationCanceledException exception) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw Failed(new A2AClientException(A2AClientError.Timeout, $"{url} did not answer within {_options.RequestTimeout}", exception), url);
        }
        catch (HttpRequestException exception)
        {
            throw Failed(new A2AClientException(A2AClientError.Unreachable, $"{url} is unreachable: {exception.Message}", exception), url);
        }
    }

    private async Task<string> ReadBoundedAsync(HttpContent content, CancellationToken cancellationToken)
    {
        if (content.Headers.ContentLength > _options.MaxResponseBytes)
            throw new A2AClientException(A2AClientError.InvalidResponse, $"the answer exceeds {_options.MaxResponseBytes} bytes");
        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > _options.MaxResponseBytes)
                throw new A2AClientException(A2AClientError.InvalidResponse, $"the answer exceeds {_options.MaxResponseBytes} bytes");
            buffer.Write(chunk, 0, read);
        }
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static A2ACallResult ReadTask(JsonObject task, A2ADialect dialect)
    {
        var status = task["status"] as JsonObject;
        var state = A2ATaskStates.Parse(status?["state"] is JsonValue s && s.TryGetValue<string>(out var name) ? name : null);
        var statusParts = dialect.ReadResultParts((status?["message"] as JsonObject)?["parts"]);
        var artifactParts = (task["artifacts"] as JsonArray ?? []).OfType<JsonObject>().SelectMany(a => dialect.ReadResultParts(a["parts"])).ToList();
        var id = task["id"] is JsonValue v && v.TryGetValue<string>(out var taskId) ? taskId : null;
        return new A2ACallResult(id, state, Output(artifactParts), Text(statusParts), dialect.ProtocolVersion);
    }

    private static A2ACallResult ReadMessage(JsonObject message, A2ADialect dialect)
    {
        var parts = dialect.ReadResultParts(message["parts"]);
        return new A2ACallResult(null, A2ATaskState.Completed, Output(parts), Text(parts), dialect.ProtocolVersion);
    }

    private static JsonNode? Output(IReadOnlyList<A2APart> parts) =>
        parts.FirstOrDefault(p => p.IsData) is { } data ? data.Data?.DeepClone() : Text(parts) is { } text ? JsonValue.Create(text) : null;

    private static string? Text(IReadOnlyList<A2APart> parts)
    {
        var texts = parts.Where(p => !p.IsData).Select(p => p.Text).ToList();
        return texts.Count == 0 ? null : string.Concat(texts);
    }

    private static A2AClientException RpcError(string method, JsonObject error)
    {
        var code = error["code"] is JsonValue c && c.TryGetValue<int>(out var n) ? n : (int?)null;
        var message = error["message"] is JsonValue m && m.TryGetValue<string>(out var text) ? text : "(no message)";
        return new A2AClientException(A2AClientError.RpcError, $"{method} failed with JSON-RPC error {code?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"}: {message}",
            null, code, error["data"]?.DeepClone());
    }

    private A2AClientException Failed(A2AClientException exception, string url)
    {
        LogCallFailed(logger, url, exception.Error, exception.Message);
        return exception;
    }

    [LoggerMessage(EventId = 7111, Level = LogLevel.Warning, Message = "A2A call to {Url} failed ({Error}): {Reason}")]
    private static partial void LogCallFailed(ILogger logger, string url, A2AClientError error, string reason);
}
