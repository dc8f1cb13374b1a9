using System.Security.Cryptography;
using System.Text;

namespace Zhizao.Models.Tests;

public sealed class ModelRegistryTests : IDisposable
{
    private readonly TempRegistry _temp = new();
    private readonly CancellationToken _ct = CancellationToken.None;

    private ModelRegistry Registry => _temp.Registry;

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Registered_version_round_trips_its_card_and_artifacts_with_hashes()
    {
        var registration = await _temp.RegistrationAsync("cmapss-rul", "the weights");

        var card = await Registry.RegisterAsync(registration, _ct);
        var loaded = await Registry.GetAsync("cmapss-rul", 1, _ct);

        Assert.Equal(1, card.Version);
        Assert.Equal(_temp.Time.GetUtcNow(), loaded.CreatedAt);
        Assert.Equal(ModelStage.None, loaded.Stage);
        Assert.Equal("rul-regression", loaded.Kind);
        Assert.Equal(TimeSpan.FromSeconds(2.5), loaded.TrainingDuration);
        Assert.Equal("15", loaded.Parameters["leaves"]);
        Assert.Equal(3, loaded.Input.FeatureCount);
        Assert.Equal(["a", "b", "c"], loaded.Input.FeatureNames);
        Assert.Equal(2, loaded.TrainingData.Rows);
        var dataFile = Assert.Single(loaded.TrainingData.Files);
        Assert.Equal(Hex(Encoding.UTF8.GetBytes("1 2 3\n4 5 6\n")), dataFile.Sha256);
        var artifact = loaded.Artifact("model.bin");
        Assert.Equal(Hex(Encoding.UTF8.GetBytes("the weights")), artifact.Sha256);
        Assert.Equal(11, artifact.Bytes);
        Assert.Equal(card.ArtifactBytes, loaded.ArtifactBytes);
        using var content = await Registry.OpenArtifactAsync("cmapss-rul", 1, "model.bin", _ct);
        Assert.Equal("the weights", Encoding.UTF8.GetString(content.ToArray()));
    }

