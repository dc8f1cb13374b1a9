using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Zhizao.Server.Tests.Infrastructure;

namespace Zhizao.Server.Tests;

/// <summary>A server whose supply uploads are bounded at 64 KiB (the samples are 7 KiB).</summary>
public sealed class SupplyServerFixture : ServerFixture
{
    public const int Limit = 64 * 1024;

    protected override ServerSettings Settings => new()
    {
        Configuration = new Dictionary<string, string?> { ["Zhizao:Supply:MaxDatasetBytes"] = Limit.ToString(CultureInfo.InvariantCulture) },
    };
}

/// <summary>Supply data sets uploaded over HTTP, and the supply agent's skills on them through the skill gateway.</summary>
public sealed class SupplyApiTests(SupplyServerFixture fixture) : IClassFixture<SupplyServerFixture>
{
    private const string Datasets = "api/v1/supply/datasets";
    private const string Skills = "api/v1/agents/cn.zhizao/supply/skills";

    private static readonly string Samples = Path.Combine(AppContext.BaseDirectory, "samples");

    private readonly ServerHost _server = fixture.Server;

    [Fact]
    public async Task A_demand_file_with_a_gap_and_a_duplicate_is_stored_with_both_repairs_reported()
    {
        using var admin = _server.Admin();
        var rows = Enumerable.Range(0, 40).Where(d => d != 10).Select(d => $"pump-seal,{Day(d)},{5 + (d % 7)}").ToList();
        rows.Insert(5, $"pump-seal,{Day(4)},3");

        using var created = await PutCsvAsync(admin, $"{Datasets}/repairs", "item,date,quantity\n" + string.Join('\n', rows));
        var dataset = await created.JsonAsync(HttpStatusCode.Created);

        var demand = dataset["demand"]!;
        Assert.Equal(1, demand["items"]!.GetValue<int>());
        Assert.Equal(40, demand["periods"]!.GetValue<long>());
        Assert.Equal(1, demand["counts"]!["DuplicatesSummed"]!.GetValue<long>());
        Assert.Equal(1, demand["counts"]!["GapFilled"]!.GetValue<long>());
        var kinds = demand["findings"]!.AsArray().Select(f => f!["kind"]!.GetValue<string>()).ToList();
        Assert.Contains("DuplicatesSummed", kinds);
        Assert.Contains("GapFilled", kinds);
        Assert.Equal($"/{Datasets}/repairs", created.Headers.Location?.OriginalString);

        using var replaced = await PutCsvAsync(admin, $"{Datasets}/repairs", "item,date,quantity\n" + string.Join('\n', rows));
        await replaced.JsonAsync(HttpStatusCode.OK);
        var listed = (await admin.GetJsonAsync(Datasets)).AsArray();
        Assert.Contains(listed, d => d!["name"]!.GetValue<string>() == "repairs");
    }

    [Fact]
    public async Task A_file_that_is_not_demand_is_a_400_problem_naming_line_column_and_value()
    {
        using var admin = _server.Admin();

        using var response = await PutCsvAsync(admin, $"{Datasets}/broken", "item,date,quantity\nvalve,2026-01-01,abc\nvalve,2026-01-02,-4\n");

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest, "invalid-demand-file");
        Assert.Contains("no usable row", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        var findings = problem["findings"]!.AsArray();
        var bad = findings.Single(f => f!["line"]?.GetValue<long>() == 2)!;
        Assert.Equal("quantity", bad["column"]!.GetValue<string>());
        Assert.Equal("abc", bad["value"]!.GetValue<string>());
        Assert.Contains(findings, f => f!["line"]?.GetValue<long>() == 3 && f["kind"]!.GetValue<string>() == "NegativeQuantity");
        using var absent = await admin.GetAsync($"{Datasets}/broken");
        await absent.ProblemAsync(HttpStatusCode.NotFound, "unknown-dataset");
    }

    [Fact]
    public async Task An_upload_over_the_bound_is_a_413_problem()
    {
        using var admin = _server.Admin();
        var big = new StringBuilder("item,date,quantity\n");
        for (var d = 0; big.Length <= SupplyServerFixture.Limit; d++)
            big.Append(CultureInfo.InvariantCulture, $"item-{d % 50},{Day(d / 50)},{d}\n");

        using var response = await PutCsvAsync(admin, $"{Datasets}/too-big", big.ToString());

        await response.ProblemAsync(HttpStatusCode.RequestEntityTooLarge, "payload-too-large");
    }

    [Fact]
    public async Task Uploads_need_a_key_and_an_operator_while_a_viewer_may_read()
    {
        using var admin = _server.Admin();
        using var anonymous = _server.Client(null);
        using var refused = await PutCsvAsync(anonymous, $"{Datasets}/anonymous", "item,date,quantity\na,2026-01-01,1\n");
        await refused.ProblemAsync(HttpStatusCode.Unauthorized, "unauthenticated");

        var (_, key) = await admin.CreateKeyAsync("supply-viewer", "viewer");
        using var viewer = _server.Client(key);
        using var forbidden = await PutCsvAsync(viewer, $"{Datasets}/viewer", "item,date,quantity\na,2026-01-01,1\n");
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        using var list = await viewer.GetAsync(Datasets);
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
    }

