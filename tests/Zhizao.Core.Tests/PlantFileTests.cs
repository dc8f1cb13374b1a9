using Zhizao.Core.Assets;

namespace Zhizao.Core.Tests;

public sealed class PlantFileTests
{
    private const string ValidJson = """
        {
          "schemaVersion": 1,
          "id": "demo",
          "name": { "en": "Demo plant", "zh": "演示工厂" },
          "sites": [
            {
              "id": "sh",
              "timeZone": "Asia/Shanghai",
              "lines": [
                {
                  "id": "line1",
                  "machines": [
                    {
                      "id": "press1",
                      "kind": "press",
                      "signals": [
                        { "id": "temp", "unit": "°C", "dataType": "float", "samplingPeriodSeconds": 2, "normal": { "min": 10, "max": 80 } },
                        { "id": "count", "unit": "1", "dataType": "int" },
                        { "id": "running", "unit": "1", "dataType": "bool" }
                      ]
                    }
                  ]
                }
              ]
            }
          ]
        }
        """;

    private const string ValidYaml = """
        schemaVersion: 1
        id: demo
        name:
          en: Demo plant
          zh: 演示工厂
        sites:
          - id: sh
            timeZone: Asia/Shanghai
            lines:
              - id: line1
                machines:
                  - id: press1
                    kind: press
                    signals:
                      - id: temp
                        unit: "°C"
                        dataType: float
                        samplingPeriodSeconds: 2
                        normal: { min: 10, max: 80 }
                      - id: count
                        unit: "1"
                        dataType: int
                      - id: running
                        unit: "1"
                        dataType: bool
        """;

    [Fact]
    public void Parse_reads_a_json_plant_with_every_level()
    {
        var plant = PlantFile.Parse("plant.json", ValidJson);

        Assert.Equal("demo", plant.Id);
        Assert.Equal(1, plant.Revision);
        var signals = plant.AllSignals().ToList();
        Assert.Equal(["sh/line1/press1/temp", "sh/line1/press1/count", "sh/line1/press1/running"], signals.Select(s => s.Path.ToString()));
        var temp = signals[0].Signal;
        Assert.Equal(SignalDataType.Float, temp.DataType);
        Assert.Equal(new NormalRange(10, 80), temp.Normal);
        Assert.Equal(2, temp.SamplingPeriodSeconds);
        Assert.Equal(SignalDataType.Int, signals[1].Signal.DataType);
        Assert.Equal(SignalDataType.Bool, signals[2].Signal.DataType);
    }

    [Fact]
    public void Parse_fills_defaults_for_optional_fields()
    {
        var plant = PlantFile.Parse("plant.json", ValidJson);

        var site = plant.Sites[0];
        Assert.Equal("sh", site.Name.En);
        Assert.Equal("line1", site.Lines[0].Name.En);
        var count = site.Lines[0].Machines[0].Signals[1];
        Assert.Equal(1, count.SamplingPeriodSeconds);
        Assert.Equal("count", count.Description.En);
        Assert.Null(count.Normal);
    }

    [Fact]
    public void Parse_reads_yaml_to_the_same_model_as_json()
    {
        var fromJson = PlantFile.Parse("plant.json", ValidJson);
        var fromYaml = PlantFile.Parse("plant.yaml", ValidYaml);

        Assert.Equal(PlantFile.ToJson(fromJson), PlantFile.ToJson(fromYaml));
    }

    [Fact]
    public void Parse_defaults_the_time_zone_to_utc()
    {
        var plant = PlantFile.Parse("plant.yml", """
            schemaVersion: 1
            id: p
            sites:
              - id: s
                lines: []
            """);

        Assert.Equal("UTC", plant.Sites[0].TimeZone);
    }

    [Fact]
    public void Parse_keeps_text_without_chinese_usable()
    {
        var plant = PlantFile.Parse("plant.json", """
            { "schemaVersion": 1, "id": "p", "name": { "en": "Only English" }, "sites": [ { "id": "s", "lines": [] } ] }
            """);

        Assert.Equal("Only English", plant.Name!.For("zh"));
        Assert.Equal("", plant.Name.Zh);
    }

    [Fact]
    public void ToJson_round_trips_through_parse()
    {
        var plant = PlantFile.Parse("plant.json", ValidJson);

        var again = PlantFile.Parse("again.json", PlantFile.ToJson(plant));

        Assert.Equal(PlantFile.ToJson(plant), PlantFile.ToJson(again));
    }

