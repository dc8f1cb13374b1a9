using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Zhizao.Core.Access;

namespace Zhizao.Protocols.Mcp;

/// <summary>
/// The <c>tools/list</c> and <c>tools/call</c> handlers: the tools are exactly the caller's callable skills, and every call goes
/// through the skill gateway (policy, approvals, audit) on channel <c>mcp</c>.
/// </summary>
internal sealed class ZhizaoMcpTools(ISkillGateway gateway, IOptions<ZhizaoMcpOptions> options, TimeProvider time, ILogger<ZhizaoMcpTools> logger)
{
    /// <summary>The channel the gateway audits MCP calls under.</summary>
    public const string Channel = "mcp";

    private readonly ZhizaoMcpOptions _options = options.Value;

    public async ValueTask<ListToolsResult> ListAsync(RequestContext<ListToolsRequestParams> context, CancellationToken cancellationToken)
    {
        var caller = Caller(context.User);
        var tools = new List<Tool>();
        foreach (var skill in await ListCallableAsync(caller, cancellationToken))
        {
            if (McpToolMapping.ToTool(skill) is { } tool)
                tools.Add(tool);
            else
                Log.SkillNotAnObjectTool(logger, skill.AgentId, skill.Skill.Name);
        }
        // The list depends on who asks: shared caches must not hand it to another caller.
        return new ListToolsResult { Tools = tools, CacheScope = CacheScope.Private };
    }

    public async ValueTask<CallToolResult> CallAsync(RequestContext<CallToolRequestParams> context, CancellationToken cancellationToken)
    {
        var caller = Caller(context.User);
        var request = context.Params ?? throw new McpProtocolException("tools/call needs parameters", McpErrorCode.InvalidParams);
        var name = request.Name;
        if (!McpToolNames.TryParse(name, out var agentId, out var skill))
        {
            // A hashed name (a skill whose id does not fit a tool name) resolves through the caller's own list only.
            var listed = (await ListCallableAsync(caller, cancellationToken)).FirstOrDefault(s => McpToolNames.For(s.AgentId, s.Skill.Name) == name);
            if (listed is null)
                return McpToolMapping.Refused(new Refusal(RefusalTypes.UnknownSkill, $"no tool named '{name}' is callable by {caller.Id}", 404));
            (agentId, skill) = (listed.AgentId, listed.Skill.Name);
        }

        var arguments = new JsonObject();
        foreach (var (key, value) in request.Arguments ?? new Dictionary<string, System.Text.Json.JsonElement>())
            arguments[key] = JsonNode.Parse(value.GetRawText());
        var outcome = await gateway.InvokeAsync(caller, new SkillCall(agentId, skill, arguments, Channel), cancellationToken);
        if (outcome.Pending is { } pending)
        {
            Log.AwaitingApproval(logger, name, pending.Id, pending.ExpiresAt);
            outcome = await AwaitApprovalAsync(context, caller, outcome, pending, cancellationToken);
        }
        Log.ToolCalled(logger, name, caller.Id, Describe(outcome), outcome.InvocationId);
        return McpToolMapping.ToResult(outcome);
    }

    private Task<IReadOnlyList<CallableSkill>> ListCallableAsync(Principal caller, CancellationToken cancellationToken) =>
        gateway is IAsyncSkillCatalog catalog ? catalog.ListCallableAsync(caller, cancellationToken) : Task.FromResult(gateway.ListCallable(caller));

    /// <summary>
    /// Waits up to <see cref="ZhizaoMcpOptions.ApprovalWait"/> for the approval, with progress notifications when the client sent
    /// a progress token; answers the pending outcome when nobody decided in time.
    /// </summary>
    private async Task<GatewayOutcome> AwaitApprovalAsync(
        RequestContext<CallToolRequestParams> context, Principal caller, GatewayOutcome outcome, PendingApproval pending, CancellationToken cancellationToken)
    {
        var wait = _options.ApprovalWait;
        if (wait <= TimeSpan.Zero)
            return outcome;
        using var deadline = new CancellationTokenSource(wait, time);
        using var waiting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        var decided = gateway.AwaitApprovalAsync(caller, pending.Id, waiting.Token);
        if (context.Params?.ProgressToken is { } token)
        {
            var started = time.GetTimestamp();
            while (!decided.IsCompleted && !waiting.IsCancellationRequested)
            {
                var elapsed = time.GetElapsedTime(started);
                await context.Server.NotifyProgressAsync(token, new ProgressNotificationValue
                {
                    Progress = (float)elapsed.TotalSeconds,
                    Total = (float)wait.TotalSeconds,
                    Message = string.Create(CultureInfo.InvariantCulture, $"awaiting approval {pending.Id} until {pending.ExpiresAt:O}"),
                }, cancellationToken: cancellationToken);
                await Task.WhenAny(decided, Task.Delay(_options.ProgressInterval, time, waiting.Token));
            }
        }
        try
        {
            return await decided ?? outcome;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return outcome;
        }
    }

    private Principal Caller(System.Security.Claims.ClaimsPrincipal? user) =>
        (user is null ? null : PrincipalClaims.FromClaims(user)) ?? _options.LocalCaller
        ?? throw new McpProtocolException("the request is not authenticated", McpErrorCode.InvalidRequest);

    private static string Describe(GatewayOutcome outcome) =>
        outcome.Refusal is { } refusal ? $"refused ({refusal.Type})"
        : outcome.Pending is not null ? "pending approval"
        : outcome.IsSuccess ? "ok"
        : $"failed ({outcome.Result?.Error?.Type})";
}
