using System.Text.Json.Nodes;
using Zhizao.Core.Agents;
using Zhizao.Core.Assets;

namespace Zhizao.Agents.Scheduling.Agent;

/// <summary>The scheduling agent's descriptor: identity, grade and skills with their JSON schemas.</summary>
internal static class SchedulingDescriptor
{
    private const string PlanProperties =
        """
        "plan":{"type":"object","description":"a plan in the plan-file format (planStart, machines, jobs, setups, blockedWindows); the input itself may be the plan"},
        "demo":{"type":"boolean","description":"schedule today's demo production orders instead of a plan"},
        "count":{"type":"integer","minimum":1,"maximum":200,"description":"number of demo orders (default 12)"},
        "maintenanceWindows":{"type":"boolean","default":true,"description":"block the machines of open maintenance work orders"}
        """;

    private const string RepairProperties =
        """
        "current":{"description":"the schedule in force: rows {machine, job, operation, start} or the schedule skill's output (its gantt rows)",
          "oneOf":[{"type":"array","items":{"type":"object","required":["machine","job","operation","start"]}},{"type":"object","required":["gantt"]}]},
        "now":{"type":"string","format":"date-time","description":"repair time (default: now); nothing new starts before it"},
        "frozenMinutes":{"type":"integer","minimum":0,"default":30,"description":"operations starting before now + this keep their machine and are only delayed when forced"},
        "events":{"type":"array","items":{"oneOf":[
          {"type":"object","required":["type","machine","to"],"properties":{"type":{"const":"breakdown"},"machine":{"type":"string"},"from":{"type":"string","format":"date-time"},"to":{"type":"string","format":"date-time"},"reason":{"type":"string"}}},
          {"type":"object","required":["type","job"],"properties":{"type":{"const":"rush-order"},"job":{"type":"object","description":"a job in the plan-file format"}}},
          {"type":"object","required":["type","job","operation","minutes"],"properties":{"type":{"const":"running-late"},"job":{"type":"string"},"operation":{"type":"string"},"minutes":{"type":"integer","minimum":1,"description":"the operation's new total duration"}}}]}},
        "stability":{"type":"object","properties":{"perMinuteMoved":{"type":"integer","minimum":0,"default":1},"perMachineChange":{"type":"integer","minimum":0,"default":100}}}
        """;

    private const string SolveProperties =
        """
        "timeLimitSeconds":{"type":"number","minimum":1,"maximum":300,"default":10},
        "workers":{"type":"integer","minimum":1,"maximum":8,"default":2},
        "objective":{"oneOf":[{"enum":["makespan","tardiness","late-jobs"]},
          {"type":"object","properties":{"makespan":{"type":"integer","minimum":0},"weightedTardiness":{"type":"integer","minimum":0},"lateJobs":{"type":"integer","minimum":0}}}]}
        """;

    private const string AnyObject = """{"type":"object"}""";

    private const string ReleaseInput =
        """
        {"type":"object","required":["schedule"],"properties":{
          "schedule":{"description":"the schedule skill's output (its gantt rows are released) or rows {machine, job, operation, start, end}",
            "oneOf":[{"type":"object","required":["gantt"]},{"type":"array","minItems":1,"items":{"type":"object","required":["machine","job","operation","start","end"]}}]},
          "note":{"type":"string","maxLength":500}}}
        """;

    public static AgentDescriptor Create() => new(
        SchedulingAgent.AgentId,
        "1.1.0",
        new LocalizedText("Production scheduling", "排产调度"),
        new LocalizedText(
            "Schedules orders over a flexible job shop (eligible machines with their own durations, precedence, release and due dates, " +
            "family setups, shifts and maintenance windows) with OR-Tools CP-SAT; reports per-machine sequences, KPIs, proof and gap, and explains late jobs.",
            "基于 OR-Tools CP-SAT 对柔性作业车间排产（可选设备及工时、工序先后、下达与交期、换型时间、班次与维护窗口），输出各设备工序序列、关键指标、最优性证明与差距，并解释延期订单。"),
        AutonomyGrade.L3ActsAfterApproval,
        [
            Skill("schedule", "Solve a plan (or the demo orders): per-machine sequences, KPIs, Gantt rows", "求解排产计划（或演示订单）：各设备序列、指标、甘特图数据",
                "{\"type\":\"object\",\"properties\":{" + PlanProperties + "," + SolveProperties + "}}"),
            Skill("reschedule", "Repair a schedule from now after breakdowns, rush orders or late operations, with a frozen horizon; reports what changed",
                "设备故障、插单或工序延误后，从当前时刻起在冻结期外修复排产，并报告变更",
                "{\"type\":\"object\",\"required\":[\"plan\",\"current\"],\"properties\":{" + PlanProperties + "," + RepairProperties + "," + SolveProperties + "}}"),
            Skill("explain", "Validation issues of a plan, or why each late job of its schedule is late", "计划的校验问题，或排产后各延期订单的原因",
                "{\"type\":\"object\",\"properties\":{" + PlanProperties + "," + SolveProperties + "}}"),
            Skill("release", "Release a schedule to the shop floor: it becomes each machine's dispatch list (acts on production; a person approves first)",
                "将排产计划下达车间，作为各设备的派工单（影响生产；需人工审批后执行）",
                ReleaseInput, AutonomyGrade.L3ActsAfterApproval, ImpactClass.Production),
            Skill("dispatch", "The released schedule: each machine's dispatch list", "已下达的排产：各设备派工单",
                """{"type":"object","properties":{"machine":{"type":"string","description":"only this machine"}}}"""),
        ]);

    // Planning skills recommend (L2); only releasing acts (L3, production impact).
    private static SkillDescriptor Skill(string name, string en, string zh, string input,
        AutonomyGrade grade = AutonomyGrade.L2Recommends, ImpactClass impact = ImpactClass.Information) =>
        new(name, new LocalizedText(en, zh), JsonNode.Parse(input)!.AsObject(), JsonNode.Parse(AnyObject)!.AsObject()) { Grade = grade, Impact = impact };
}