    [Fact]
    public async Task Versions_increment_and_concurrent_registrations_get_distinct_versions()
    {
        var registrations = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => _temp.RegistrationAsync("pump", $"weights {i}")));

        var cards = await Task.WhenAll(registrations.Select(r => Task.Run(() => Registry.RegisterAsync(r, _ct))));

        Assert.Equal(Enumerable.Range(1, 8), cards.Select(c => c.Version).Order());
        var listed = await Registry.ListAsync("pump", _ct);
        Assert.Equal(Enumerable.Range(1, 8), listed.Select(c => c.Version));
        Assert.Equal(8, listed.Select(c => c.Artifact("model.bin").Sha256).Distinct().Count());
        Assert.Empty(Directory.EnumerateDirectories(Path.Combine(Registry.Root, "pump"), ".staging-*"));
    }

    [Fact]
    public async Task A_new_registration_never_changes_an_earlier_version_and_evaluations_only_append()
    {
        await Registry.RegisterAsync(await _temp.RegistrationAsync("pump", "first"), _ct);
        await Registry.RegisterAsync(await _temp.RegistrationAsync("pump", "second"), _ct);
        var dataset = new ModelDataset("test", [], 10, 2);

        _temp.Time.Advance(TimeSpan.FromHours(1));
        await Registry.AddEvaluationAsync("pump", 1, new ModelEvaluation(_temp.Time.GetUtcNow(), dataset, new Dictionary<string, double> { ["rmse"] = 12.5 }), _ct);
        var card = await Registry.AddEvaluationAsync("pump", 1, new ModelEvaluation(_temp.Time.GetUtcNow(), dataset, new Dictionary<string, double> { ["rmse"] = double.NaN }), _ct);

        using var first = await Registry.OpenArtifactAsync("pump", 1, "model.bin", _ct);
        Assert.Equal("first", Encoding.UTF8.GetString(first.ToArray()));
        var reread = await Registry.GetAsync("pump", "1", _ct);
        Assert.Equal(2, reread.Evaluations.Count);
        Assert.Equal(12.5, reread.Evaluations[0].Metrics["rmse"]);
        Assert.True(double.IsNaN(reread.Evaluations[1].Metrics["rmse"]));
        Assert.Equal(card.Artifacts, reread.Artifacts);
        Assert.Empty((await Registry.GetAsync("pump", 2, _ct)).Evaluations);
    }

    [Fact]
    public async Task Promoting_to_production_archives_the_previous_production_version()
    {
        for (var i = 0; i < 3; i++)
            await Registry.RegisterAsync(await _temp.RegistrationAsync("pump", $"w{i}"), _ct);

        await Registry.SetStageAsync("pump", 1, ModelStage.Production, _ct);
        await Registry.SetStageAsync("pump", 3, ModelStage.Staging, _ct);
        _temp.Time.Advance(TimeSpan.FromMinutes(5));
        var promoted = await Registry.SetStageAsync("pump", 2, ModelStage.Production, _ct);

        var stages = (await Registry.ListAsync("pump", _ct)).Select(c => c.Stage).ToArray();
        Assert.Equal([ModelStage.Archived, ModelStage.Production, ModelStage.Staging], stages);
        Assert.Equal(_temp.Time.GetUtcNow(), promoted.StageChangedAt);
        Assert.Equal(2, (await Registry.GetAsync("pump", ModelRegistry.Production, _ct)).Version);
        Assert.Equal(3, (await Registry.GetAsync("pump", ModelRegistry.Staging, _ct)).Version);
        Assert.Equal(3, (await Registry.GetAsync("pump", ModelRegistry.Latest, _ct)).Version);
    }

    [Fact]
    public async Task Tampered_artifact_is_a_clear_integrity_error()
    {
        await Registry.RegisterAsync(await _temp.RegistrationAsync("pump", "weights"), _ct);
        await File.WriteAllTextAsync(Path.Combine(Registry.Root, "pump", "1", "model.bin"), "weightz", _ct);

        var error = await Assert.ThrowsAsync<ModelIntegrityException>(() => Registry.OpenArtifactAsync("pump", 1, "model.bin", _ct));
        Assert.Contains("model.bin was changed after registration", error.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ModelIntegrityException>(() => Registry.VerifyAsync("pump", 1, _ct));
        using var untouched = await Registry.OpenArtifactAsync("pump", 1, "notes.json", _ct);
    }

    [Fact]
    public async Task A_card_moved_to_another_version_is_an_integrity_error()
    {
        await Registry.RegisterAsync(await _temp.RegistrationAsync("pump"), _ct);
        await Registry.RegisterAsync(await _temp.RegistrationAsync("pump"), _ct);
        File.Copy(Path.Combine(Registry.Root, "pump", "1", ModelRegistry.CardFileName), Path.Combine(Registry.Root, "pump", "2", ModelRegistry.CardFileName), overwrite: true);

        var error = await Assert.ThrowsAsync<ModelIntegrityException>(() => Registry.GetAsync("pump", 2, _ct));
        Assert.Contains("describes pump version 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_model_version_stage_or_artifact_is_not_found()
    {
        await Registry.RegisterAsync(await _temp.RegistrationAsync("pump"), _ct);

        var model = await Assert.ThrowsAsync<ModelNotFoundException>(() => Registry.GetAsync("fan", "latest", _ct));
        Assert.Equal("fan", model.Name);
        var version = await Assert.ThrowsAsync<ModelNotFoundException>(() => Registry.GetAsync("pump", 7, _ct));
        Assert.Contains("no version 7", version.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ModelNotFoundException>(() => Registry.GetAsync("pump", ModelRegistry.Production, _ct));
        await Assert.ThrowsAsync<ModelNotFoundException>(() => Registry.OpenArtifactAsync("pump", 1, "model.onnx", _ct));
        await Assert.ThrowsAsync<ModelNotFoundException>(() => Registry.SetStageAsync("fan", 1, ModelStage.Production, _ct));
        await Assert.ThrowsAsync<ModelNotFoundException>(() => Registry.ListAsync("fan", _ct));
        await Assert.ThrowsAsync<ArgumentException>(() => Registry.GetAsync("pump", "newest", _ct));
    }

    [Theory]
    [InlineData("")]
    [InlineData("Pump")]
    [InlineData("../pump")]
    [InlineData("1pump")]
    [InlineData("pump rul")]
    public async Task Invalid_model_names_are_argument_errors(string name)
    {
        await Assert.ThrowsAsync<ArgumentException>(async () => await Registry.RegisterAsync(await _temp.RegistrationAsync(name), _ct));
        await Assert.ThrowsAsync<ArgumentException>(() => Registry.GetAsync(name, "latest", _ct));
        Assert.False(Directory.Exists(Registry.Root) && Directory.EnumerateFileSystemEntries(Registry.Root).Any());
    }

    [Theory]
    [InlineData("../escape.bin")]
    [InlineData("card.json")]
    [InlineData("sub/model.bin")]
    public async Task Artifact_names_that_could_escape_or_shadow_the_card_are_rejected(string fileName)
    {
        var registration = await _temp.RegistrationAsync("pump");
        registration = registration with { Artifacts = [new ModelArtifactSource(fileName, _temp.File("x", "x"))] };

        await Assert.ThrowsAsync<ArgumentException>(() => Registry.RegisterAsync(registration, _ct));
    }

    [Fact]
    public async Task Delete_refuses_the_production_version_and_never_reuses_a_deleted_number()
    {
        await Registry.RegisterAsync(await _temp.RegistrationAsync("pump"), _ct);
        await Registry.RegisterAsync(await _temp.RegistrationAsync("pump"), _ct);
        await Registry.SetStageAsync("pump", 1, ModelStage.Production, _ct);

        await Assert.ThrowsAsync<ModelStageException>(() => Registry.DeleteAsync("pump", 1, _ct));
        await Registry.DeleteAsync("pump", 2, _ct);
        var next = await Registry.RegisterAsync(await _temp.RegistrationAsync("pump"), _ct);

        Assert.Equal(3, next.Version);
        Assert.Equal([1, 3], (await Registry.ListAsync("pump", _ct)).Select(c => c.Version));
        await Assert.ThrowsAsync<ModelNotFoundException>(() => Registry.GetAsync("pump", 2, _ct));
    }

    [Fact]
    public async Task Export_copies_a_checked_artifact()
    {
        await Registry.RegisterAsync(await _temp.RegistrationAsync("pump", "exported"), _ct);
        var target = Path.Combine(_temp.Root, "out.bin");

        await Registry.ExportArtifactAsync("pump", 1, "model.bin", target, _ct);

        Assert.Equal("exported", await File.ReadAllTextAsync(target, _ct));
    }

    [Fact]
    public async Task List_of_all_models_is_by_name_then_version_and_empty_for_a_new_registry()
    {
        Assert.Empty(await Registry.ListAsync(null, _ct));
        await Registry.RegisterAsync(await _temp.RegistrationAsync("pump"), _ct);
        await Registry.RegisterAsync(await _temp.RegistrationAsync("fan"), _ct);
        await Registry.RegisterAsync(await _temp.RegistrationAsync("fan"), _ct);

        var all = await Registry.ListAsync(null, _ct);

        Assert.Equal(["fan 1", "fan 2", "pump 1"], all.Select(c => $"{c.Name} {c.Version}"));
    }

    private static string Hex(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));
}
