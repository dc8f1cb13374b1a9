using Zhizao.Registry.Search;
using static Zhizao.Registry.Tests.Search.SearchAgents;

namespace Zhizao.Registry.Tests.Search;

public sealed class RegistrySearchUpdateTests
{
    [Fact]
    public void An_upsert_replaces_the_agents_entry_and_the_next_search_sees_it()
    {
        using var index = Index();
        Assert.Equal([Scheduler.AgentId], index.Ids("柔性作业车间"));

        index.Upsert(Scheduler with { Version = "1.1.0", DescriptionZh = "多目标装配线平衡", DescriptionEn = "Balances assembly lines." });

        Assert.Empty(index.Ids("柔性作业车间"));
        var hit = Assert.Single(index.Search(new SearchQuery { Text = "装配线 balancing" }).Hits);
        Assert.Equal((Scheduler.AgentId, "1.1.0"), (hit.AgentId, hit.Version));
        Assert.Equal(All.Count, index.Count);
    }

    [Fact]
    public void Making_an_agent_private_hides_it_from_other_workspaces_at_once()
    {
        using var index = Index();
        Assert.Contains(Scheduler.AgentId, index.Ids("scheduling", workspace: "plant2"));

        index.Upsert(Scheduler with { OwnerWorkspace = "plant1", Visibility = AgentVisibility.Private });

        Assert.DoesNotContain(Scheduler.AgentId, index.Ids("scheduling", workspace: "plant2"));
        Assert.Contains(Scheduler.AgentId, index.Ids("scheduling", workspace: "plant1"));
    }

    [Fact]
    public void A_removed_agent_is_no_longer_found_and_removing_an_unknown_one_changes_nothing()
    {
        using var index = Index();

        index.Remove(Maintenance.AgentId);
        index.Remove("cn.nobody/nothing");

        Assert.Empty(index.Ids("预测性维护"));
        Assert.DoesNotContain(Maintenance.AgentId, index.Ids(new SearchQuery { Workspace = "plant2" }));
        Assert.Equal(All.Count - 1, index.Count);
    }

    [Fact]
    public void Concurrent_writers_and_readers_see_a_consistent_index()
    {
        using var index = new RegistrySearchIndex();
        const int Agents = 200;

        Parallel.For(0, Agents * 2, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
        {
            if (i % 2 == 0)
                index.Upsert(Agent($"cn.load/agent-{i / 2:D3}", $"Pump monitor {i / 2}", "泵监控"));
            else
                Assert.InRange(index.Search(new SearchQuery { Text = "泵 pump", PageSize = 5 }).Total, 0, Agents);
        });

        Assert.Equal(Agents, index.Search(new SearchQuery { Text = "泵 pump" }).Total);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    public void An_agent_with_a_grade_outside_1_to_5_is_refused_and_not_indexed(int grade)
    {
        using var index = Index();

        Assert.Throws<ArgumentOutOfRangeException>(() => index.Upsert(Agent("cn.bad/grade", "Bad grade monitor", grade: grade)));

        Assert.Empty(index.Ids("bad grade"));
        Assert.Equal(All.Count, index.Count);
    }

    [Fact]
    public void A_disposed_index_refuses_calls()
    {
        var index = Index();
        index.Dispose();
        index.Dispose();

        Assert.Throws<ObjectDisposedException>(() => index.Search(new SearchQuery()));
        Assert.Throws<ObjectDisposedException>(() => index.Upsert(Scheduler));
    }
}
