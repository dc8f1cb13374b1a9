using System.Text.Json.Nodes;
using Zhizao.Cli.Tests.Infrastructure;

namespace Zhizao.Cli.Tests;

/// <summary>The zhizao commands as a person or a script runs them, against one running <c>zhizao up</c>.</summary>
public sealed class CliCommandTests(UpFixture fixture) : IClassFixture<UpFixture>, IDisposable
{
    private const int InvalidInput = 2;
    private const int Unreachable = 3;
    private const int PartlyRejected = 4;
    private const int NotFound = 5;

    private readonly TempDirectory _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task Plant_validate_of_a_bad_file_exits_2_naming_the_file_and_each_path_on_stderr()
    {
        var plant = CliPlant.Create("bad");
        var path = _files.File("bad-plant.yaml");
        await File.WriteAllTextAsync(path, plant.Yaml.Replace("Asia/Shanghai", "Atlantis/Capital", StringComparison.Ordinal).Replace("id: pressure", "id: temp", StringComparison.Ordinal));

        var result = await ZhizaoCli.RunAsync("plant", "validate", path);

        Assert.True(result.ExitCode == InvalidInput, result.ToString());
        var lines = result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(lines, l => l.Contains(path, StringComparison.Ordinal) && l.Contains("/sites/0/timeZone", StringComparison.Ordinal) && l.Contains("Atlantis/Capital", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains(path, StringComparison.Ordinal) && l.Contains("/sites/0/lines/0/machines/0/signals/1/id", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Plant_validate_with_json_writes_the_errors_as_json_on_stdout()
    {
        var path = _files.File("broken.json");
        await File.WriteAllTextAsync(path, """{ "schemaVersion": 1, "id": "x", "sites": [ { "id": "s", "timeZone": "UTC", "lines": "none" } ] }""");

        var result = await ZhizaoCli.RunAsync("plant", "validate", path, "--json");

        Assert.True(result.ExitCode == InvalidInput, result.ToString());
        var errors = JsonNode.Parse(result.Stdout)!.AsArray();
        Assert.NotEmpty(errors);
        Assert.All(errors, e => Assert.Equal(path, e!["file"]!.GetValue<string>()));
        Assert.Contains(errors, e => e!["path"]!.GetValue<string>() == "/sites/0/lines");
    }

    [Fact]
    public async Task Plant_validate_of_a_good_file_exits_0()
    {
        var path = CliPlant.Create("good").WriteTo(_files);

        var result = await ZhizaoCli.RunAsync("plant", "validate", path);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("3 signals", result.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("frobnicate")]
    [InlineData("plant", "explode")]
    [InlineData("query", "raw")]
    public async Task An_unknown_command_or_a_missing_argument_exits_non_zero_with_a_message(params string[] arguments)
    {
        var result = await ZhizaoCli.RunAsync(arguments);

        Assert.NotEqual(0, result.ExitCode);
        Assert.NotEmpty(result.Stderr.Trim());
    }

    [Fact]
    public async Task A_plant_imported_with_the_cli_is_listed()
    {
        var plant = CliPlant.Create("listed");

        var import = await ZhizaoCli.RunAsync(["plant", "import", plant.WriteTo(_files), .. fixture.ServerOptions, "--json"]);
        var list = await ZhizaoCli.RunAsync(["plant", "list", .. fixture.ServerOptions, "--json"]);

        Assert.True(import.ExitCode == 0, import.ToString());
        var summary = JsonNode.Parse(import.Stdout)!;
        Assert.Equal(plant.Id, summary["id"]!.GetValue<string>());
        Assert.Equal(1, summary["revision"]!.GetValue<int>());
        Assert.Equal(3, summary["signals"]!.GetValue<int>());
        Assert.True(list.ExitCode == 0, list.ToString());
        Assert.Contains(JsonNode.Parse(list.Stdout)!.AsArray(), p => p!["id"]!.GetValue<string>() == plant.Id);
    }

    [Fact]
    public async Task A_csv_ingested_through_the_server_reports_json_and_is_queryable_with_query_raw_and_latest()
    {
        var plant = CliPlant.Create("csv");
        var imported = await ZhizaoCli.RunAsync(["plant", "import", plant.WriteTo(_files), .. fixture.ServerOptions]);
        Assert.True(imported.ExitCode == 0, imported.ToString());
        var csv = _files.File("line.csv");
        await File.WriteAllTextAsync(csv, """
            ts,temp,pressure,strokes
            2025-06-01 08:00:00,20.5,1.25,100
            2025-06-01 08:00:01,20.75,1.5,101
            2025-06-01 08:00:02,21,1.75,abc
            2025-06-01 08:00:03,21.25,2,103
            """);

        var ingest = await ZhizaoCli.RunAsync(["ingest", csv, "--prefix", plant.MachinePath, "--tz", "Asia/Shanghai", .. fixture.ServerOptions, "--json"]);

        Assert.True(ingest.ExitCode == PartlyRejected, ingest.ToString());
        var outcome = JsonNode.Parse(ingest.Stdout)!;
        Assert.Equal(4, outcome["rows"]!.GetValue<long>());
        Assert.Equal(11, outcome["accepted"]!.GetValue<long>());
        Assert.Equal(1, outcome["rejected"]!.GetValue<long>());

        var raw = await ZhizaoCli.RunAsync(["query", "raw", plant.Temp, "--from", "2025-06-01T00:00:00Z", "--to", "2025-06-01T00:01:00Z", .. fixture.ServerOptions, "--json"]);
        Assert.True(raw.ExitCode == 0, raw.ToString());
        var points = JsonNode.Parse(raw.Stdout)!["points"]!.AsArray();
        // 08:00 in Shanghai is 00:00 UTC.
        Assert.Equal(
            [(new DateTimeOffset(2025, 6, 1, 0, 0, 0, TimeSpan.Zero), 20.5), (new DateTimeOffset(2025, 6, 1, 0, 0, 1, TimeSpan.Zero), 20.75),
             (new DateTimeOffset(2025, 6, 1, 0, 0, 2, TimeSpan.Zero), 21.0), (new DateTimeOffset(2025, 6, 1, 0, 0, 3, TimeSpan.Zero), 21.25)],
            points.Select(p => (p!["ts"]!.GetValue<DateTimeOffset>(), p["value"]!.GetValue<double>())));

        var latest = await ZhizaoCli.RunAsync(["query", "latest", plant.MachinePath, .. fixture.ServerOptions, "--json"]);
        Assert.True(latest.ExitCode == 0, latest.ToString());
        var values = JsonNode.Parse(latest.Stdout)!.AsArray().ToDictionary(l => l!["signal"]!.GetValue<string>(), l => l!["value"]!.GetValue<double>());
        Assert.Equal(new Dictionary<string, double> { [plant.Temp] = 21.25, [plant.Pressure] = 2, [plant.Strokes] = 103 }, values);

        var table = await ZhizaoCli.RunAsync(["query", "latest", plant.MachinePath, .. fixture.ServerOptions]);
        Assert.True(table.ExitCode == 0, table.ToString());
        Assert.Contains(plant.Strokes, table.Stdout, StringComparison.Ordinal);
        Assert.Contains("103", table.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Query_agg_prints_buckets_as_json()
    {
        var plant = CliPlant.Create("agg");
        Assert.Equal(0, (await ZhizaoCli.RunAsync(["plant", "import", plant.WriteTo(_files), .. fixture.ServerOptions])).ExitCode);
        var csv = _files.File("agg.csv");
        await File.WriteAllTextAsync(csv, "ts,temp\n2025-06-02T00:00:00Z,1\n2025-06-02T00:00:30Z,3\n2025-06-02T00:01:10Z,10\n");
        Assert.Equal(0, (await ZhizaoCli.RunAsync(["ingest", csv, "--prefix", plant.MachinePath, .. fixture.ServerOptions])).ExitCode);

        var agg = await ZhizaoCli.RunAsync(["query", "agg", plant.Temp, "--from", "2025-06-02T00:00:00Z", "--to", "2025-06-02T00:02:00Z", "--bucket", "1m", .. fixture.ServerOptions, "--json"]);

        Assert.True(agg.ExitCode == 0, agg.ToString());
        var buckets = JsonNode.Parse(agg.Stdout)!["buckets"]!.AsArray();
        Assert.Equal([(2.0, 2L), (10.0, 1L)], buckets.Select(b => (b!["avg"]!.GetValue<double>(), b["count"]!.GetValue<long>())));
    }

    [Fact]
    public async Task Querying_an_unknown_signal_exits_5()
    {
        var result = await ZhizaoCli.RunAsync(["query", "raw", "no/such/signal/here", .. fixture.ServerOptions]);

        Assert.True(result.ExitCode == NotFound, result.ToString());
        Assert.Contains("unknown signal", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_key_exits_3()
    {
        var result = await ZhizaoCli.RunAsync("query", "latest", "--server", fixture.Up.Address.ToString(), "--key", "zk_000000000000_wrong");

        Assert.True(result.ExitCode == Unreachable, result.ToString());
        Assert.Contains("401", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_server_exits_3()
    {
        var result = await ZhizaoCli.RunAsync("query", "latest", "--server", "http://127.0.0.1:1", "--key", fixture.AdminKey);

        Assert.True(result.ExitCode == Unreachable, result.ToString());
        Assert.Contains("cannot reach", result.Stderr, StringComparison.Ordinal);
    }
}
