using System.Text.Json.Nodes;

namespace Zhizao.Protocols.A2A.Client;

/// <summary>Why a call to an external agent failed.</summary>
public enum A2AClientError
{
    /// <summary>The agent could not be reached (DNS, connection refused, TLS).</summary>
    Unreachable,
    /// <summary>The agent did not answer in time.</summary>
    Timeout,
    /// <summary>The agent answered with an HTTP error status and no JSON-RPC error.</summary>
    HttpStatus,
    /// <summary>The answer is not JSON.</summary>
    NotJson,
    /// <summary>The card is not an A2A card (1.0 or 0.3).</summary>
    InvalidCard,
    /// <summary>The card offers no JSON-RPC interface of a version this client speaks.</summary>
    NoCompatibleInterface,
    /// <summary>The agent answered with a JSON-RPC error (<see cref="A2AClientException.RpcCode"/>).</summary>
    RpcError,
    /// <summary>The answer is JSON but not a valid A2A result.</summary>
    InvalidResponse,
}

/// <summary>A failed call to an external A2A agent, with a precise <see cref="Error"/> kind.</summary>
public sealed class A2AClientException : Exception
{
    /// <summary>Creates the exception.</summary>
    public A2AClientException(A2AClientError error, string message, Exception? innerException = null, int? rpcCode = null, JsonNode? rpcData = null)
        : base(message, innerException)
    {
        Error = error;
        RpcCode = rpcCode;
        RpcData = rpcData;
    }

    /// <summary>What went wrong.</summary>
    public A2AClientError Error { get; }

    /// <summary>The JSON-RPC error code, for <see cref="A2AClientError.RpcError"/>.</summary>
    public int? RpcCode { get; }

    /// <summary>The JSON-RPC error data, for <see cref="A2AClientError.RpcError"/>.</summary>
    public JsonNode? RpcData { get; }
}
