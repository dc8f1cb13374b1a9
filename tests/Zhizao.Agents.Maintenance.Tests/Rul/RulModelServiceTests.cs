using System.Globalization;
using System.Security.Cryptography;
using Zhizao.Agents.Maintenance.Rul;
using Zhizao.Models;

namespace Zhizao.Agents.Maintenance.Tests.Rul;

[Collection(CmapssCollection.Name)]
public sealed class RulModelServiceTests(CmapssData data) : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"zhizao-rul-registry-{Guid.NewGuid():N}");
    private readonly CancellationToken _ct = CancellationToken.None;

    public void Dispose()
    {
        if (Directory.Exists(_root))
            Directory.Delete(_root, recursive: true);
    }

    /// <summary>A service over an empty registry of this test's own.</summary>
    private RulModelService Service() => new(new ModelRegistry(Path.Combine(_root, "models"), TimeProvider.System), TimeProvider.System);

    /// <summary>A service over a copy of the shared registry (for tests that damage it).</summary>
    private async Task<RulModelService> CopyOfSharedAsync()
    {
        await data.RegisterAsync();
        var source = data.Service.Registry.Root;
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(_root, "models", Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        return Service();
    }

    [CmapssFact]
    public async Task Train_register_load_predicts_as_the_model_did_before_saving_with_MLNET_and_ONNX()
    {
        var test = CmapssReader.ReadFile(CmapssData.TestFile);
        var before = data.Trained.Model.Predict(test);

        var card = await data.RegisterAsync();
        var ml = await data.Service.PredictAsync(CmapssData.ModelName, "latest", test, useOnnx: false, _ct);
        var onnx = await data.Service.PredictAsync(CmapssData.ModelName, "1", test, useOnnx: true, _ct);

        Assert.Equal(1, card.Version);
        Assert.Equal(before, ml.Predictions);
        Assert.True(onnx.Onnx);
        Assert.All(before.Zip(onnx.Predictions), p =>
        {
            Assert.Equal(p.First.Unit, p.Second.Unit);
            Assert.Equal(p.First.Rul, p.Second.Rul, 1e-3);
            Assert.Equal(p.First.Lower, p.Second.Lower, 1e-3);
            Assert.Equal(p.First.Upper, p.Second.Upper, 1e-3);
        });
    }

    [CmapssFact]
    public async Task Card_records_data_set_hashes_parameters_training_time_schema_and_artifacts()
    {
        var card = await data.RegisterAsync();

        var file = Assert.Single(card.TrainingData.Files);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(CmapssData.TrainFile, _ct))), file.Sha256);
        Assert.Equal(20631, card.TrainingData.Rows);
        Assert.Equal(100, card.TrainingData.Units);
        Assert.Equal("C-MAPSS FD001", card.TrainingData.Name);
        Assert.Equal(RulModelService.Kind, card.Kind);
        Assert.Equal("50", card.Parameters["iterations"]);
        Assert.Equal("1", card.Parameters["fitted.operatingConditions"]);
        Assert.True(card.TrainingDuration > TimeSpan.Zero);
        Assert.Equal(int.Parse(card.Parameters["fitted.featureCount"], CultureInfo.InvariantCulture), card.Input.FeatureCount);
        Assert.Equal("Features", card.Input.TensorName);
        Assert.Equal(
            [RulModelService.OnnxArtifact, RulModelService.RegressorArtifact, RulModelService.ParametersArtifact],
            card.Artifacts.Select(a => a.FileName).Order(StringComparer.Ordinal));
        Assert.All(card.Artifacts, a => Assert.True(a.Bytes > 0));
    }

    [CmapssFact]
    public async Task Evaluation_is_appended_to_the_card_with_RMSE_PHM08_and_band_coverage()
    {
        var service = await CopyOfSharedAsync();

        var first = await service.EvaluateAsync("cmapss-rul", "1", CmapssData.TestFile, CmapssData.TruthFile, "C-MAPSS FD001 test", useOnnx: false, _ct);
        var second = await service.EvaluateAsync("cmapss-rul", "latest", CmapssData.TestFile, CmapssData.TruthFile, "C-MAPSS FD001 test", useOnnx: true, _ct);

        Assert.True(first.Evaluation.Rmse < 20, $"RMSE {first.Evaluation.Rmse:F2}");
        Assert.Equal(100, first.Predictions.Count);
        var card = await service.Registry.GetAsync("cmapss-rul", 1, _ct);
        Assert.Equal(2, card.Evaluations.Count);
        Assert.Equal(first.Evaluation.Rmse, card.Evaluations[0].Metrics["rmse"]);
        Assert.Equal(first.Evaluation.Score, card.Evaluations[0].Metrics["phm08Score"]);
        Assert.Equal(first.Evaluation.BandCoverage, card.Evaluations[0].Metrics["bandCoverage"]);
        Assert.Equal(2, card.Evaluations[0].Dataset.Files.Count);
        Assert.Equal(first.Evaluation.Rmse, second.Evaluation.Rmse, 1e-2);
    }

    [CmapssFact]
    public async Task Tampered_ONNX_artifact_is_refused_when_served()
    {
        var service = await CopyOfSharedAsync();
        var card = await service.Registry.GetAsync(CmapssData.ModelName, 1, _ct);
        var onnxPath = Path.Combine(service.Registry.Root, "cmapss-rul", "1", RulModelService.OnnxArtifact);
        var bytes = await File.ReadAllBytesAsync(onnxPath, _ct);
        bytes[^10] ^= 0x5A;
        await File.WriteAllBytesAsync(onnxPath, bytes, _ct);
        var test = CmapssReader.ReadFile(CmapssData.TestFile);

        var error = await Assert.ThrowsAsync<ModelIntegrityException>(() => service.PredictAsync(card.Name, "1", test, useOnnx: true, _ct));
        Assert.Contains(RulModelService.OnnxArtifact, error.Message, StringComparison.Ordinal);
        Assert.Equal(100, (await service.PredictAsync(card.Name, "1", test, useOnnx: false, _ct)).Predictions.Count);
    }

    [CmapssFact]
    public async Task Production_alias_serves_the_promoted_version()
    {
        var service = await CopyOfSharedAsync();
        var test = CmapssReader.ReadFile(CmapssData.TestFile).Take(5).ToList();
        await Assert.ThrowsAsync<ModelNotFoundException>(() => service.PredictAsync(CmapssData.ModelName, ModelRegistry.Production, test, useOnnx: true, _ct));

        await service.Registry.SetStageAsync(CmapssData.ModelName, 1, ModelStage.Production, _ct);
        var served = await service.PredictAsync(CmapssData.ModelName, ModelRegistry.Production, test, useOnnx: true, _ct);

        Assert.Equal(1, served.Version);
        Assert.Equal(test.Select(r => r.Unit), served.Predictions.Select(p => p.Unit));
    }

    [Fact]
    public async Task Too_few_engines_is_a_clear_error_and_registers_nothing()
    {
        var service = Service();
        Directory.CreateDirectory(_root);
        var train = Path.Combine(_root, "train_tiny.txt");
        await File.WriteAllLinesAsync(train, Enumerable.Range(1, 3).SelectMany(unit => Enumerable.Range(1, 60).Select(cycle => Row(unit, cycle))), _ct);

        var error = await Assert.ThrowsAsync<RulTrainingDataException>(() => service.TrainAsync("tiny-rul", train, "tiny", CmapssData.Fast, _ct));

        Assert.Contains("3 run-to-failure engines", error.Message, StringComparison.Ordinal);
        Assert.Empty(await service.Registry.ListAsync(null, _ct));
    }

    [Fact]
    public async Task Unknown_model_is_not_found_before_any_data_is_read()
    {
        var error = await Assert.ThrowsAsync<ModelNotFoundException>(() => Service().PredictAsync("cmapss-rul", "production", [], useOnnx: true, _ct));
        Assert.Equal("cmapss-rul", error.Name);
    }

    [CmapssFact]
    public void ONNX_graph_that_does_not_match_the_card_schema_is_refused_on_load()
    {
        var model = data.Trained.Model;
        using var buffer = new MemoryStream();
        model.ExportOnnx(buffer);
        var names = model.InputSchema.FeatureNames;

        var shape = Assert.Throws<InvalidDataException>(() => OnnxModel.Load(buffer.ToArray(), new ModelInputSchema("Features", [.. names.Skip(1)]), RulModel.OutputSchema));
        var input = Assert.Throws<InvalidDataException>(() => OnnxModel.Load(buffer.ToArray(), new ModelInputSchema("Input", names), RulModel.OutputSchema));
        var output = Assert.Throws<InvalidDataException>(() => OnnxModel.Load(buffer.ToArray(), model.InputSchema, new ModelOutputSchema("Probability", "")));
        Assert.Throws<InvalidDataException>(() => OnnxModel.Load([1, 2, 3], model.InputSchema, RulModel.OutputSchema));

        Assert.Contains($"[rows, {names.Count - 1}]", shape.Message, StringComparison.Ordinal);
        Assert.Contains("single input 'Input'", input.Message, StringComparison.Ordinal);
        Assert.Contains("no output 'Probability'", output.Message, StringComparison.Ordinal);
        using var onnx = OnnxModel.Load(buffer.ToArray(), model.InputSchema, RulModel.OutputSchema);
        Assert.Throws<ArgumentException>(() => onnx.Predict(new float[2, names.Count + 1]));
    }

    private static string Row(int unit, int cycle)
    {
        var sensors = Enumerable.Range(1, 21).Select(s => (500 + s + 0.01 * cycle * s).ToString(CultureInfo.InvariantCulture));
        return $"{unit} {cycle} 0.001 0.0002 100 {string.Join(' ', sensors)}";
    }
}
