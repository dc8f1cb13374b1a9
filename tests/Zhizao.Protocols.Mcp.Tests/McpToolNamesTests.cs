namespace Zhizao.Protocols.Mcp.Tests;

public sealed class McpToolNamesTests
{
    [Theory]
    [InlineData("cn.zhizao/scheduler", "schedule", "cn.zhizao_scheduler__schedule")]
    [InlineData("cn.zhizao/limit-monitor", "alarms", "cn.zhizao_limit-monitor__alarms")]
    [InlineData("cn.example.plant1/Cell-2", "v1.check", "cn.example.plant1_Cell-2__v1.check")]
    public void Plain_ids_map_to_readable_names_that_parse_back(string agentId, string skill, string expected)
    {
        var name = McpToolNames.For(agentId, skill);

        Assert.Equal(expected, name);
        Assert.True(McpToolNames.TryParse(name, out var parsedAgent, out var parsedSkill));
        Assert.Equal((agentId, skill), (parsedAgent, parsedSkill));
    }

    [Theory]
    [InlineData("cn.zhizao/my_agent", "run")]
    [InlineData("cn.zhizao/scheduler", "plan now")]
    [InlineData("cn.zhizao/a/b", "run")]
    [InlineData("com.example.very-long-publisher-namespace.division/an-agent-with-a-long-name", "summarise")]
    public void Ids_that_do_not_fit_get_a_valid_hashed_name_that_does_not_parse(string agentId, string skill)
    {
        var name = McpToolNames.For(agentId, skill);

        Assert.Matches("^[A-Za-z0-9.-]+_[0-9a-f]{16}$", name);
        Assert.True(name.Length <= McpToolNames.MaxLength);
        Assert.False(McpToolNames.TryParse(name, out _, out _));
        Assert.Equal(name, McpToolNames.For(agentId, skill));
        Assert.NotEqual(name, McpToolNames.For(agentId, skill + "2"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("add")]
    [InlineData("cn.zhizao_scheduler_schedule")]
    [InlineData("cn.zhizao_scheduler___schedule")]
    [InlineData("_scheduler__schedule")]
    [InlineData("cn.zhizao_scheduler__")]
    [InlineData("cn.zhizao_sched uler__schedule")]
    public void Other_names_do_not_parse(string name) => Assert.False(McpToolNames.TryParse(name, out _, out _));
}
