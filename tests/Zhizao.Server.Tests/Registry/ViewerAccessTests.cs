using System.Net;
using System.Net.Http.Json;
using Zhizao.Server.Tests.Infrastructure;

namespace Zhizao.Server.Tests.Registry;

/// <summary>A viewer reads through the gateway (maintenance views, what it may call) but acts on nothing.</summary>
public sealed class ViewerAccessTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task A_viewer_reads_maintenance_views_and_lists_only_information_skills_but_cannot_acknowledge_or_release()
    {
        using var admin = fixture.Server.Admin();
        var (_, key) = await admin.CreateKeyAsync(TestPlant.Unique("viewer"), "viewer");
        using var viewer = fixture.Server.Client(key);

        using (var status = await viewer.GetAsync("api/v1/maintenance/status"))
            Assert.Equal(HttpStatusCode.OK, status.StatusCode);
        var skills = (await viewer.GetJsonAsync("api/v1/skills")).AsArray();
        Assert.NotEmpty(skills);
        Assert.All(skills, s => Assert.Equal("Information", s!["impact"]!.GetValue<string>()));
        Assert.DoesNotContain(skills, s => s!["skill"]!["name"]!.GetValue<string>() is "acknowledge" or "release");

        using var acknowledge = await viewer.PostAsJsonAsync("api/v1/agents/cn.zhizao/maintenance/skills/acknowledge", new { id = 1 });
        await acknowledge.ProblemAsync(HttpStatusCode.Forbidden, "role-denied");
    }
}