    [Fact]
    public async Task The_skills_run_through_the_gateway_on_an_uploaded_data_set_and_on_the_demo()
    {
        using var admin = _server.Admin();
        using var demand = await PutCsvAsync(admin, $"{Datasets}/sample", await File.ReadAllTextAsync(Path.Combine(Samples, "demand.example.csv")));
        Assert.True(demand.IsSuccessStatusCode, await demand.Content.ReadAsStringAsync());

        var forecast = await PostOkAsync(admin, "forecast", """{"dataset":"sample","method":"snaive","horizon":14}""");
        Assert.Equal("dataset", forecast["source"]!.GetValue<string>());
        Assert.Equal(3, forecast["items"]!.AsArray().Count);
        Assert.All(forecast["items"]!.AsArray(), i => Assert.Equal(14, i!["points"]!.AsArray().Count));
        Assert.Contains(forecast["findings"]!.AsArray(), f => f!["kind"]!.GetValue<string>() == "GapFilled");

        var backtest = await PostOkAsync(admin, "backtest", """{"dataset":"sample","methods":["snaive","ets-fast"],"folds":2,"horizon":14}""");
        Assert.Equal(3, backtest["items"]!.AsArray().Count);
        Assert.Equal(3, backtest["methods"]!.AsArray().Sum(m => m!["wins"]!.GetValue<int>()));

        using var noStock = await admin.PostAsync($"{Skills}/inventory-check", Json("""{"dataset":"sample","method":"snaive"}"""));
        Assert.Contains("no inventory file", (await noStock.ProblemAsync(HttpStatusCode.BadRequest, "invalid-input"))["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        using var inventory = await PutCsvAsync(admin, $"{Datasets}/sample/inventory", await File.ReadAllTextAsync(Path.Combine(Samples, "inventory.example.csv")));
        Assert.Equal(3, (await inventory.JsonAsync(HttpStatusCode.OK))["inventory"]!["items"]!.GetValue<int>());
        var check = await PostOkAsync(admin, "inventory-check", """{"dataset":"sample","method":"snaive","serviceLevel":0.9}""");
        Assert.Equal(3, check["items"]!.AsArray().Count);
        Assert.Equal(3, check["summary"]!.AsObject().Where(p => p.Key is "critical" or "high" or "medium" or "info" or "none").Sum(p => p.Value!.GetValue<int>()));

        var demo = await PostOkAsync(admin, "forecast", """{"source":"demo","items":["pallet"],"method":"ets-fast","horizon":7}""");
        Assert.Equal("pallet", demo["items"]![0]!["item"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_deleted_data_set_is_gone_for_the_api_and_the_skills()
    {
        using var admin = _server.Admin();
        using var put = await PutCsvAsync(admin, $"{Datasets}/short-lived", "item,date,quantity\na,2026-01-01,1\na,2026-01-02,2\n");
        await put.JsonAsync(HttpStatusCode.Created);
        using var noInventoryTarget = await PutCsvAsync(admin, $"{Datasets}/never-uploaded/inventory", "item,on_hand,lead_time_days\na,1,1\n");
        await noInventoryTarget.ProblemAsync(HttpStatusCode.NotFound, "unknown-dataset");

        using var deleted = await admin.DeleteAsync($"{Datasets}/short-lived");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);

        using var skill = await admin.PostAsync($"{Skills}/forecast", Json("""{"dataset":"short-lived"}"""));
        await skill.ProblemAsync(HttpStatusCode.NotFound, "not-found");
        using var again = await admin.DeleteAsync($"{Datasets}/short-lived");
        await again.ProblemAsync(HttpStatusCode.NotFound, "unknown-dataset");
        using var badName = await PutCsvAsync(admin, $"{Datasets}/..hidden", "item,date,quantity\na,2026-01-01,1\n");
        await badName.ProblemAsync(HttpStatusCode.BadRequest, "invalid-dataset-name");
    }

    private static string Day(int offset) => new DateOnly(2026, 1, 1).AddDays(offset).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static Task<HttpResponseMessage> PutCsvAsync(HttpClient client, string path, string csv) =>
        client.PutAsync(path, new StringContent(csv, Encoding.UTF8, "text/csv"));

    private static async Task<JsonObject> PostOkAsync(HttpClient admin, string skill, string input)
    {
        using var response = await admin.PostAsync($"{Skills}/{skill}", Json(input));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{skill}: {(int)response.StatusCode} {text}");
        Assert.DoesNotContain("NaN", text, StringComparison.Ordinal);
        return JsonNode.Parse(text)!.AsObject();
    }
}
