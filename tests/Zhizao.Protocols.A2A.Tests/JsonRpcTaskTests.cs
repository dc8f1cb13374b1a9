using System.Text.Json.Nodes;
using Zhizao.Protocols.A2A.Protocol;
using Zhizao.Protocols.A2A.Tests.Infrastructure;

namespace Zhizao.Protocols.A2A.Tests;

public sealed class JsonRpcTaskTests(A2AHost host) : IClassFixture<A2AHost>
{
    private const string Calc = "a2a/cn.test/calc";

    private static JsonObject TaskOf(JsonObject response) => response["result"]?["task"]?.AsObject()
        ?? throw new InvalidOperationException($"no task in {response.ToJsonString()}");

    private async Task<string> StateOf(string taskId, string token = "alice-token") =>
        (string)(await host.RpcAsync(Calc, "GetTask", Messages.Id(taskId), token))["result"]!["status"]!["state"]!;

    [Fact]
    public async Task SendMessage_runs_the_skill_through_the_gateway_and_answers_a_completed_task_with_the_output()
    {
        var task = TaskOf(await host.RpcAsync(Calc, "SendMessage", Messages.V1Call("add", Messages.AddInput(2, 3))));
        Assert.Equal("TASK_STATE_COMPLETED", (string)task["status"]!["state"]!);
        var part = task["artifacts"]![0]!["parts"]![0]!;
        Assert.Equal(5.0, (double)part["data"]!["sum"]!);
        Assert.Equal("application/json", (string)part["mediaType"]!);
        Assert.Contains(host.Gateway.Calls, c => c.AgentId == CalcAgent.Id && c.Skill == "add" && c.Channel == "a2a");
        Assert.Equal("ROLE_USER", (string)task["history"]![0]!["role"]!);
    }

    [Fact]
    public async Task Message_send_answers_in_the_0_3_shape()
    {
        var task = (await host.RpcAsync(Calc, "message/send", Messages.V03Call("add", Messages.AddInput(1, 1))))["result"]!;
        Assert.Equal("task", (string)task["kind"]!);
        Assert.Equal("completed", (string)task["status"]!["state"]!);
        Assert.Equal("data", (string)task["artifacts"]![0]!["parts"]![0]!["kind"]!);
        Assert.Equal(2.0, (double)task["artifacts"]![0]!["parts"]![0]!["data"]!["sum"]!);
        var read = (await host.RpcAsync(Calc, "tasks/get", Messages.Id((string)task["id"]!)))["result"]!;
        Assert.Equal("completed", (string)read["status"]!["state"]!);
        Assert.Equal("message", (string)read["history"]![0]!["kind"]!);
    }

    [Fact]
    public async Task Metadata_skillId_selects_the_skill_and_a_plain_data_part_is_the_input()
    {
        var parameters = Messages.V1([new JsonObject { ["data"] = Messages.AddInput(4, 5) }], new JsonObject { ["skillId"] = "add" });
        Assert.Equal(9.0, (double)TaskOf(await host.RpcAsync(Calc, "SendMessage", parameters))["artifacts"]![0]!["parts"]![0]!["data"]!["sum"]!);
    }

    [Fact]
    public async Task Single_skill_agent_takes_JSON_text_as_input()
    {
        var parameters = Messages.V1([new JsonObject { ["text"] = "{\"hello\": \"世界\"}" }]);
        var task = TaskOf(await host.RpcAsync("a2a/cn.test/echo", "SendMessage", parameters));
        Assert.Equal("世界", (string)task["artifacts"]![0]!["parts"]![0]!["data"]!["hello"]!);
    }

