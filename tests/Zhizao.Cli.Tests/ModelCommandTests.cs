using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Xunit.Abstractions;
using Zhizao.Agents.Maintenance;
using Zhizao.Agents.Maintenance.Rul;
using Zhizao.Cli.Tests.Infrastructure;

namespace Zhizao.Cli.Tests;

/// <summary>
/// One fast FD001 model trained by <c>zhizao model train --data DIR</c> (so into DIR/models), shared by the class.
/// Without the shared C-MAPSS data nothing is trained and the tests that need it say so and return.
/// </summary>
public sealed class TrainedModelFixture : IAsyncLifetime
{
    public const string Name = "fd001-cli";

    private readonly TempDirectory _data = new();
    private JsonObject? _card;

    /// <summary>The data directory the model was trained with (<c>--data</c>).</summary>
    public string DataDirectory => _data.Path;

    /// <summary>The registry that <c>--data</c> implies.</summary>
    public string Registry => Path.Combine(_data.Path, "models");

    public string? MissingData { get; private set; }

    public string TrainFile { get; private set; } = "";
    public string TestFile { get; private set; } = "";
    public string TruthFile { get; private set; } = "";

    /// <summary>The card <c>model train --json</c> printed.</summary>
    public JsonObject Card => _card ?? throw new InvalidOperationException(MissingData ?? "not trained");

    public async Task InitializeAsync()
    {
        try
        {
            TrainFile = SharedData.Resolve("cmapss", "train_FD001.txt");
            TestFile = SharedData.Resolve("cmapss", "test_FD001.txt");
            TruthFile = SharedData.Resolve("cmapss", "RUL_FD001.txt");
        }
        catch (IOException e)
        {
            MissingData = $"skipped: C-MAPSS FD001 not found ({e.Message})";
            return;
        }
        var result = await ZhizaoCli.RunAsync("model", "train", "--train", TrainFile, "--name", Name, "--data", DataDirectory,
            "--iterations", "50", "--learning-rate", "0.15", "--leaves", "15", "--json");
        if (result.ExitCode != 0)
            throw new InvalidOperationException($"model train failed: {result}");
        _card = JsonNode.Parse(result.Stdout)!.AsObject();
    }

    /// <summary>True (after saying why) when the data is missing: xunit 2 has no dynamic skip.</summary>
    public bool Skipped(ITestOutputHelper output)
    {
        if (MissingData is null)
            return false;
        output.WriteLine(MissingData);
        return true;
    }

    public Task DisposeAsync()
    {
        _data.Dispose();
        return Task.CompletedTask;
    }
}

/// <summary><c>zhizao model …</c> as a person or a script runs it, on a registry directory.</summary>
public sealed class ModelCommandTests(TrainedModelFixture fixture, ITestOutputHelper output) : IClassFixture<TrainedModelFixture>, IDisposable
{
    private const int InvalidInput = 2;
    private const int NotFound = 5;
    private const string Name = TrainedModelFixture.Name;

    private readonly TempDirectory _files = new();

    public void Dispose() => _files.Dispose();

    private Task<CliResult> ModelAsync(params string[] arguments) =>
        ZhizaoCli.RunAsync(["model", .. arguments, "--registry", fixture.Registry]);

