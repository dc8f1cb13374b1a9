using System.Net;
using System.Text.Json.Nodes;
using Zhizao.Server.Tests.Infrastructure;

namespace Zhizao.Server.Tests;

public sealed class PlantsApiTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private readonly ServerHost _server = fixture.Server;

    [Fact]
    public async Task A_json_plant_file_is_imported_listed_and_served_back()
    {
        using var admin = _server.Admin();
        var plant = TestPlant.Create("json");

        var summary = await admin.ImportPlantAsync(plant);

        Assert.Equal(plant.Id, summary["id"]!.GetValue<string>());
        Assert.Equal(1, summary["revision"]!.GetValue<int>());
        Assert.Equal(1, summary["sites"]!.GetValue<int>());
        Assert.Equal(1, summary["machines"]!.GetValue<int>());
        Assert.Equal(4, summary["signals"]!.GetValue<int>());
        Assert.Equal("测试工厂", summary["name"]!["zh"]!.GetValue<string>());

        var listed = (await admin.GetJsonAsync("api/v1/plants")).AsArray();
        Assert.Single(listed, p => p!["id"]!.GetValue<string>() == plant.Id);

        var file = (await admin.GetJsonAsync($"api/v1/plants/{plant.Id}")).AsObject();
        Assert.Equal(plant.Id, file["id"]!.GetValue<string>());
        var signals = file["sites"]![0]!["lines"]![0]!["machines"]![0]!["signals"]!.AsArray();
        Assert.Equal(["temp", "count", "running", "pressure"], signals.Select(s => s!["id"]!.GetValue<string>()));
        Assert.Equal(10, signals[0]!["normal"]!["max"]!.GetValue<double>());

        var catalog = (await admin.GetJsonAsync("api/v1/signals")).AsArray();
        var temp = Assert.Single(catalog, s => s!["path"]!.GetValue<string>() == plant.Temp)!;
        Assert.Equal("°C", temp["unit"]!.GetValue<string>());
        Assert.Equal("float", temp["dataType"]!.GetValue<string>());
        Assert.Equal(plant.Id, temp["plant"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_yaml_plant_file_is_imported_with_the_yaml_content_type()
    {
        using var admin = _server.Admin();
        var plant = TestPlant.Create("yaml");

        using var response = await admin.PostPlantAsync(plant.Yaml(), "application/yaml");

        var summary = await response.JsonAsync(HttpStatusCode.OK);
        Assert.Equal(plant.Id, summary["id"]!.GetValue<string>());
        Assert.Equal(4, summary["signals"]!.GetValue<int>());
        var file = await admin.GetJsonAsync($"api/v1/plants/{plant.Id}");
        Assert.Equal("Asia/Shanghai", file["sites"]![0]!["timeZone"]!.GetValue<string>());
    }

    [Fact]
    public async Task Importing_the_same_plant_again_updates_it_with_the_next_revision()
    {
        using var admin = _server.Admin();
        var plant = TestPlant.Create("update");
        await admin.ImportPlantAsync(plant);

        using var response = await admin.PostPlantAsync(plant.Json(extraSignal: "humidity"));

        var summary = await response.JsonAsync(HttpStatusCode.OK);
        Assert.Equal(2, summary["revision"]!.GetValue<int>());
        Assert.Equal(5, summary["signals"]!.GetValue<int>());
        var file = await admin.GetJsonAsync($"api/v1/plants/{plant.Id}");
        Assert.Equal(2, file["revision"]!.GetValue<int>());
        var listed = (await admin.GetJsonAsync("api/v1/plants")).AsArray().Single(p => p!["id"]!.GetValue<string>() == plant.Id)!;
        Assert.Equal(2, listed["revision"]!.GetValue<int>());
        // The new signal takes points at once: the catalog was reloaded.
        var ingest = await admin.IngestOkAsync([ApiCalls.Line($"{plant.MachinePath}/humidity", ApiCalls.MinuteAgo(5), 40.5)]);
        Assert.Equal(1, ingest["accepted"]!.GetValue<int>());
    }

    [Fact]
    public async Task An_invalid_plant_file_is_refused_whole_with_each_error_naming_file_path_and_message()
    {
        using var admin = _server.Admin();
        var plant = TestPlant.Create("invalid");
        var broken = plant.Json()
            .Replace("\"timeZone\": \"Asia/Shanghai\"", "\"timeZone\": \"Mars/Olympus\"", StringComparison.Ordinal)
            .Replace("\"min\": 0, \"max\": 10 }", "\"min\": 10, \"max\": 0 }", StringComparison.Ordinal);

        using var response = await admin.PostPlantAsync(broken, fileName: "factory.json");

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest, "invalid-plant-file");
        Assert.Contains("factory.json", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        var errors = problem["errors"]!.AsArray().Select(e => e!.AsObject()).ToList();
        Assert.All(errors, e => Assert.Equal("factory.json", e["file"]!.GetValue<string>()));
        var timeZone = Assert.Single(errors, e => e["path"]!.GetValue<string>() == "/sites/0/timeZone");
        Assert.Contains("Mars/Olympus", timeZone["message"]!.GetValue<string>(), StringComparison.Ordinal);
        var range = Assert.Single(errors, e => e["path"]!.GetValue<string>() == "/sites/0/lines/0/machines/0/signals/0/normal");
        Assert.Contains("must be below", range["message"]!.GetValue<string>(), StringComparison.Ordinal);

        await AssertNotImportedAsync(admin, plant);
    }

    [Fact]
    public async Task A_plant_file_that_breaks_the_schema_names_the_offending_value()
    {
        using var admin = _server.Admin();
        var plant = TestPlant.Create("schema");
        var broken = plant.Json().Replace("\"dataType\": \"int\"", "\"dataType\": \"integer\"", StringComparison.Ordinal);

        using var response = await admin.PostPlantAsync(broken);

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest, "invalid-plant-file");
        var errors = problem["errors"]!.AsArray();
        Assert.Contains(errors, e => e!["path"]!.GetValue<string>() == "/sites/0/lines/0/machines/0/signals/1/dataType"
            && e["file"]!.GetValue<string>() == "request.json" && e["message"]!.GetValue<string>().Length > 0);
        await AssertNotImportedAsync(admin, plant);
    }

    [Fact]
    public async Task A_plant_file_that_is_not_json_is_a_400_naming_the_file()
    {
        using var admin = _server.Admin();

        using var response = await admin.PostPlantAsync("{ \"schemaVersion\": 1, ", fileName: "half.json");

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest, "invalid-plant-file");
        var error = Assert.Single(problem["errors"]!.AsArray())!;
        Assert.Equal("half.json", error["file"]!.GetValue<string>());
        Assert.Contains("not valid JSON", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invalid_update_leaves_the_stored_revision_unchanged()
    {
        using var admin = _server.Admin();
        var plant = TestPlant.Create("keep");
        await admin.ImportPlantAsync(plant);

        using var response = await admin.PostPlantAsync(plant.Json(extraSignal: "temp"));

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest, "invalid-plant-file");
        Assert.Contains(problem["errors"]!.AsArray(), e => e!["message"]!.GetValue<string>().Contains("duplicate signal id 'temp'", StringComparison.Ordinal));
        var file = await admin.GetJsonAsync($"api/v1/plants/{plant.Id}");
        Assert.Equal(1, file["revision"]!.GetValue<int>());
        Assert.Equal(4, file["sites"]![0]!["lines"]![0]!["machines"]![0]!["signals"]!.AsArray().Count);
    }

    [Fact]
    public async Task A_site_that_belongs_to_another_plant_is_a_409_conflict()
    {
        using var admin = _server.Admin();
        var first = TestPlant.Create("owner");
        await admin.ImportPlantAsync(first);
        var intruder = first with { Id = TestPlant.Unique("intruder") };

        using var response = await admin.PostPlantAsync(intruder.Json());

        var problem = await response.ProblemAsync(HttpStatusCode.Conflict, "plant-conflict");
        Assert.Contains(first.Site, problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains(first.Id, problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        await AssertNotImportedAsync(admin, intruder);
    }

    [Fact]
    public async Task An_unknown_plant_is_a_404_problem()
    {
        using var admin = _server.Admin();

        using var response = await admin.GetAsync("api/v1/plants/no-such-plant");

        await response.ProblemAsync(HttpStatusCode.NotFound, "unknown-plant");
    }

    [Fact]
    public async Task The_plant_schema_is_served_as_json_schema()
    {
        using var admin = _server.Admin();

        using var response = await admin.GetAsync("api/v1/plants/schema");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/schema+json", response.Content.Headers.ContentType?.MediaType);
        var schema = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.NotNull(schema["properties"]?["sites"]);
    }

    private static async Task AssertNotImportedAsync(HttpClient admin, TestPlant plant)
    {
        var plants = (await admin.GetJsonAsync("api/v1/plants")).AsArray();
        Assert.DoesNotContain(plants, p => p!["id"]!.GetValue<string>() == plant.Id);
        using var response = await admin.GetAsync($"api/v1/plants/{plant.Id}");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
