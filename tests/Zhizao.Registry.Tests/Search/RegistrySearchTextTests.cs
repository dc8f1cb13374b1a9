using Zhizao.Registry.Search;
using static Zhizao.Registry.Tests.Search.SearchAgents;

namespace Zhizao.Registry.Tests.Search;

public sealed class RegistrySearchTextTests
{
    [Fact]
    public void Chinese_word_is_found_inside_an_unsegmented_compound()
    {
        using var index = Index();

        // "排产" appears only inside "柔性作业车间排产调度" in the scheduler's Chinese description.
        Assert.Equal([Scheduler.AgentId], index.Ids("排产"));
    }

    [Fact]
    public void Predictive_maintenance_in_Chinese_finds_the_maintenance_agent_not_the_scheduler_that_mentions_maintenance()
    {
        using var index = Index();

        Assert.Equal([Maintenance.AgentId], index.Ids("预测性维护"));
        // The scheduler does mention 维护 (maintenance windows): the single word finds both.
        Assert.Equal([Maintenance.AgentId, Scheduler.AgentId], index.Ids("维护").Order(StringComparer.Ordinal));
    }

    [Fact]
    public void English_words_match_their_stem()
    {
        using var index = Index();

        // The scheduler says "schedules"; the maintenance agent "Predictive", "predicts" and "anomalies".
        Assert.Equal([Scheduler.AgentId], index.Ids("scheduling"));
        Assert.Equal([Maintenance.AgentId], index.Ids("anomaly"));
        Assert.Equal([Maintenance.AgentId], index.Ids("predictive maintenance"));
    }

    [Fact]
    public void Mixed_Chinese_and_English_query_searches_both_languages()
    {
        using var index = Index();

        Assert.Equal([Scheduler.AgentId], index.Ids("排产 scheduling"));
        Assert.Equal([Scheduler.AgentId], index.Ids("scheduling排产"));
        Assert.Equal([Maintenance.AgentId], index.Ids("vibration 维护"));
        // A Latin word inside Chinese text is found in the Chinese fields.
        Assert.Equal([Energy.AgentId], index.Ids("AGV充电"));
    }

    [Fact]
    public void Chinese_industrial_terms_find_agents_described_in_English_only_below_those_described_in_Chinese()
    {
        var englishOnly = Agent("cn.ext/planner", "Job shop scheduling", descriptionEn: "Plans work orders; respects maintenance windows.");
        var predictive = Agent("cn.ext/health", "Pump health", descriptionEn: "Predictive maintenance for pumps.");
        using var index = Index(Scheduler, englishOnly, predictive);

        Assert.Equal([Scheduler.AgentId, englishOnly.AgentId], index.Ids("排产"));
        Assert.Equal([predictive.AgentId], index.Ids("预测性维护"));
        Assert.Empty(index.Ids("注塑"));
    }

    [Fact]
    public void Full_width_input_reads_as_ascii()
    {
        using var index = Index();

        Assert.Equal([Energy.AgentId], index.Ids("ＡＧＶ"));
    }

    [Fact]
    public void Skill_names_tags_and_stage_names_are_searchable()
    {
        using var index = Index();

        Assert.Equal([Maintenance.AgentId], index.Ids("failure"));
        Assert.Equal([Energy.AgentId], index.Ids("compressed-air"));
        Assert.Equal([Energy.AgentId, Maintenance.AgentId], index.Ids("运营管理").Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_name_match_ranks_above_a_description_match()
    {
        using var index = Index(
            Agent("cn.a/describer", "Line monitor", descriptionEn: "Watches torque."),
            Agent("cn.b/namer", "Torque limit watcher", descriptionEn: "Raises alarms on the press line when limits are crossed for a long time."),
            Agent("cn.c/zh-describer", "Monitor", "监控", descriptionZh: "扭矩"),
            Agent("cn.d/zh-namer", "Monitor", "扭矩监控", descriptionZh: "压机产线长时间超限时报警。"));

        Assert.Equal(["cn.b/namer", "cn.a/describer"], index.Ids("torque"));
        Assert.Equal(["cn.d/zh-namer", "cn.c/zh-describer"], index.Ids("扭矩"));
    }

    [Fact]
    public void Adjacent_words_rank_above_scattered_ones()
    {
        using var index = Index(
            Agent("cn.a/scattered", "Energy", descriptionEn: "Compressed storage of data; air quality."),
            Agent("cn.b/phrase", "Energy", descriptionEn: "Compressed air leak finder for lines."));

        Assert.Equal(["cn.b/phrase", "cn.a/scattered"], index.Ids("compressed air"));
    }

    [Fact]
    public void Long_queries_need_most_words_not_all()
    {
        using var index = Index();

        // Five words, one of which (robot) is nowhere: 75 % must match.
        Assert.Equal([Maintenance.AgentId], index.Ids("vibration anomalies remaining life robot"));
        Assert.Empty(index.Ids("vibration robot"));
    }

    [Theory]
    [InlineData("AND OR (( \\\" *:* title:")]
    [InlineData("*:*")]
    [InlineData("name_en:*")]
    [InlineData("\"unterminated")]
    [InlineData("a~2 b^10 [x TO y] {a TO b} /regex/ +-!&&||")]
    [InlineData("的")]
    [InlineData("，。、；：？！（）")]
    [InlineData("   ")]
    public void Query_syntax_in_user_text_is_never_interpreted_and_never_throws(string text)
    {
        using var index = Index();

        var results = index.Search(new SearchQuery { Text = text, Workspace = "plant2" });

        // Text without searchable words lists the visible agents; syntax never widens the result to other workspaces' private agents.
        Assert.InRange(results.Total, 0, 3);
        Assert.DoesNotContain(results.Hits, h => h.AgentId == Inspector.AgentId);
    }

    [Fact]
    public void Control_characters_and_lone_surrogates_never_throw()
    {
        using var index = Index();

        var results = index.Search(new SearchQuery { Text = "\0\u0001\uD800 lone surrogate \uDC00 排产" + new string('\uD83D', 300) });

        Assert.Equal(0, results.Total);
    }

    [Fact]
    public void Syntax_characters_around_words_are_ignored_and_the_words_still_match()
    {
        using var index = Index();

        Assert.Equal([Scheduler.AgentId], index.Ids("title: scheduling* AND (排产"));
    }

    [Fact]
    public void Only_the_first_200_characters_of_the_text_are_searched()
    {
        using var index = Index();
        var first200 = string.Concat(Enumerable.Repeat("scheduling ", 20));

        // Were "vibration" searched too, no agent would have both words; the 19th "scheduling", cut at 200, is dropped whole.
        Assert.Equal([Scheduler.AgentId], index.Ids(first200 + "vibration"));
        Assert.Equal([Scheduler.AgentId], index.Ids(new string('排', 100_000)));
    }
}
