using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Zhizao.Protocols.A2A.Client;
using Zhizao.Protocols.A2A.Protocol;
using Zhizao.Protocols.A2A.Tests.Infrastructure;
using Zhizao.Tests.Shared;

namespace Zhizao.Protocols.A2A.Tests;

/// <summary>Interoperability with the official JavaScript SDK (@a2a-js/sdk 1.3.0), both directions.</summary>
public sealed class InteropTests(A2AHost host) : IClassFixture<A2AHost>
{
    [Fact]
    public async Task Official_JavaScript_client_resolves_sends_streams_gets_and_cancels_in_1_0_and_0_3()
    {
        using var client = InteropScript.Start("a2a", "client.mjs", host.BaseUrl.AbsoluteUri, "alice-token");
        var exitCode = await client.WaitForExitAsync(TimeSpan.FromSeconds(60));
        Assert.True(exitCode == 0, $"client.mjs exited {exitCode}:\n{client.Output}");
        Assert.Contains("\"done\":true", client.Output, StringComparison.Ordinal);
        Assert.Contains("\"check\":\"legacy.wire\",\"ok\":true", client.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1.0")]
    [InlineData("0.3")]
    public async Task A2AClient_calls_an_agent_written_with_the_official_SDK(string version)
    {
        using var agent = await StartExternalAgentAsync(version, token: "ext-secret");
        var client = host.Services.GetRequiredService<A2AClient>();
        var auth = new AuthenticationHeaderValue("Bearer", "ext-secret");

        var card = await client.GetCardAsync(agent.BaseUrl);
        Assert.Equal("External sum agent", card.Name);
        Assert.Equal(version, A2ACardReader.SelectInterface(card).ProtocolVersion);

        var result = await client.CallSkillAsync(card, "sum", new JsonObject { ["a"] = 20, ["b"] = 22 }, auth);
        Assert.True(result.IsSuccess, $"{result.State}: {result.StatusMessage}\n{agent.Script.Output}");
        Assert.Equal(42.0, (double)result.Output!["sum"]!);
        Assert.Equal(version, result.ProtocolVersion);

        var read = await client.GetTaskAsync(card, result.TaskId!, auth);
        Assert.Equal(A2ATaskState.Completed, read.State);

        var failed = await client.CallSkillAsync(card, "fail", new JsonObject(), auth);
        Assert.Equal((A2ATaskState.Failed, "failing on purpose"), (failed.State, failed.StatusMessage));
    }

    [Fact]
    public async Task A2AClient_reports_an_HTTP_error_of_a_real_agent_precisely()
    {
        using var agent = await StartExternalAgentAsync("1.0", token: "ext-secret");
        var client = host.Services.GetRequiredService<A2AClient>();
        var card = await client.GetCardAsync(agent.BaseUrl);
        var failure = await Assert.ThrowsAsync<A2AClientException>(() => client.CallSkillAsync(card, "sum", new JsonObject(), new AuthenticationHeaderValue("Bearer", "wrong")));
        Assert.Equal(A2AClientError.HttpStatus, failure.Error);
        Assert.Contains("401", failure.Message, StringComparison.Ordinal);
    }

    private static async Task<ExternalAgent> StartExternalAgentAsync(string version, string token)
    {
        var port = InteropScript.FreePort();
        var script = InteropScript.Start("a2a", "external-agent.mjs", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--version", version, "--token", token);
        var agent = new ExternalAgent(script, new Uri($"http://127.0.0.1:{port}/"));
        using var http = new HttpClient();
        await A2AHost.WaitForAsync(async () =>
        {
            Assert.False(script.HasExited, $"external-agent.mjs exited:\n{script.Output}");
            try
            {
                using var response = await http.GetAsync(new Uri(agent.BaseUrl, ".well-known/agent-card.json"));
                return response.IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }, "the external agent to listen");
        return agent;
    }

    private sealed record ExternalAgent(InteropScript Script, Uri BaseUrl) : IDisposable
    {
        public void Dispose() => Script.Dispose();
    }
}