    [Fact]
    public async Task Train_registers_a_version_that_list_shows_and_export_writes_as_a_checked_onnx_file()
    {
        if (fixture.Skipped(output))
            return;
        Assert.Equal(Name, fixture.Card["name"]!.GetValue<string>());
        Assert.Equal(1, fixture.Card["version"]!.GetValue<int>());
        Assert.Equal("train_FD001", fixture.Card["trainingData"]!["name"]!.GetValue<string>());
        Assert.True(File.Exists(Path.Combine(fixture.Registry, Name, "1", "card.json")), "the card is in <--data>/models");

        var list = await ModelAsync("list", "--json");
        var table = await ModelAsync("list", Name);
        var onnxPath = _files.File("exported.onnx");
        var export = await ModelAsync("export", Name, "1", "--format", "onnx", "--out", onnxPath);
        var pipeline = await ModelAsync("export", Name, "latest", "--format", "pipeline", "--out", _files.Path, "--json");

        Assert.True(list.ExitCode == 0, list.ToString());
        Assert.Contains(JsonNode.Parse(list.Stdout)!.AsArray(), c => c!["name"]!.GetValue<string>() == Name && c["version"]!.GetValue<int>() == 1);
        Assert.True(table.ExitCode == 0, table.ToString());
        Assert.Contains(Name, table.Stdout, StringComparison.Ordinal);
        Assert.True(export.ExitCode == 0, export.ToString());
        Assert.True(File.Exists(onnxPath), export.ToString());
        var registered = fixture.Card["artifacts"]!.AsArray().Single(a => a!["fileName"]!.GetValue<string>() == "model.onnx")!["sha256"]!.GetValue<string>();
        Assert.Equal(registered, Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(onnxPath))));
        Assert.True(pipeline.ExitCode == 0, pipeline.ToString());
        Assert.Equal(_files.File("rul-pipeline.json"), JsonNode.Parse(pipeline.Stdout)!["path"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_exported_onnx_graph_and_pipeline_predict_what_the_cli_predicts_with_MLNET_and_ONNX()
    {
        if (fixture.Skipped(output))
            return;
        var sample = _files.File("sample.txt");
        await File.WriteAllLinesAsync(sample, (await File.ReadAllLinesAsync(fixture.TestFile)).Where(l => l.Split(' ')[0] is "1" or "2" or "3"));
        await ModelAsync("export", Name, "1", "--out", _files.Path);
        await ModelAsync("export", Name, "1", "--format", "pipeline", "--out", _files.Path);

        var mlnet = await ModelAsync("predict", Name, "1", "--file", sample, "--json");
        var onnx = await ModelAsync("predict", Name, "1", "--file", sample, "--onnx", "--json");

        Assert.True(mlnet.ExitCode == 0, mlnet.ToString());
        Assert.True(onnx.ExitCode == 0, onnx.ToString());
        var viaMlnet = JsonNode.Parse(mlnet.Stdout)!["predictions"]!.AsArray();
        var viaOnnx = JsonNode.Parse(onnx.Stdout)!["predictions"]!.AsArray();
        RulModelParameters parameters;
        await using (var json = File.OpenRead(_files.File("rul-pipeline.json")))
            parameters = RulModelParameters.Read(json, "rul-pipeline.json");
        using var local = RulOnnxModel.Load(await File.ReadAllBytesAsync(_files.File("model.onnx")), parameters);
        var viaExport = local.Predict(CmapssReader.ReadFile(sample));
        Assert.Equal(3, viaMlnet.Count);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(i + 1, viaMlnet[i]!["unit"]!.GetValue<int>());
            Assert.Equal(viaMlnet[i]!["rul"]!.GetValue<double>(), viaOnnx[i]!["rul"]!.GetValue<double>(), 1e-3);
            Assert.Equal(viaOnnx[i]!["rul"]!.GetValue<double>(), viaExport[i].Rul, 1e-6);
        }
    }

    [Fact]
    public async Task Evaluate_appends_the_figures_to_the_card_and_promote_serves_the_version_as_production()
    {
        if (fixture.Skipped(output))
            return;

        var evaluate = await ModelAsync("evaluate", Name, "1", "--test", fixture.TestFile, "--truth", fixture.TruthFile, "--dataset", "FD001 test");
        var promote = await ModelAsync("promote", Name, "1", "--stage", "production");
        var show = await ModelAsync("show", Name, "production", "--json");

        Assert.True(evaluate.ExitCode == 0, evaluate.ToString());
        Assert.Contains("RMSE", evaluate.Stdout, StringComparison.Ordinal);
        Assert.True(promote.ExitCode == 0, promote.ToString());
        Assert.True(show.ExitCode == 0, show.ToString());
        var card = JsonNode.Parse(show.Stdout)!;
        Assert.Equal(1, card["version"]!.GetValue<int>());
        Assert.Equal("Production", card["stage"]!.GetValue<string>());
        var evaluation = card["evaluations"]!.AsArray().Last(e => e!["dataset"]!["name"]!.GetValue<string>() == "FD001 test")!;
        Assert.InRange(evaluation["metrics"]!["rmse"]!.GetValue<double>(), 5, 30);
    }

    [Fact]
    public async Task A_malformed_file_exits_2_naming_the_file_and_line_and_registers_nothing()
    {
        if (fixture.Skipped(output))
            return;
        var lines = (await File.ReadAllLinesAsync(fixture.TrainFile)).Take(40).ToArray();
        lines[6] = lines[6].Replace("1 7 ", "1 x ", StringComparison.Ordinal);
        var bad = _files.File("bad.txt");
        await File.WriteAllLinesAsync(bad, lines);

        var train = await ModelAsync("train", "--train", bad, "--name", "broken");
        var predict = await ModelAsync("predict", Name, "1", "--file", bad);

        Assert.True(train.ExitCode == InvalidInput, train.ToString());
        Assert.Contains($"{bad}:7: cycle 'x'", train.Stderr, StringComparison.Ordinal);
        Assert.True(predict.ExitCode == InvalidInput, predict.ToString());
        Assert.Contains($"{bad}:7:", predict.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(fixture.Registry, "broken", "1")));
    }

    [Fact]
    public async Task Missing_files_too_little_data_and_bad_options_exit_2_with_a_message()
    {
        var fewEngines = _files.File("few.txt");
        var header = "1 1 " + string.Join(' ', Enumerable.Repeat("1.0", 24));
        await File.WriteAllLinesAsync(fewEngines, Enumerable.Range(1, 3).SelectMany(u => Enumerable.Range(1, 40).Select(c => header.Replace("1 1 ", $"{u} {c} ", StringComparison.Ordinal))));

        var missing = await ModelAsync("train", "--train", _files.File("absent.txt"));
        var few = await ModelAsync("train", "--train", fewEngines, "--name", "few");
        var badName = await ModelAsync("train", "--train", fewEngines, "--name", "Bad Name");
        var badStage = await ModelAsync("promote", Name, "1", "--stage", "gold");

        Assert.True(missing.ExitCode == InvalidInput, missing.ToString());
        Assert.Contains("absent.txt: file not found", missing.Stderr, StringComparison.Ordinal);
        Assert.True(few.ExitCode == InvalidInput, few.ToString());
        Assert.Contains("3 run-to-failure engines", few.Stderr, StringComparison.Ordinal);
        Assert.True(badName.ExitCode == InvalidInput, badName.ToString());
        Assert.Contains("not a valid model name", badName.Stderr, StringComparison.Ordinal);
        Assert.True(badStage.ExitCode == InvalidInput, badStage.ToString());
    }

    [Fact]
    public async Task Unknown_models_and_versions_exit_5()
    {
        var model = await ModelAsync("show", "no-such-model", "1");
        var listed = await ModelAsync("list", "no-such-model");

        Assert.True(model.ExitCode == NotFound, model.ToString());
        Assert.Contains("no-such-model", model.Stderr, StringComparison.Ordinal);
        Assert.True(listed.ExitCode == NotFound, listed.ToString());
        if (fixture.Skipped(output))
            return;
        var version = await ModelAsync("export", Name, "42", "--out", _files.File("x.onnx"));
        Assert.True(version.ExitCode == NotFound, version.ToString());
        Assert.False(File.Exists(_files.File("x.onnx")));
    }
}
