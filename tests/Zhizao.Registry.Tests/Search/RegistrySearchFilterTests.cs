using Zhizao.Registry.Search;
using static Zhizao.Registry.Tests.Search.SearchAgents;

namespace Zhizao.Registry.Tests.Search;

public sealed class RegistrySearchFilterTests
{
    [Fact]
    public void A_private_agent_is_returned_to_its_own_workspace_and_never_to_another()
    {
        using var index = Index();
        string[] texts = ["", "visual quality inspection", "视觉质检", "inspect", "cn.example.plant1", "*:*"];

        foreach (var text in texts)
        {
            Assert.Contains(Inspector.AgentId, index.Ids(new SearchQuery { Text = text, Workspace = "plant1" }));
            Assert.DoesNotContain(Inspector.AgentId, index.Ids(new SearchQuery { Text = text, Workspace = "plant2" }));
            Assert.DoesNotContain(Inspector.AgentId, index.Ids(new SearchQuery { Text = text, Workspace = null }));
            Assert.DoesNotContain(Inspector.AgentId, index.Ids(new SearchQuery { Text = text, Workspace = "plant2", Visibility = AgentVisibility.Private }));
        }
    }

    [Fact]
    public void A_shared_agent_is_returned_to_its_owner_and_the_workspaces_it_is_shared_with_only()
    {
        using var index = Index();

        Assert.Contains(Energy.AgentId, index.Ids(new SearchQuery { Workspace = "example-hq" }));
        Assert.Contains(Energy.AgentId, index.Ids(new SearchQuery { Workspace = "plant2" }));
        Assert.DoesNotContain(Energy.AgentId, index.Ids(new SearchQuery { Workspace = "plant1" }));
        Assert.DoesNotContain(Energy.AgentId, index.Ids(new SearchQuery { Workspace = null }));
    }

    [Fact]
    public void A_private_agent_listing_workspaces_to_share_with_is_still_private()
    {
        using var index = Index(Inspector with { SharedWith = ["plant2"] });

        Assert.Empty(index.Ids(new SearchQuery { Workspace = "plant2" }));
    }

    [Fact]
    public void Workspace_names_match_exactly()
    {
        using var index = Index();

        Assert.DoesNotContain(Inspector.AgentId, index.Ids(new SearchQuery { Workspace = "PLANT1" }));
        Assert.DoesNotContain(Inspector.AgentId, index.Ids(new SearchQuery { Workspace = "plant" }));
    }

    [Fact]
    public void Visibility_filter_keeps_only_that_visibility()
    {
        using var index = Index();

        Assert.Equal([Inspector.AgentId], index.Ids(new SearchQuery { Workspace = "plant1", Visibility = AgentVisibility.Private }));
        Assert.Equal([Energy.AgentId], index.Ids(new SearchQuery { Workspace = "plant2", Visibility = AgentVisibility.Shared }));
        Assert.Equal([Maintenance.AgentId, Scheduler.AgentId], index.Ids(new SearchQuery { Workspace = "plant1", Visibility = AgentVisibility.Public }));
    }

    [Fact]
    public void Scenario_filter_accepts_the_stage_id_or_its_Chinese_name()
    {
        using var index = Index();

        Assert.Equal([Maintenance.AgentId, Energy.AgentId], index.Ids(new SearchQuery { Workspace = "plant2", Scenario = "operations" }));
        Assert.Equal([Maintenance.AgentId, Energy.AgentId], index.Ids(new SearchQuery { Workspace = "plant2", Scenario = "运营管理" }));
        Assert.Equal([Scheduler.AgentId], index.Ids(new SearchQuery { Workspace = "plant2", Scenario = "Production", Text = "排产" }));
        Assert.Empty(index.Ids(new SearchQuery { Workspace = "plant2", Scenario = "design" }));
    }

    [Fact]
    public void Grade_filter_is_exact_or_a_maximum()
    {
        using var index = Index();

        Assert.Equal([Scheduler.AgentId], index.Ids(new SearchQuery { Workspace = "plant2", Grade = 2 }));
        Assert.Equal([Maintenance.AgentId, Scheduler.AgentId], index.Ids(new SearchQuery { Workspace = "plant2", MaxGrade = 3 }));
        Assert.Equal([Maintenance.AgentId, Scheduler.AgentId, Energy.AgentId], index.Ids(new SearchQuery { Workspace = "plant2", MaxGrade = 4 }));
        Assert.Empty(index.Ids(new SearchQuery { Workspace = "plant2", Grade = 4, MaxGrade = 3 }));
    }

