namespace Zhizao.Protocols.A2A.Protocol;

/// <summary>JSON-RPC error codes of Zhizao's A2A endpoints (the A2A codes of the specification, then Zhizao's own).</summary>
public static class A2AErrorCodes
{
    /// <summary>The body is not JSON.</summary>
    public const int ParseError = -32700;
    /// <summary>Not a JSON-RPC 2.0 request object (also: body too large, batch).</summary>
    public const int InvalidRequest = -32600;
    /// <summary>No such method.</summary>
    public const int MethodNotFound = -32601;
    /// <summary>Parameters, message or skill selection are invalid; also the gateway's invalid-input refusal.</summary>
    public const int InvalidParams = -32602;
    /// <summary>A bug on the server.</summary>
    public const int InternalError = -32603;
    /// <summary>No such task for this caller (A2A TaskNotFoundError).</summary>
    public const int TaskNotFound = -32001;
    /// <summary>The task has finished (A2A TaskNotCancelableError).</summary>
    public const int TaskNotCancelable = -32002;
    /// <summary>Push notifications are not offered (A2A).</summary>
    public const int PushNotificationNotSupported = -32003;
    /// <summary>An A2A method Zhizao does not offer, or a follow-up message to a task (A2A).</summary>
    public const int UnsupportedOperation = -32004;
    /// <summary>The request's Content-Type is not JSON (A2A).</summary>
    public const int ContentTypeNotSupported = -32005;
    /// <summary>Zhizao: refused by policy (scope, grade, asset, delegation, rate, approval, agent unavailable); data = {type, message, status}.</summary>
    public const int Refused = -32050;
    /// <summary>Zhizao: no such agent or skill for this caller; data = {type, message, status}.</summary>
    public const int UnknownAgentOrSkill = -32051;
    /// <summary>Zhizao: an external agent did not answer; data = {type, message, status}.</summary>
    public const int AgentUnreachable = -32052;
    /// <summary>Zhizao: the task store is full of running tasks; retry later.</summary>
    public const int Busy = -32053;
}
