using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Zhizao.Protocols.A2A.Tests.Infrastructure;

namespace Zhizao.Protocols.A2A.Tests;

public sealed class StreamingAndCardTests(A2AHost host) : IClassFixture<A2AHost>
{
    private async Task<List<JsonObject>> StreamAsync(string path, string method, JsonObject parameters)
    {
        var body = new JsonObject { ["jsonrpc"] = "2.0", ["id"] = 9, ["method"] = method, ["params"] = parameters };
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(host.BaseUrl, path))
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "alice-token");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        using var response = await host.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        return [.. text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries).Select(e =>
        {
            Assert.StartsWith("data: ", e, StringComparison.Ordinal);
            var envelope = JsonNode.Parse(e["data: ".Length..])!.AsObject();
            Assert.Equal(9, (int)envelope["id"]!);
            return envelope["result"]!.AsObject();
        })];
    }

    [Fact]
    public async Task SendStreamingMessage_sends_task_working_artifact_and_completed_in_order()
    {
        var events = await StreamAsync("a2a/cn.test/calc", "SendStreamingMessage", Messages.V1Call("add", Messages.AddInput(2, 2)));
        Assert.Equal(4, events.Count);
        Assert.Equal("TASK_STATE_SUBMITTED", (string)events[0]["task"]!["status"]!["state"]!);
        Assert.Equal("TASK_STATE_WORKING", (string)events[1]["statusUpdate"]!["status"]!["state"]!);
        Assert.Equal(4.0, (double)events[2]["artifactUpdate"]!["artifact"]!["parts"]![0]!["data"]!["sum"]!);
        Assert.True((bool)events[2]["artifactUpdate"]!["lastChunk"]!);
        Assert.Equal("TASK_STATE_COMPLETED", (string)events[3]["statusUpdate"]!["status"]!["state"]!);
        var taskId = (string)events[0]["task"]!["id"]!;
        Assert.All(events.Skip(1), e => Assert.Equal(taskId, (string)(e["statusUpdate"] ?? e["artifactUpdate"])!["taskId"]!));
    }

    [Fact]
    public async Task Message_stream_sends_0_3_events_with_kinds_and_a_final_flag()
    {
        var events = await StreamAsync("a2a/cn.test/calc", "message/stream", Messages.V03Call("add", Messages.AddInput(1, 2)));
        Assert.Equal(["task", "status-update", "artifact-update", "status-update"], events.Select(e => (string)e["kind"]!));
        Assert.False((bool)events[1]["final"]!);
        Assert.Equal("completed", (string)events[3]["status"]!["state"]!);
        Assert.True((bool)events[3]["final"]!);
    }

    [Fact]
    public async Task Stream_of_a_refused_call_ends_with_a_rejected_status()
    {
        var events = await StreamAsync("a2a/cn.test/calc", "SendStreamingMessage", Messages.V1Call("forbidden", new JsonObject()));
        var last = events[^1]["statusUpdate"]!;
        Assert.Equal("TASK_STATE_REJECTED", (string)last["status"]!["state"]!);
        Assert.Equal("scope-denied", (string)last["metadata"]!["type"]!);
    }

    [Fact]
    public async Task Stream_selection_error_is_a_plain_JSON_RPC_error()
    {
        using var response = await host.PostAsync("a2a/cn.test/calc",
            new JsonObject { ["jsonrpc"] = "2.0", ["id"] = 1, ["method"] = "SendStreamingMessage", ["params"] = Messages.V1([new JsonObject { ["text"] = "not json" }]) }.ToJsonString());
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!;
        Assert.Contains("the text parts are not JSON", (string)error["message"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SubscribeToTask_of_a_finished_task_sends_the_task_and_ends()
    {
        var sent = await host.RpcAsync("a2a/cn.test/calc", "SendMessage", Messages.V1Call("add", Messages.AddInput(1, 1)));
        var events = await StreamAsync("a2a/cn.test/calc", "SubscribeToTask", Messages.Id((string)sent["result"]!["task"]!["id"]!));
        Assert.Equal("TASK_STATE_COMPLETED", (string)Assert.Single(events)["task"]!["status"]!["state"]!);
    }

    [Fact]
    public async Task Agent_card_points_at_the_absolute_JSON_RPC_url_of_the_agent()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(host.BaseUrl, "a2a/cn.test/calc/.well-known/agent-card.json"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "alice-token");
        using var cardResponse = await host.Http.SendAsync(request);
        var card = JsonNode.Parse(await cardResponse.EnsureSuccessStatusCode().Content.ReadAsStringAsync())!;
        Assert.Equal("Calculator", (string)card["name"]!);
        Assert.Equal(new Uri(host.BaseUrl, "a2a/cn.test/calc").AbsoluteUri, (string)card["supportedInterfaces"]![0]!["url"]!);
        Assert.Equal("1.0", (string)card["supportedInterfaces"]![0]!["protocolVersion"]!);
        Assert.Equal("0.3", (string)card["supportedInterfaces"]![1]!["protocolVersion"]!);
        Assert.Equal(5, card["skills"]!.AsArray().Count);
    }

    [Fact]
    public async Task Cards_need_a_caller_and_an_unknown_agent_card_is_a_404_problem()
    {
        using var anonymous = await host.Http.GetAsync(new Uri(host.BaseUrl, "a2a/cn.test/calc/.well-known/agent-card.json"));
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(host.BaseUrl, "a2a/cn.test/nobody/.well-known/agent-card.json"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "alice-token");
        using var response = await host.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("urn:zhizao:problem:unknown-agent", (string)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["type"]!);
    }

    [Fact]
    public async Task Gateway_card_lists_exactly_the_skills_the_caller_may_call()
    {
        async Task<List<string>> SkillIds(string? token)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(host.BaseUrl, ".well-known/agent-card.json"));
            if (token is not null)
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await host.Http.SendAsync(request);
            if (token is null)
            {
                Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
                return [];
            }
            var card = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            Assert.Equal(new Uri(host.BaseUrl, "a2a").AbsoluteUri, (string)card["supportedInterfaces"]![0]!["url"]!);
            return [.. card["skills"]!.AsArray().Select(s => (string)s!["id"]!)];
        }

        Assert.Equal(["cn.test/calc#add", "cn.test/calc#hold", "cn.test/calc#guarded", "cn.test/calc#broken", "cn.test/echo#echo"], await SkillIds("alice-token"));
        Assert.Equal(["cn.test/echo#echo"], await SkillIds("limited-token"));
        Assert.Empty(await SkillIds(null));
    }
}
