using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Zhizao.Core.Access;
using Zhizao.Protocols.A2A.Protocol;
using Zhizao.Protocols.A2A.Tasks;

namespace Zhizao.Protocols.A2A.Server;

/// <summary>
/// Serves A2A JSON-RPC for one agent (per-agent endpoint) or for every skill the caller may call (gateway endpoint). The
/// method name chooses the protocol version: 1.0 names (SendMessage …) answer in 1.0 shapes, 0.3 names (message/send …)
/// in 0.3 shapes. Every call goes through <see cref="ISkillGateway"/>.
/// </summary>
internal sealed partial class A2AJsonRpcHandler(
    A2ATaskStore store,
    A2ATaskRunner runner,
    ISkillGateway gateway,
    IA2AAgentDirectory directory,
    IOptions<A2AOptions> options,
    TimeProvider time,
    ILogger<A2AJsonRpcHandler> logger)
{
    private enum Operation { Send, Stream, GetTask, CancelTask, Subscribe, PushConfig, ExtendedCard, ListTasks }

    private static readonly Dictionary<string, (Operation Operation, A2ADialect Dialect)> Methods = new(StringComparer.Ordinal)
    {
        ["SendMessage"] = (Operation.Send, A2ADialect.V1),
        ["SendStreamingMessage"] = (Operation.Stream, A2ADialect.V1),
        ["GetTask"] = (Operation.GetTask, A2ADialect.V1),
        ["CancelTask"] = (Operation.CancelTask, A2ADialect.V1),
        ["SubscribeToTask"] = (Operation.Subscribe, A2ADialect.V1),
        ["ListTasks"] = (Operation.ListTasks, A2ADialect.V1),
        ["CreateTaskPushNotificationConfig"] = (Operation.PushConfig, A2ADialect.V1),
        ["GetTaskPushNotificationConfig"] = (Operation.PushConfig, A2ADialect.V1),
        ["ListTaskPushNotificationConfigs"] = (Operation.PushConfig, A2ADialect.V1),
        ["DeleteTaskPushNotificationConfig"] = (Operation.PushConfig, A2ADialect.V1),
        ["GetExtendedAgentCard"] = (Operation.ExtendedCard, A2ADialect.V1),
        ["message/send"] = (Operation.Send, A2ADialect.V03),
        ["message/stream"] = (Operation.Stream, A2ADialect.V03),
        ["tasks/get"] = (Operation.GetTask, A2ADialect.V03),
        ["tasks/cancel"] = (Operation.CancelTask, A2ADialect.V03),
        ["tasks/resubscribe"] = (Operation.Subscribe, A2ADialect.V03),
        ["tasks/pushNotificationConfig/set"] = (Operation.PushConfig, A2ADialect.V03),
        ["tasks/pushNotificationConfig/get"] = (Operation.PushConfig, A2ADialect.V03),
        ["tasks/pushNotificationConfig/list"] = (Operation.PushConfig, A2ADialect.V03),
        ["tasks/pushNotificationConfig/delete"] = (Operation.PushConfig, A2ADialect.V03),
        ["agent/getAuthenticatedExtendedCard"] = (Operation.ExtendedCard, A2ADialect.V03),
    };

    /// <summary>Answers one JSON-RPC request; <paramref name="agentId"/> is null on the gateway endpoint.</summary>
    public async Task HandleAsync(HttpContext http, string? agentId, CancellationToken cancellationToken)
    {
        JsonNode? id = null;
        try
        {
            if (PrincipalClaims.FromClaims(http.User) is not { } caller)
            {
                await WriteAsync(http, null, null, new A2AError(A2AErrorCodes.InvalidRequest, "Authentication required", null, StatusCodes.Status401Unauthorized), cancellationToken);
                return;
            }
            var (request, readError, requestId) = await JsonRpcRequest.ReadAsync(http.Request, options.Value.MaxRequestBytes, cancellationToken);
            id = requestId;
            if (request is null)
            {
                LogRequestRefused(logger, readError!.Code, readError.Message);
                await WriteAsync(http, id, null, readError, cancellationToken);
                return;
            }
            var (result, error) = await DispatchAsync(http, caller, agentId, request, cancellationToken);
            if (error is not null)
                LogRequestRefused(logger, error.Code, error.Message);
            if (!http.Response.HasStarted)
                await WriteAsync(http, id, result, error, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The caller went away; its tasks keep running and stay readable.
        }
        catch (Exception exception)
        {
            LogInternalError(logger, exception, agentId ?? "gateway");
            if (!http.Response.HasStarted)
                await WriteAsync(http, id, null, new A2AError(A2AErrorCodes.InternalError, "Internal error", null, StatusCodes.Status500InternalServerError), cancellationToken);
        }
    }

    private async Task<(JsonNode? Result, A2AError? Error)> DispatchAsync(HttpContext http, Principal caller, string? agentId, JsonRpcRequest request, CancellationToken cancellationToken)
    {
        if (!Methods.TryGetValue(request.Method, out var method))
            return (null, new A2AError(A2AErrorCodes.MethodNotFound, $"Method not found: {request.Method}"));
        IReadOnlyList<SkillRef>? skills = null;
        if (agentId is not null)
        {
            var card = await directory.GetCardAsync(agentId, caller, A2AEndpoints.JsonRpcUrl(http.Request, agentId), cancellationToken);
            if (card is null)
            {
                return (null, A2AError.FromRefusal(new Refusal(RefusalTypes.UnknownAgent, $"No agent {agentId} is served here", StatusCodes.Status404NotFound))
                    with { HttpStatus = StatusCodes.Status404NotFound });
            }
            skills = [.. card.Skills.Select(s => new SkillRef(agentId, s.Id))];
        }
        try
        {
            return method.Operation switch
            {
                Operation.Send => await SendAsync(caller, agentId, skills, request.Params, method.Dialect, cancellationToken),
                Operation.Stream => await StreamAsync(http, request.Id, Start(caller, agentId, skills, request.Params, method.Dialect, subscribe: true).Subscription!.Value, method.Dialect, cancellationToken),
                Operation.GetTask => (method.Dialect.WriteTask(FindTask(caller, agentId, request.Params).Snapshot, HistoryLength(request.Params)), null),
                Operation.CancelTask => Cancel(caller, agentId, request.Params, method.Dialect),
                Operation.Subscribe => await StreamAsync(http, request.Id, FindTask(caller, agentId, request.Params).Subscribe(), method.Dialect, cancellationToken),
                Operation.PushConfig => (null, new A2AError(A2AErrorCodes.PushNotificationNotSupported, "Push notifications are not supported; stream the task or poll GetTask")),
                Operation.ExtendedCard => (null, new A2AError(A2AErrorCodes.UnsupportedOperation, "No extended card: the card at the well-known path is complete")),
                _ => (null, new A2AError(A2AErrorCodes.UnsupportedOperation, $"{request.Method} is not supported; read each task with GetTask")),
            };
        }
        catch (A2AProtocolException exception)
        {
            return (null, exception.Error);
        }
    }

    private async Task<(JsonNode?, A2AError?)> SendAsync(Principal caller, string? agentId, IReadOnlyList<SkillRef>? skills, JsonObject parameters, A2ADialect dialect, CancellationToken cancellationToken)
    {
        var blocking = dialect.ReadBlocking(parameters["configuration"]);
        var entry = Start(caller, agentId, skills, parameters, dialect, subscribe: false).Entry;
        if (blocking)
            await entry.Settled.WaitAsync(cancellationToken);
        var snapshot = entry.Snapshot;
        if (blocking && snapshot.Status.State == A2ATaskState.Rejected && snapshot.Refusal is { } refusal)
            return (null, A2AError.FromRefusal(refusal, snapshot.Id));
        var history = parameters["configuration"] is JsonObject c ? HistoryLength(c) : null;
        return (dialect.WriteSendResult(dialect.WriteTask(snapshot, history)), null);
    }

    /// <summary>Reads the message, selects the skill, creates the task, subscribes (when streaming) and starts the call.</summary>
    private (A2ATaskEntry Entry, (A2ATaskSnapshot, ChannelReader<A2ATaskEvent>)? Subscription) Start(
        Principal caller, string? agentId, IReadOnlyList<SkillRef>? skills, JsonObject parameters, A2ADialect dialect, bool subscribe)
    {
        var message = dialect.ReadMessage(parameters["message"], "params.message");
        if (message.TaskId is { } taskId)
        {
            var existing = store.Find(caller, taskId) ?? throw new A2AProtocolException(A2AError.TaskNotFound(taskId));
            throw new A2AProtocolException(new A2AError(A2AErrorCodes.UnsupportedOperation,
                $"Task {existing.Id} takes no further messages (a Zhizao skill call is one message); send a new message without taskId"));
        }
        skills ??= [.. gateway.ListCallable(caller).Select(s => new SkillRef(s.AgentId, s.Skill.Name))];
        var target = SkillSelection.Select(message, agentId, skills);
        var entry = store.Create(caller, target.AgentId, target.Skill, message);
        // Subscribing before the call starts is what lets a stream see submitted, working, the artifact and the end in order.
        var subscription = subscribe ? entry.Subscribe() : ((A2ATaskSnapshot, ChannelReader<A2ATaskEvent>)?)null;
        runner.Start(entry, caller, new SkillCall(target.AgentId, target.Skill, target.Input, "a2a"));
        return (entry, subscription);
    }

    private (JsonNode?, A2AError?) Cancel(Principal caller, string? agentId, JsonObject parameters, A2ADialect dialect)
    {
        var entry = FindTask(caller, agentId, parameters);
        if (!entry.TryCancel(time.GetUtcNow(), "Canceled by the caller."))
        {
            var state = entry.Snapshot.Status.State;
            return (null, new A2AError(A2AErrorCodes.TaskNotCancelable, $"Task {entry.Id} is {A2ATaskStates.ToV03(state)} and cannot be canceled"));
        }
        return (dialect.WriteTask(entry.Snapshot), null);
    }

    private A2ATaskEntry FindTask(Principal caller, string? agentId, JsonObject parameters)
    {
        if (parameters["id"] is not JsonValue v || !v.TryGetValue<string>(out var taskId) || taskId.Length == 0)
            throw A2AProtocolException.InvalidParams("params.id (the task id) is required and must be a non-empty string");
        var entry = store.Find(caller, taskId);
        // On a per-agent endpoint only that agent's tasks exist; someone else's task does not exist either.
        return entry is not null && (agentId is null || entry.AgentId == agentId) ? entry : throw new A2AProtocolException(A2AError.TaskNotFound(taskId));
    }

    private static int? HistoryLength(JsonObject parameters) => parameters["historyLength"] switch
    {
        null => null,
        JsonValue v when v.TryGetValue<int>(out var n) && n >= 0 => n,
        _ => throw A2AProtocolException.InvalidParams("historyLength must be a non-negative integer"),
    };

    /// <summary>Writes the task, then each event, as server-sent events, until the final status (or the caller leaves).</summary>
    private static async Task<(JsonNode?, A2AError?)> StreamAsync(
        HttpContext http, JsonNode? id, (A2ATaskSnapshot Snapshot, ChannelReader<A2ATaskEvent> Events) subscription, A2ADialect dialect, CancellationToken cancellationToken)
    {
        var response = http.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        await WriteEventAsync(response, id, dialect.WriteTaskEvent(dialect.WriteTask(subscription.Snapshot)), cancellationToken);
        await foreach (var change in subscription.Events.ReadAllAsync(cancellationToken))
        {
            await WriteEventAsync(response, id, dialect.WriteEvent(change), cancellationToken);
            if (change.IsFinal)
                break;
        }
        return (null, null);
    }

    private static async Task WriteEventAsync(HttpResponse response, JsonNode? id, JsonNode result, CancellationToken cancellationToken)
    {
        await response.WriteAsync($"data: {JsonRpcRequest.Response(id, result, null)}\n\n", cancellationToken);
        await response.Body.FlushAsync(cancellationToken);
    }

    private static Task WriteAsync(HttpContext http, JsonNode? id, JsonNode? result, A2AError? error, CancellationToken cancellationToken)
    {
        http.Response.StatusCode = error?.HttpStatus ?? StatusCodes.Status200OK;
        http.Response.ContentType = "application/json";
        return http.Response.WriteAsync(JsonRpcRequest.Response(id, result, error), cancellationToken);
    }

    [LoggerMessage(EventId = 7103, Level = LogLevel.Debug, Message = "A2A request answered with error {Code}: {Message}")]
    private static partial void LogRequestRefused(ILogger logger, int code, string message);

    [LoggerMessage(EventId = 7104, Level = LogLevel.Error, Message = "A2A request to {Endpoint} failed")]
    private static partial void LogInternalError(ILogger logger, Exception exception, string endpoint);
}
