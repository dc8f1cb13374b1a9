using System.Net;
using System.Text.Json.Nodes;
using Zhizao.Protocols.A2A.Protocol;
using Zhizao.Protocols.A2A.Tests.Infrastructure;

namespace Zhizao.Protocols.A2A.Tests;

public sealed class JsonRpcErrorTests(A2AHost host) : IClassFixture<A2AHost>
{
    private const string Calc = "a2a/cn.test/calc";

    private static async Task<JsonObject> ErrorOf(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!.AsObject();

    [Fact]
    public async Task Body_that_is_not_JSON_is_a_parse_error()
    {
        using var response = await host.PostAsync(Calc, "{\"jsonrpc\": \"2.0\", ");
        var error = await ErrorOf(response);
        Assert.Equal(A2AErrorCodes.ParseError, (int)error["code"]!);
        Assert.StartsWith("Parse error", (string)error["message"]!, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[]", "batch requests are not supported")]
    [InlineData("42", "must be a JSON-RPC request object")]
    [InlineData("{\"jsonrpc\":\"1.0\",\"id\":1,\"method\":\"GetTask\"}", "jsonrpc must be \"2.0\"")]
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":1}", "method must be a non-empty string")]
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":1.5,\"method\":\"GetTask\"}", "id must be a string, an integer or null")]
    public async Task Malformed_request_is_an_invalid_request_with_the_reason(string body, string reason)
    {
        using var response = await host.PostAsync(Calc, body);
        var error = await ErrorOf(response);
        Assert.Equal(A2AErrorCodes.InvalidRequest, (int)error["code"]!);
        Assert.Contains(reason, (string)error["message"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_method_is_method_not_found_and_keeps_the_request_id()
    {
        var response = await host.RpcAsync(Calc, "tasks/explode", [], id: "req-7");
        Assert.Equal("req-7", (string)response["id"]!);
        Assert.Equal(A2AErrorCodes.MethodNotFound, (int)response["error"]!["code"]!);
        Assert.Equal("Method not found: tasks/explode", (string)response["error"]!["message"]!);
    }

    [Fact]
    public async Task Params_that_are_not_an_object_are_invalid_params()
    {
        using var response = await host.PostAsync(Calc, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"GetTask\",\"params\":[1]}");
        Assert.Equal(A2AErrorCodes.InvalidParams, (int)(await ErrorOf(response))["code"]!);
    }

    [Theory]
    [InlineData("SendMessage", "params.message is required and must be an object")]
    [InlineData("GetTask", "params.id (the task id) is required")]
    [InlineData("tasks/cancel", "params.id (the task id) is required")]
    public async Task Missing_fields_are_invalid_params_naming_the_field(string method, string reason)
    {
        var response = await host.RpcAsync(Calc, method, []);
        Assert.Equal(A2AErrorCodes.InvalidParams, (int)response["error"]!["code"]!);
        Assert.Contains(reason, (string)response["error"]!["message"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Message_without_parts_array_names_the_path()
    {
        var parameters = new JsonObject { ["message"] = new JsonObject { ["messageId"] = "m", ["role"] = "ROLE_USER" } };
        var response = await host.RpcAsync(Calc, "SendMessage", parameters);
        Assert.Equal("params.message.parts is required and must be an array", (string)response["error"]!["message"]!);
    }

    [Fact]
    public async Task Non_JSON_content_type_is_content_type_not_supported()
    {
        using var response = await host.PostAsync(Calc, "{}", contentType: "text/plain");
        Assert.Equal(A2AErrorCodes.ContentTypeNotSupported, (int)(await ErrorOf(response))["code"]!);
    }

    [Fact]
    public async Task Oversize_body_is_refused_with_413()
    {
        var padding = new string('x', A2AHost.MaxRequestBytes);
        using var response = await host.PostAsync(Calc, $"{{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"GetTask\",\"params\":{{\"id\":\"{padding}\"}}}}");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains($"exceeds {A2AHost.MaxRequestBytes} bytes", (string)(await ErrorOf(response))["message"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unauthenticated_call_is_refused_with_401()
    {
        using var response = await host.PostAsync(Calc, "{}", token: null);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Unknown_agent_is_a_404_with_the_unknown_agent_refusal()
    {
        using var response = await host.PostAsync("a2a/cn.test/nobody", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"SendMessage\",\"params\":{}}");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var error = await ErrorOf(response);
        Assert.Equal(A2AErrorCodes.UnknownAgentOrSkill, (int)error["code"]!);
        Assert.Equal("unknown-agent", (string)error["data"]!["type"]!);
    }

    [Fact]
    public async Task Push_notification_methods_are_not_supported()
    {
        var response = await host.RpcAsync(Calc, "tasks/pushNotificationConfig/set", []);
        Assert.Equal(A2AErrorCodes.PushNotificationNotSupported, (int)response["error"]!["code"]!);
    }

    [Fact]
    public async Task Unknown_task_is_task_not_found_in_both_versions()
    {
        foreach (var method in new[] { "GetTask", "tasks/get", "CancelTask", "tasks/cancel" })
        {
            var response = await host.RpcAsync(Calc, method, Messages.Id("no-such-task"));
            Assert.Equal(A2AErrorCodes.TaskNotFound, (int)response["error"]!["code"]!);
            Assert.Equal("Task not found: no-such-task", (string)response["error"]!["message"]!);
        }
    }

    [Fact]
    public async Task File_parts_are_refused_as_invalid_params()
    {
        var parameters = Messages.V1([new JsonObject { ["url"] = "https://example.com/a.pdf" }]);
        var response = await host.RpcAsync(Calc, "SendMessage", parameters);
        Assert.Contains("params.message.parts[0] is a file part", (string)response["error"]!["message"]!, StringComparison.Ordinal);
    }
}