    [Fact]
    public async Task Message_naming_no_skill_on_a_multi_skill_agent_is_invalid_params_listing_the_skills()
    {
        var response = await host.RpcAsync(Calc, "SendMessage", Messages.V1([new JsonObject { ["data"] = Messages.AddInput(1, 2) }]));
        Assert.Equal(A2AErrorCodes.InvalidParams, (int)response["error"]!["code"]!);
        Assert.Contains("names no skill and cn.test/calc has 5 skills (add, hold, guarded, forbidden, broken)", (string)response["error"]!["message"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Policy_refusal_is_a_JSON_RPC_error_with_type_message_and_status()
    {
        var response = await host.RpcAsync(Calc, "SendMessage", Messages.V1Call("forbidden", new JsonObject()));
        var error = response["error"]!;
        Assert.Equal(A2AErrorCodes.Refused, (int)error["code"]!);
        Assert.Equal("scope-denied", (string)error["data"]!["type"]!);
        Assert.Equal(403, (int)error["data"]!["status"]!);
        Assert.Equal("TASK_STATE_REJECTED", await StateOf((string)error["data"]!["taskId"]!));
    }

    [Fact]
    public async Task Input_refused_by_the_gateway_is_invalid_params()
    {
        var response = await host.RpcAsync(Calc, "message/send", Messages.V03Call("add", new JsonObject { ["a"] = "two" }));
        Assert.Equal(A2AErrorCodes.InvalidParams, (int)response["error"]!["code"]!);
        Assert.Equal("invalid-input", (string)response["error"]!["data"]!["type"]!);
    }

    [Fact]
    public async Task Skill_failure_is_a_failed_task_with_the_error_in_the_status_message()
    {
        var task = TaskOf(await host.RpcAsync(Calc, "SendMessage", Messages.V1Call("broken", new JsonObject())));
        Assert.Equal("TASK_STATE_FAILED", (string)task["status"]!["state"]!);
        Assert.Equal("failed: broken on purpose", (string)task["status"]!["message"]!["parts"]![0]!["text"]!);
    }

    [Fact]
    public async Task A_task_is_visible_only_to_its_creator()
    {
        var task = TaskOf(await host.RpcAsync(Calc, "SendMessage", Messages.V1Call("add", Messages.AddInput(1, 2))));
        var asBob = await host.RpcAsync(Calc, "GetTask", Messages.Id((string)task["id"]!), "bob-token");
        Assert.Equal(A2AErrorCodes.TaskNotFound, (int)asBob["error"]!["code"]!);
        var cancelAsBob = await host.RpcAsync(Calc, "CancelTask", Messages.Id((string)task["id"]!), "bob-token");
        Assert.Equal(A2AErrorCodes.TaskNotFound, (int)cancelAsBob["error"]!["code"]!);
    }

    [Fact]
    public async Task CancelTask_cancels_a_running_task_and_a_second_cancel_is_not_cancelable()
    {
        var task = TaskOf(await host.RpcAsync(Calc, "SendMessage", Messages.V1Call("hold", new JsonObject(), returnImmediately: true)));
        var id = (string)task["id"]!;
        await A2AHost.WaitForAsync(async () => await StateOf(id) == "TASK_STATE_WORKING", "the hold task to run");
        var canceled = await host.RpcAsync(Calc, "CancelTask", Messages.Id(id));
        Assert.Equal("TASK_STATE_CANCELED", (string)canceled["result"]!["status"]!["state"]!);
        var again = await host.RpcAsync(Calc, "tasks/cancel", Messages.Id(id));
        Assert.Equal(A2AErrorCodes.TaskNotCancelable, (int)again["error"]!["code"]!);
        Assert.Equal($"Task {id} is canceled and cannot be canceled", (string)again["error"]!["message"]!);
    }

    [Fact]
    public async Task Approval_keeps_the_task_working_with_the_approval_id_and_completes_once_approved()
    {
        var task = TaskOf(await host.RpcAsync(Calc, "SendMessage", Messages.V1Call("guarded", Messages.AddInput(20, 22))));
        Assert.Equal("TASK_STATE_WORKING", (string)task["status"]!["state"]!);
        var approvalId = (string)task["status"]!["message"]!["metadata"]!["approvalId"]!;
        Assert.Contains(approvalId, (string)task["status"]!["message"]!["parts"]![0]!["text"]!, StringComparison.Ordinal);
        host.Gateway.Decide(approvalId, approve: true);
        var id = (string)task["id"]!;
        await A2AHost.WaitForAsync(async () => await StateOf(id) == "TASK_STATE_COMPLETED", "the approved task to complete");
        var done = await host.RpcAsync(Calc, "GetTask", Messages.Id(id));
        Assert.Equal(42.0, (double)done["result"]!["artifacts"]![0]!["parts"]![0]!["data"]!["sum"]!);
    }

    [Fact]
    public async Task Denied_approval_rejects_the_task_with_the_refusal()
    {
        var task = (await host.RpcAsync(Calc, "message/send", Messages.V03Call("guarded", Messages.AddInput(1, 2))))["result"]!;
        Assert.Equal("working", (string)task["status"]!["state"]!);
        host.Gateway.Decide((string)task["status"]!["message"]!["metadata"]!["approvalId"]!, approve: false);
        var id = (string)task["id"]!;
        await A2AHost.WaitForAsync(async () => await StateOf(id) == "TASK_STATE_REJECTED", "the denied task to be rejected");
        var read = (await host.RpcAsync(Calc, "tasks/get", Messages.Id(id)))["result"]!;
        Assert.Equal("approval-denied", (string)read["status"]!["message"]!["metadata"]!["type"]!);
    }

    [Fact]
    public async Task Cancel_stops_waiting_for_an_approval()
    {
        var task = TaskOf(await host.RpcAsync(Calc, "SendMessage", Messages.V1Call("guarded", Messages.AddInput(1, 2))));
        var canceled = await host.RpcAsync(Calc, "CancelTask", Messages.Id((string)task["id"]!));
        Assert.Equal("TASK_STATE_CANCELED", (string)canceled["result"]!["status"]!["state"]!);
    }

    [Fact]
    public async Task Follow_up_message_to_a_task_is_unsupported()
    {
        var task = TaskOf(await host.RpcAsync(Calc, "SendMessage", Messages.V1Call("add", Messages.AddInput(1, 2))));
        var parameters = Messages.V1Call("add", Messages.AddInput(1, 2));
        parameters["message"]!["taskId"] = (string)task["id"]!;
        var response = await host.RpcAsync(Calc, "SendMessage", parameters);
        Assert.Equal(A2AErrorCodes.UnsupportedOperation, (int)response["error"]!["code"]!);
    }

    [Fact]
    public async Task Gateway_selects_agent_and_skill_from_the_skill_id()
    {
        var parameters = Messages.V1([new JsonObject { ["data"] = Messages.AddInput(3, 4) }], new JsonObject { ["skillId"] = "cn.test/calc#add" });
        var task = TaskOf(await host.RpcAsync("a2a", "SendMessage", parameters));
        Assert.Equal(7.0, (double)task["artifacts"]![0]!["parts"]![0]!["data"]!["sum"]!);
        Assert.Equal("cn.test/calc", (string)task["metadata"]!["agentId"]!);
    }

    [Fact]
    public async Task Per_agent_endpoint_refuses_a_message_for_another_agent()
    {
        var parameters = Messages.V1([new JsonObject { ["data"] = new JsonObject() }], new JsonObject { ["skillId"] = "cn.test/echo#echo" });
        var response = await host.RpcAsync(Calc, "SendMessage", parameters);
        Assert.Contains("this endpoint serves agent cn.test/calc, but the message names agent cn.test/echo", (string)response["error"]!["message"]!, StringComparison.Ordinal);
    }
}
