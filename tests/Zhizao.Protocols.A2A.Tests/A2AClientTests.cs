using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Zhizao.Protocols.A2A.Cards;
using Zhizao.Protocols.A2A.Client;
using Zhizao.Protocols.A2A.Protocol;
using Zhizao.Protocols.A2A.Tests.Infrastructure;
using Zhizao.Tests.Shared;

namespace Zhizao.Protocols.A2A.Tests;

public sealed class A2AClientTests(A2AHost host) : IClassFixture<A2AHost>
{
    private static readonly AuthenticationHeaderValue Alice = new("Bearer", "alice-token");

    private A2AClient Client => host.Services.GetRequiredService<A2AClient>();


    [Fact]
    public async Task Client_calls_a_Zhizao_agent_over_1_0()
    {
        var card = await Client.GetCardAsync(new Uri(host.BaseUrl, "a2a/cn.test/calc"), Alice);
        var result = await Client.CallSkillAsync(card, "add", Messages.AddInput(1.5, 2), Alice);
        Assert.Equal((A2ATaskState.Completed, 3.5, "1.0"), (result.State, (double)result.Output!["sum"]!, result.ProtocolVersion));
    }

    [Fact]
    public async Task Client_speaks_0_3_when_the_card_offers_only_0_3()
    {
        var card = await Client.GetCardAsync(new Uri(host.BaseUrl, "a2a/cn.test/calc/"), Alice);
        var legacyOnly = card with { SupportedInterfaces = [.. card.SupportedInterfaces.Where(i => i.ProtocolVersion == "0.3")] };
        var result = await Client.CallSkillAsync(legacyOnly, "add", Messages.AddInput(2, 2), Alice);
        Assert.Equal((A2ATaskState.Completed, 4.0, "0.3"), (result.State, (double)result.Output!["sum"]!, result.ProtocolVersion));
    }

    [Fact]
    public async Task Refusal_is_an_rpc_error_with_code_and_data()
    {
        var card = await Client.GetCardAsync(new Uri(host.BaseUrl, "a2a/cn.test/calc"), Alice);
        var failure = await Assert.ThrowsAsync<A2AClientException>(() => Client.CallSkillAsync(card, "forbidden", new JsonObject(), Alice));
        Assert.Equal((A2AClientError.RpcError, A2AErrorCodes.Refused, "scope-denied"), (failure.Error, failure.RpcCode, (string?)failure.RpcData!["type"]));
    }

    [Fact]
    public async Task Unreachable_agent_is_reported_as_unreachable()
    {
        var failure = await Assert.ThrowsAsync<A2AClientException>(() => Client.GetCardAsync(new Uri($"http://127.0.0.1:{InteropScript.FreePort()}/")));
        Assert.Equal(A2AClientError.Unreachable, failure.Error);
    }

    [Fact]
    public async Task Card_that_is_not_JSON_is_reported_as_not_json()
    {
        var failure = await Assert.ThrowsAsync<A2AClientException>(() => Client.GetCardAsync(new Uri(host.BaseUrl, "not-json"), Alice));
        Assert.Equal(A2AClientError.NotJson, failure.Error);
    }

    [Fact]
    public async Task Unknown_card_path_is_an_http_status_error()
    {
        var failure = await Assert.ThrowsAsync<A2AClientException>(() => Client.GetCardAsync(new Uri(host.BaseUrl, "a2a/cn.test/nobody"), Alice));
        Assert.Equal(A2AClientError.HttpStatus, failure.Error);
        Assert.Contains("404", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Legacy_0_3_card_is_read_into_the_1_0_model()
    {
        var legacy = JsonNode.Parse("""
            {"name":"Old","description":"0.3 agent","version":"1.2.0","url":"https://old.example/rpc","protocolVersion":"0.3.0",
             "preferredTransport":"JSONRPC","additionalInterfaces":[{"url":"https://old.example/rest","transport":"HTTP+JSON"}],
             "capabilities":{"streaming":false},"defaultInputModes":["text/plain"],"defaultOutputModes":["text/plain"],
             "security":[{"bearer":[]}],"securitySchemes":{"bearer":{"type":"http","scheme":"bearer"}},
             "skills":[{"id":"s","name":"S","description":"d","tags":["t"]}]}
            """);
        var card = A2ACardReader.Read(legacy);
        Assert.Equal([("https://old.example/rpc", "JSONRPC", "0.3.0"), ("https://old.example/rest", "HTTP+JSON", "0.3")],
            card.SupportedInterfaces.Select(i => (i.Url, i.ProtocolBinding, i.ProtocolVersion)));
        Assert.Equal("0.3.0", A2ACardReader.SelectInterface(card).ProtocolVersion);
        Assert.NotNull(card.SecurityRequirements[0]["schemes"]!["bearer"]!["list"]);
        Assert.Equal("s", Assert.Single(card.Skills).Id);
    }

    [Fact]
    public void Card_without_a_JSON_RPC_interface_is_refused()
    {
        var card = new AgentCard { Name = "Grpc", Description = "d", Version = "1", SupportedInterfaces = [new AgentInterface("https://x", "GRPC")] };
        Assert.Equal(A2AClientError.NoCompatibleInterface, Assert.Throws<A2AClientException>(() => A2ACardReader.SelectInterface(card)).Error);
    }

    [Fact]
    public void Card_missing_required_fields_is_invalid()
    {
        var failure = Assert.Throws<A2AClientException>(() => A2ACardReader.Read(JsonNode.Parse("""{"supportedInterfaces":[{"url":"https://x"}]}""")));
        Assert.Equal(A2AClientError.InvalidCard, failure.Error);
    }
}