    [Fact]
    public void Publisher_industry_and_tag_filters_match_case_insensitively_and_tags_match_their_descendants()
    {
        using var index = Index();

        Assert.Equal([Energy.AgentId], index.Ids(new SearchQuery { Workspace = "plant2", Publisher = "CN.Example" }));
        Assert.Equal([Maintenance.AgentId, Energy.AgentId], index.Ids(new SearchQuery { Workspace = "plant2", Industry = "process" }));
        Assert.Equal([Scheduler.AgentId], index.Ids(new SearchQuery { Workspace = "plant2", Tag = "planning" }));
        Assert.Equal([Scheduler.AgentId], index.Ids(new SearchQuery { Workspace = "plant2", Tag = "Planning/Scheduling" }));
        Assert.Equal([Energy.AgentId], index.Ids(new SearchQuery { Workspace = "plant2", Tag = "energy" }));
        Assert.Empty(index.Ids(new SearchQuery { Workspace = "plant2", Tag = "plan" }));
    }

    [Fact]
    public void Only_published_agents_are_found_unless_another_status_is_asked_for()
    {
        using var index = Index(Scheduler, Maintenance with { Status = AgentLifecycleStatus.Suspended });

        Assert.Equal([Scheduler.AgentId], index.Ids(new SearchQuery()));
        Assert.Equal([Maintenance.AgentId], index.Ids(new SearchQuery { Status = AgentLifecycleStatus.Suspended }));
        Assert.Equal([Maintenance.AgentId, Scheduler.AgentId], index.Ids(new SearchQuery { Status = null }));
    }

    [Fact]
    public void Filter_only_listing_is_ordered_by_rating_then_installs_then_id()
    {
        using var index = Index(
            Agent("cn.a/b", "B") with { AverageRating = 4, InstallCount = 5 },
            Agent("cn.a/a", "A") with { AverageRating = 4, InstallCount = 5 },
            Agent("cn.a/c", "C") with { AverageRating = 4, InstallCount = 50 },
            Agent("cn.a/d", "D") with { AverageRating = 4.9 },
            Agent("cn.a/e", "E"));

        var results = index.Search(new SearchQuery());

        Assert.Equal(["cn.a/d", "cn.a/c", "cn.a/a", "cn.a/b", "cn.a/e"], results.Hits.Select(h => h.AgentId));
        Assert.All(results.Hits, h => Assert.Equal(0f, h.Score));
    }

    [Fact]
    public void Pages_cover_every_hit_once_and_report_the_total()
    {
        var agents = Enumerable.Range(0, 25).Select(i => Agent($"cn.page/agent-{i:D2}", $"Pump monitor {i}", descriptionEn: "Watches pumps.")).ToArray();
        using var index = Index(agents);

        var pages = Enumerable.Range(0, 4).Select(page => page * 10).Select(offset => index.Search(new SearchQuery { Text = "pump", Offset = offset, PageSize = 10 })).ToList();

        Assert.All(pages, p => Assert.Equal(25, p.Total));
        Assert.Equal([10, 10, 5, 0], pages.Select(p => p.Hits.Count));
        var ids = pages.SelectMany(p => p.Hits.Select(h => h.AgentId)).ToList();
        Assert.Equal(agents.Select(a => a.AgentId).Order(StringComparer.Ordinal), ids.Order(StringComparer.Ordinal));
        Assert.Equal(ids, pages.SelectMany(p => p.Hits).OrderByDescending(h => h.Score).Select(h => h.AgentId));
    }

    [Fact]
    public void Out_of_range_paging_is_clamped()
    {
        var agents = Enumerable.Range(0, 130).Select(i => Agent($"cn.page/agent-{i:D3}", "Pump monitor")).ToArray();
        using var index = Index(agents);

        var huge = index.Search(new SearchQuery { PageSize = 100_000, Offset = -5 });
        var none = index.Search(new SearchQuery { PageSize = 0, Offset = int.MaxValue });

        Assert.Equal((130, 0, SearchQuery.MaxPageSize, SearchQuery.MaxPageSize), (huge.Total, huge.Offset, huge.PageSize, huge.Hits.Count));
        Assert.Equal((SearchQuery.MaxOffset, SearchQuery.DefaultPageSize, 0), (none.Offset, none.PageSize, none.Hits.Count));
    }
}
