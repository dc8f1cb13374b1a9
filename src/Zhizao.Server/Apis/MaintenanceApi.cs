using System.Text.Json.Nodes;
using Zhizao.Agents.Maintenance.Agent;
using Zhizao.Core.Access;

namespace Zhizao.Server.Apis;

/// <summary>
/// The predictive-maintenance agent as REST resources (the same skills are also at /api/v1/agents/cn.zhizao/maintenance/skills/*):
/// machine status, explained anomalies, remaining useful life, re-learning, work orders and the maintenance windows that the
/// scheduling agent treats as blocked.
/// </summary>
public static class MaintenanceApi
{
    /// <summary>Maps the /api/v1/maintenance endpoints.</summary>
    public static void MapMaintenanceApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/maintenance").WithTags("Maintenance").RequireAuthorization();
        group.MapGet("/status", Status).WithName("MaintenanceStatus")
            .WithSummary("Per machine: learning or monitoring, anomaly score, current anomaly with its explanation, remaining useful life; alarm rate");
        group.MapGet("/anomalies", Anomalies).WithName("MaintenanceAnomalies").WithSummary("Recent explained anomalies, newest first");
        group.MapGet("/rul", Rul).WithName("MaintenanceRul").WithSummary("Remaining useful life of a machine, with an 80 % band");
        group.MapPost("/fit", Fit).WithName("MaintenanceFit").WithSummary("Re-learn a machine's normal behaviour from a stored period").RequireAuthorization(Policies.Engineer);
        group.MapGet("/work-orders", WorkOrders).WithName("MaintenanceWorkOrders").WithSummary("Maintenance work orders, newest first");
        group.MapPatch("/work-orders/{id:long}", UpdateWorkOrder).WithName("UpdateMaintenanceWorkOrder")
            .WithSummary("Change a work order's status or window").RequireAuthorization(Policies.Operator);
        group.MapGet("/windows", Windows).WithName("MaintenanceWindows")
            .WithSummary("Active maintenance windows per machine: intervals in which the machine is blocked for production scheduling");
    }

    private static Task<IResult> Invoke(MaintenanceAgent agent, string skill, JsonObject input, HttpContext context) =>
        InvokeAsync(agent, skill, input, context);

    // Through the gateway like every other call (policy, schema, audit); query parameters that were not given are left out.
    private static async Task<IResult> InvokeAsync(MaintenanceAgent agent, string skill, JsonNode? input, HttpContext context)
    {
        if (input is JsonObject fields)
        {
            foreach (var absent in fields.Where(f => f.Value is null).Select(f => f.Key).ToList())
                fields.Remove(absent);
        }
        var gateway = context.RequestServices.GetRequiredService<ISkillGateway>();
        var outcome = await gateway.InvokeAsync(SkillsApi.Caller(context), new SkillCall(agent.Descriptor.Id, skill, input, "api"), context.RequestAborted);
        return SkillsApi.ToHttpResult(outcome, context);
    }

    internal static Task<IResult> Status(string? machine, MaintenanceAgent agent, HttpContext context) =>
        Invoke(agent, "status", new JsonObject { ["machine"] = machine }, context);

    internal static Task<IResult> Anomalies(string? machine, int? limit, MaintenanceAgent agent, HttpContext context) =>
        Invoke(agent, "anomalies", new JsonObject { ["machine"] = machine, ["limit"] = limit }, context);

    internal static Task<IResult> Rul(string? machine, MaintenanceAgent agent, HttpContext context) =>
        Invoke(agent, "rul", new JsonObject { ["machine"] = machine }, context);

    internal static Task<IResult> Fit(JsonObject body, MaintenanceAgent agent, HttpContext context) =>
        InvokeAsync(agent, "fit", body, context);

    internal static Task<IResult> WorkOrders(string? machine, string? status, bool? active, MaintenanceAgent agent, HttpContext context) =>
        Invoke(agent, "work-orders", new JsonObject { ["machine"] = machine, ["status"] = status, ["activeOnly"] = active }, context);

    internal static Task<IResult> UpdateWorkOrder(long id, JsonObject body, MaintenanceAgent agent, HttpContext context)
    {
        var input = (JsonObject)body.DeepClone();
        input["id"] = id;
        return InvokeAsync(agent, "update-work-order", input, context);
    }

    internal static Task<IResult> Windows(MaintenanceAgent agent, HttpContext context) =>
        Invoke(agent, "maintenance-windows", [], context);
}
