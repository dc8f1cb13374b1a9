using System.Text.Json.Nodes;
using Zhizao.Cli.Tests.Infrastructure;

namespace Zhizao.Cli.Tests;

/// <summary><c>zhizao ingest --local</c> writes into the embedded store directly, which only one process may hold.</summary>
public sealed class LocalIngestTests : IDisposable
{
    private readonly TempDirectory _data = new();
    private readonly TempDirectory _files = new();
    private readonly CliPlant _plant = CliPlant.Create("local");

    public void Dispose()
    {
        _data.Dispose();
        _files.Dispose();
    }

    [Fact]
    public async Task A_local_ingest_is_refused_while_the_server_holds_the_store_and_lands_once_it_has_stopped()
    {
        var csv = _files.File("local.csv");
        await File.WriteAllTextAsync(csv, "ts,temp,strokes\n2025-07-01T10:00:00Z,30.5,7\n2025-07-01T10:00:01Z,31.5,8\n");
        string key;
        await using (var first = await UpProcess.StartAsync(_data.Path))
        {
            key = first.AdminKey!;
            var import = await ZhizaoCli.RunAsync("plant", "import", _plant.WriteTo(_files), "--server", first.Address.ToString(), "--key", key);
            Assert.True(import.ExitCode == 0, import.ToString());

            var busy = await ZhizaoCli.RunAsync("ingest", csv, "--local", "--data", _data.Path, "--prefix", _plant.MachinePath);

            Assert.True(busy.ExitCode == 1, busy.ToString());
            Assert.Contains("in use by another process", busy.Stderr, StringComparison.Ordinal);
            Assert.Equal(0, await first.StopAsync()); // SIGTERM: a clean stop
        }

        var ingest = await ZhizaoCli.RunAsync("ingest", csv, "--local", "--data", _data.Path, "--prefix", _plant.MachinePath, "--json");

        Assert.True(ingest.ExitCode == 0, ingest.ToString());
        var outcome = JsonNode.Parse(ingest.Stdout)!;
        Assert.Equal(4, outcome["accepted"]!.GetValue<long>());
        Assert.Equal(0, outcome["rejected"]!.GetValue<long>());

        await using var second = await UpProcess.StartAsync(_data.Path);
        var latest = await ZhizaoCli.RunAsync("query", "latest", _plant.MachinePath, "--server", second.Address.ToString(), "--key", key, "--json");
        Assert.True(latest.ExitCode == 0, latest.ToString());
        var values = JsonNode.Parse(latest.Stdout)!.AsArray().ToDictionary(l => l!["signal"]!.GetValue<string>(), l => l!["value"]!.GetValue<double>());
        Assert.Equal(new Dictionary<string, double> { [_plant.Temp] = 31.5, [_plant.Strokes] = 8 }, values);
    }
}
