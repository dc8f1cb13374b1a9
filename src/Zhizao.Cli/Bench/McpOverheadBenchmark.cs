using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Client;
using Zhizao.Access.Audit;
using Zhizao.Agents.LimitMonitor;
using Zhizao.Core.Access;
using Zhizao.Core.Agents;
using Zhizao.Protocols.Mcp;

namespace Zhizao.Cli.Bench;

/// <summary>Options of the <c>mcp-overhead</c> suite.</summary>
/// <param name="Calls">Timed calls per path.</param>
/// <param name="WarmupCalls">Untimed calls per path first.</param>
/// <param name="WorkDirectory">Where the scratch directory goes (default: the temp directory).</param>
/// <param name="Keep">Keep the scratch directory after the run.</param>
internal sealed record McpBenchmarkOptions(int Calls, int WarmupCalls, string? WorkDirectory, bool Keep);

/// <summary>
/// The <c>mcp-overhead</c> suite (<c>zhizao bench mcp</c>): one cheap skill — the limit monitor's <c>check</c> of a value against a
/// signal's normal range — called on the real server in this process, one call after another, by four paths: the agent directly
/// (<see cref="IAgent.InvokeAsync"/>), the skill gateway in process (rate limit, policy, schema, two durable audit entries), MCP
/// <c>tools/call</c> with the official C# client over streamable HTTP (adds HTTP, authentication and the MCP layer), and the REST API.
/// The MCP overhead is p50(MCP) − p50(direct).
/// </summary>
internal static class McpOverheadBenchmark
{
    private const string TargetOverhead = "≤ 5 ms";

    public static async Task RunAsync(McpBenchmarkOptions options, string outDirectory, CancellationToken cancellationToken)
    {
        var run = new BenchRun("mcp-overhead", "MCP tools/call overhead over calling the agent directly, on the real server in process");
        run.Parameter("calls", options.Calls);
        run.Parameter("warm-up calls", options.WarmupCalls);
        run.Parameter("skill", $"{LimitMonitorAgent.AgentId}#check on {McpBenchServer.Signal}");
        run.Parameter("caller", "operator key, scopes skill:cn.zhizao/limit-monitor:*, assets bench/l1");
        run.Parameter("rate limit", $"{McpBenchServer.RateLimit:N0} burst, {McpBenchServer.RateLimit:N0}/s (still checked on every call)");
        using var scratch = new BenchScratch("mcp", options.WorkDirectory, options.Keep);
        run.DataPaths.Add(scratch.Describe(scratch.Combine("zhizao.duckdb")));

        BenchRun.Progress("starting the server");
        await using var server = await McpBenchServer.StartAsync(scratch.Path, cancellationToken);
        var agent = server.Services.GetServices<IAgent>().Single(a => a.Descriptor.Id == LimitMonitorAgent.AgentId);
        var gateway = server.Services.GetRequiredService<ISkillGateway>();
        var input = new JsonObject { ["signal"] = McpBenchServer.Signal, ["value"] = 42.5 };
        var body = input.ToJsonString();
        var arguments = new Dictionary<string, object?> { ["signal"] = McpBenchServer.Signal, ["value"] = 42.5 };
        var tool = McpToolNames.For(LimitMonitorAgent.AgentId, "check");
        var caller = new AgentCaller(server.Operator.Id, server.Operator.Role);
        using var http = server.Client(server.OperatorKey);
        await using var mcp = await McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = new Uri(server.Address, "/mcp"),
            TransportMode = HttpTransportMode.StreamableHttp,
            AdditionalHeaders = new Dictionary<string, string> { ["Authorization"] = $"Bearer {server.OperatorKey}" },
        }), cancellationToken: cancellationToken);
        var restPath = new Uri($"/api/v1/agents/{LimitMonitorAgent.AgentId}/skills/check", UriKind.Relative);

        (string Label, Func<int, CancellationToken, Task> Call)[] paths =
        [
            ("direct agent call (IAgent.InvokeAsync)", async (_, ct) => Expect(await agent.InvokeAsync("check", input, caller, ct))),
            ("skill gateway in process (ISkillGateway.InvokeAsync)", async (_, ct) =>
            {
                var outcome = await gateway.InvokeAsync(server.Operator, new SkillCall(LimitMonitorAgent.AgentId, "check", input, "cli"), ct);
                Expect(outcome.Refusal is { } refusal ? throw new InvalidOperationException($"the gateway refused the call: {refusal.Type}: {refusal.Message}") : outcome.Result);
            }),
            ("MCP tools/call over HTTP (official C# client)", async (_, ct) =>
            {
                var result = await mcp.CallToolAsync(tool, arguments, cancellationToken: ct);
                if (result.IsError == true || result.StructuredContent?.GetProperty("condition").GetString() != "normal")
                    throw new InvalidOperationException($"MCP tools/call did not answer 'normal': {string.Join(" ", result.Content.OfType<ModelContextProtocol.Protocol.TextContentBlock>().Select(t => t.Text))}");
            }),
            ("REST POST /api/v1/agents/…/skills/check", async (_, ct) =>
            {
                using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
                using var response = await http.PostAsync(restPath, content, ct);
                var text = await response.Content.ReadAsStringAsync(ct);
                if (response.StatusCode != HttpStatusCode.OK || JsonNode.Parse(text)?["condition"]?.GetValue<string>() != "normal")
                    throw new InvalidOperationException($"REST call answered {(int)response.StatusCode}: {text}");
            }),
        ];

        var p50 = new double[paths.Length];
        for (var i = 0; i < paths.Length; i++)
        {
            var (label, call) = paths[i];
            BenchRun.Progress($"{label}: {options.WarmupCalls} warm-up calls, then {options.Calls} timed");
            await LatencyRun.WarmUpAsync(options.WarmupCalls, call, cancellationToken);
            var summary = await LatencyRun.MeasureAsync(options.Calls, 1, call, cancellationToken);
            BenchRun.Progress($"{label}: {summary}");
            summary.AddTo(run, label);
            p50[i] = summary.P50;
        }
        run.Metric("MCP overhead: p50(MCP tools/call) − p50(direct)", p50[2] - p50[0], "ms", TargetOverhead, "lower");
        run.Metric("of which the gateway: p50(gateway) − p50(direct)", p50[1] - p50[0], "ms", better: "lower");
        run.Metric("REST overhead: p50(REST) − p50(direct)", p50[3] - p50[0], "ms", better: "lower");

        var audit = await server.Services.GetRequiredService<AuditLog>().VerifyAsync(cancellationToken);
        if (!audit.IsIntact)
            throw new InvalidOperationException($"the audit chain is broken at {audit.BrokenAt}: {audit.Problem}");
        run.Note(string.Create(CultureInfo.InvariantCulture,
            $"One call at a time on each path, after {options.WarmupCalls} warm-up calls; the paths run one after another against the same server (Kestrel on 127.0.0.1, embedded DuckDB store in a temporary directory, no MQTT broker). Every gateway, MCP and REST call is authorised, schema-checked and audited like any other (two durable audit entries per call: allowed, then succeeded); the {audit.Checked:N0} audit entries written were verified afterwards. MCP uses the streamable HTTP transport in stateless mode, one HTTP POST per tools/call, with the key as bearer token."));
        await run.WriteAsync(outDirectory, cancellationToken);
    }

    private static void Expect(SkillResult? result)
    {
        if (result is not { IsSuccess: true } || result.Output?["condition"]?.GetValue<string>() != "normal")
            throw new InvalidOperationException($"the check did not answer 'normal': {result?.Error?.Message ?? result?.Output?.ToJsonString() ?? "no result"}");
    }
}
