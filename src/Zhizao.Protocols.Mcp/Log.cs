using Microsoft.Extensions.Logging;

namespace Zhizao.Protocols.Mcp;

/// <summary>Log messages of the MCP server (event ids 7500–7599).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 7501, Level = LogLevel.Debug, Message = "MCP tool {Tool} called by {Principal}: {Outcome} (invocation {InvocationId})")]
    public static partial void ToolCalled(ILogger logger, string tool, string principal, string outcome, string invocationId);

    [LoggerMessage(EventId = 7502, Level = LogLevel.Warning, Message = "Skill {Skill} of agent {AgentId} is not offered as an MCP tool: its input schema is not an object schema")]
    public static partial void SkillNotAnObjectTool(ILogger logger, string agentId, string skill);

    [LoggerMessage(EventId = 7503, Level = LogLevel.Information, Message = "MCP tool {Tool} awaits approval {ApprovalId} until {ExpiresAt}")]
    public static partial void AwaitingApproval(ILogger logger, string tool, string approvalId, DateTimeOffset expiresAt);

    [LoggerMessage(EventId = 7510, Level = LogLevel.Warning, Message = "Zhizao server {Server} could not be reached")]
    public static partial void RemoteUnreachable(ILogger logger, Uri? server, Exception exception);

    [LoggerMessage(EventId = 7511, Level = LogLevel.Debug, Message = "Zhizao server {Server} lists {Count} callable skills")]
    public static partial void RemoteListed(ILogger logger, Uri? server, int count);
}