    [Fact]
    public void Parse_reports_malformed_json_with_its_line()
    {
        var error = Assert.Single(Errors("bad.json", "{\n  \"id\": \"p\",\n  \"sites\": [ oops ]\n}"));

        Assert.Equal("bad.json", error.File);
        Assert.Contains("not valid JSON (line 3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_reports_malformed_yaml_with_its_line()
    {
        var error = Assert.Single(Errors("bad.yaml", "id: p\nsites: [ a, b\n"));

        Assert.Equal("bad.yaml", error.File);
        Assert.Contains("not valid YAML", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_rejects_an_empty_file()
    {
        var error = Assert.Single(Errors("empty.yaml", ""));

        Assert.Equal("empty.yaml", error.File);
        Assert.Contains("empty", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_reports_schema_errors_with_json_pointers()
    {
        var errors = Errors("plant.json", ValidJson
            .Replace("\"dataType\": \"int\"", "\"dataType\": \"integer\"", StringComparison.Ordinal)
            .Replace("\"id\": \"press1\"", "\"id\": \"press 1\"", StringComparison.Ordinal));

        Assert.All(errors, e => Assert.Equal("plant.json", e.File));
        Assert.Contains(errors, e => e.Path == "/sites/0/lines/0/machines/0/signals/1/dataType");
        Assert.Contains(errors, e => e.Path == "/sites/0/lines/0/machines/0/id");
    }

    [Fact]
    public void Parse_reports_missing_required_fields_and_unknown_properties()
    {
        var errors = Errors("plant.json", """
            { "schemaVersion": 1, "id": "p", "colour": "red", "sites": [ { "id": "s", "lines": [ { "id": "l", "machines": [ { "id": "m", "signals": [ { "id": "x", "dataType": "float" } ] } ] } ] } ] }
            """);

        Assert.All(errors, e => Assert.Equal("plant.json", e.File));
        Assert.Contains(errors, e => e.Path == "/sites/0/lines/0/machines/0/signals/0" && e.Message.Contains("unit", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Path is "" or "/colour");
    }

    [Fact]
    public void Parse_rejects_an_unsupported_schema_version()
    {
        var errors = Errors("plant.json", ValidJson.Replace("\"schemaVersion\": 1", "\"schemaVersion\": 2", StringComparison.Ordinal));

        Assert.Contains(errors, e => e.Path == "/schemaVersion" && e.File == "plant.json");
    }

    [Fact]
    public void Parse_reports_duplicate_ids_at_the_second_occurrence()
    {
        var json = ValidJson.Replace("{ \"id\": \"count\"", "{ \"id\": \"temp\"", StringComparison.Ordinal);

        var error = Assert.Single(Errors("plant.json", json));

        Assert.Equal("plant.json", error.File);
        Assert.Equal("/sites/0/lines/0/machines/0/signals/1/id", error.Path);
        Assert.Contains("duplicate signal id 'temp'", error.Message, StringComparison.Ordinal);
        Assert.Contains("/sites/0/lines/0/machines/0/signals/0", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_reports_duplicate_site_ids()
    {
        var error = Assert.Single(Errors("plant.yaml", """
            schemaVersion: 1
            id: p
            sites:
              - { id: a, lines: [] }
              - { id: a, lines: [] }
            """));

        Assert.Equal("/sites/1/id", error.Path);
        Assert.Equal("plant.yaml", error.File);
    }

    [Theory]
    [InlineData(80, 10)]
    [InlineData(50, 50)]
    public void Parse_rejects_a_normal_range_whose_min_is_not_below_max(double min, double max)
    {
        var json = ValidJson.Replace("\"min\": 10, \"max\": 80", $"\"min\": {min}, \"max\": {max}", StringComparison.Ordinal);

        var error = Assert.Single(Errors("plant.json", json));

        Assert.Equal("/sites/0/lines/0/machines/0/signals/0/normal", error.Path);
        Assert.Equal("plant.json", error.File);
    }

    [Fact]
    public void Parse_rejects_an_unknown_time_zone()
    {
        var error = Assert.Single(Errors("plant.json", ValidJson.Replace("Asia/Shanghai", "Mars/Olympus", StringComparison.Ordinal)));

        Assert.Equal("/sites/0/timeZone", error.Path);
        Assert.Contains("Mars/Olympus", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_rejects_a_bool_signal_with_a_normal_range()
    {
        var json = ValidJson.Replace(
            "\"dataType\": \"bool\" }", "\"dataType\": \"bool\", \"normal\": { \"min\": 0, \"max\": 1 } }", StringComparison.Ordinal);

        var error = Assert.Single(Errors("plant.json", json));

        Assert.Equal("/sites/0/lines/0/machines/0/signals/2/normal", error.Path);
        Assert.Contains("bool", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_reports_every_semantic_error_at_once()
    {
        var json = ValidJson
            .Replace("Asia/Shanghai", "Nowhere/Town", StringComparison.Ordinal)
            .Replace("\"min\": 10, \"max\": 80", "\"min\": 90, \"max\": 80", StringComparison.Ordinal);

        var errors = Errors("two.json", json);

        Assert.Equal(2, errors.Count);
        Assert.All(errors, e => Assert.Equal("two.json", e.File));
    }

    [Fact]
    public void Exception_message_names_the_file_and_pointer()
    {
        var e = Assert.Throws<PlantFileException>(() => PlantFile.Parse("p.json", ValidJson.Replace("Asia/Shanghai", "X/Y", StringComparison.Ordinal)));

        Assert.StartsWith("p.json: /sites/0/timeZone: ", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadAsync_reports_a_missing_file()
    {
        var path = Path.Combine(Path.GetTempPath(), $"zhizao-missing-{Guid.NewGuid():N}.json");

        var e = await Assert.ThrowsAsync<PlantFileException>(() => PlantFile.LoadAsync(path, CancellationToken.None));

        Assert.Equal(path, Assert.Single(e.Errors).File);
    }

    [Fact]
    public async Task LoadAsync_reads_a_yaml_file_from_disk()
    {
        var path = Path.Combine(Path.GetTempPath(), $"zhizao-plant-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(path, ValidYaml);
        try
        {
            var plant = await PlantFile.LoadAsync(path, CancellationToken.None);

            Assert.Equal(3, plant.AllSignals().Count());
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static IReadOnlyList<PlantFileError> Errors(string file, string content) =>
        Assert.Throws<PlantFileException>(() => PlantFile.Parse(file, content)).Errors;
}
