using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Xunit.Abstractions;
using Zhizao.Agents.Maintenance;
using Zhizao.Agents.Maintenance.Rul;
using Zhizao.Server.Tests.Infrastructure;

namespace Zhizao.Server.Tests;

/// <summary>
/// One server with one fast FD001 RUL model trained through the API (version 1 of <see cref="Name"/>), shared by the
/// class. Without the shared C-MAPSS data nothing is trained and the tests that need it say so and return.
/// </summary>
public sealed class ModelsApiFixture : IAsyncLifetime
{
    public const string Name = "fd001-api";

    /// <summary>Settings that train FD001 in a few seconds (the benchmark uses the defaults).</summary>
    public static readonly object FastOptions = new { iterations = 50, learningRate = 0.15, leaves = 15, threads = 1 };

    private ServerHost? _server;
    private JsonObject? _card;

    public ServerHost Server => _server ?? throw new InvalidOperationException("the server is not started");

    /// <summary>Why the C-MAPSS files are unavailable, or null when they are there.</summary>
    public string? MissingData { get; private set; }

    public string TrainFile { get; private set; } = "";
    public string TestFile { get; private set; } = "";
    public string TruthFile { get; private set; } = "";

    /// <summary>The card the training call answered with.</summary>
    public JsonObject Card => _card ?? throw new InvalidOperationException(MissingData ?? "not trained");

    /// <summary>The Location header of the training call.</summary>
    public Uri? Location { get; private set; }

    public async Task InitializeAsync()
    {
        // The shared benchmark data and the temporary files the tests write are the only places the API may read from.
        var roots = new List<string> { Path.GetTempPath() };
        try
        {
            roots.Add(SharedData.Root());
        }
        catch (IOException)
        {
        }
        _server = await ServerHost.StartAsync(new ServerSettings { ModelDataRoots = roots });
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
        using var admin = Server.Admin();
        admin.Timeout = TimeSpan.FromMinutes(2);
        using var response = await admin.PostAsJsonAsync("api/v1/models/rul/train", new { name = Name, trainFile = TrainFile, dataset = "C-MAPSS FD001", options = FastOptions });
        _card = await response.JsonAsync(HttpStatusCode.Created);
        Location = response.Headers.Location;
    }

    /// <summary>True (after saying why) when the data is missing: xunit 2 has no dynamic skip.</summary>
    public bool Skipped(ITestOutputHelper output)
    {
        if (MissingData is null)
            return false;
        output.WriteLine(MissingData);
        return true;
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
            await _server.DisposeAsync();
    }
}

public sealed class ModelsApiTests(ModelsApiFixture fixture, ITestOutputHelper output) : IClassFixture<ModelsApiFixture>, IDisposable
{
    private const string Name = ModelsApiFixture.Name;
    private readonly ServerHost _server = fixture.Server;
    private readonly string _files = Directory.CreateTempSubdirectory("zhizao-models-api-").FullName;

    public void Dispose() => Directory.Delete(_files, recursive: true);

    [Fact]
    public async Task Training_answers_201_with_the_card_and_its_location_and_the_card_is_listed()
    {
        if (fixture.Skipped(output))
            return;
        var card = fixture.Card;
        Assert.Equal(Name, card["name"]!.GetValue<string>());
        Assert.Equal(1, card["version"]!.GetValue<int>());
        Assert.Equal("rul-regression", card["kind"]!.GetValue<string>());
        Assert.Equal("None", card["stage"]!.GetValue<string>());
        Assert.Equal("50", card["parameters"]!["iterations"]!.GetValue<string>());
        Assert.Equal(100, card["trainingData"]!["units"]!.GetValue<int>());
        var trainingFile = card["trainingData"]!["files"]![0]!;
        Assert.Equal(fixture.TrainFile, trainingFile["path"]!.GetValue<string>());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(fixture.TrainFile))), trainingFile["sha256"]!.GetValue<string>());
        Assert.Contains(card["artifacts"]!.AsArray(), a => a!["fileName"]!.GetValue<string>() == "model.onnx");
        Assert.Equal($"/api/v1/models/{Name}/1", fixture.Location?.OriginalString);

        using var admin = _server.Admin();
        var byLocation = await admin.GetJsonAsync(fixture.Location!.OriginalString.TrimStart('/'));
        Assert.Equal(card["artifacts"]!.ToJsonString(), byLocation["artifacts"]!.ToJsonString());
        var latest = await admin.GetJsonAsync($"api/v1/models/{Name}/latest");
        Assert.Equal(1, latest["version"]!.GetValue<int>());
        var all = (await admin.GetJsonAsync("api/v1/models")).AsArray();
        Assert.Contains(all, c => c!["name"]!.GetValue<string>() == Name);
        var ofOne = (await admin.GetJsonAsync($"api/v1/models?name={Name}")).AsArray();
        Assert.All(ofOne, c => Assert.Equal(Name, c!["name"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Evaluation_on_the_official_test_set_appends_rmse_and_score_to_the_card()
    {
        if (fixture.Skipped(output))
            return;
        using var admin = _server.Admin();
        var before = (await admin.GetJsonAsync($"api/v1/models/{Name}/1"))["evaluations"]!.AsArray().Count;

        using var response = await admin.PostAsJsonAsync($"api/v1/models/{Name}/1/evaluate", new { testFile = fixture.TestFile, truthFile = fixture.TruthFile, onnx = true });

        var body = await response.JsonAsync(HttpStatusCode.OK);
        var rmse = body["evaluation"]!["rmse"]!.GetValue<double>();
        Assert.InRange(rmse, 5, 30);
        Assert.Equal(100, body["predictions"]!.AsArray().Count);
        var evaluations = (await admin.GetJsonAsync($"api/v1/models/{Name}/1"))["evaluations"]!.AsArray();
        Assert.Equal(before + 1, evaluations.Count);
        Assert.Equal(rmse, evaluations[^1]!["metrics"]!["rmse"]!.GetValue<double>(), 9);
        Assert.Equal("test_FD001", evaluations[^1]!["dataset"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Predictions_from_rows_agree_between_MLNET_and_ONNX_and_with_the_same_file()
    {
        if (fixture.Skipped(output))
            return;
        using var admin = _server.Admin();
        var rows = await RowsAsync(fixture.TestFile, units: 5);

        var mlnet = await PredictAsync(admin, new { rows }, onnx: false);
        var onnx = await PredictAsync(admin, new { rows }, onnx: true);
        var fromFile = await PredictAsync(admin, new { file = await WriteRowsAsync(rows) }, onnx: false);

        Assert.Equal([1, 2, 3, 4, 5], mlnet.Select(p => p.Unit));
        Assert.Equal(mlnet.Select(p => p.Unit), onnx.Select(p => p.Unit));
        for (var i = 0; i < mlnet.Count; i++)
        {
            Assert.Equal(mlnet[i].Rul, onnx[i].Rul, 1e-3);
            Assert.Equal(mlnet[i].Lower, onnx[i].Lower, 1e-3);
            Assert.Equal(mlnet[i].Upper, onnx[i].Upper, 1e-3);
            Assert.True(mlnet[i].Lower <= mlnet[i].Rul && mlnet[i].Rul <= mlnet[i].Upper, $"unit {mlnet[i].Unit}: {mlnet[i]}");
            Assert.Equal(mlnet[i], fromFile[i]);
        }
    }

    [Fact]
    public async Task The_downloaded_onnx_artifact_matches_its_hash_and_serves_the_same_predictions_through_ONNX_Runtime()
    {
        if (fixture.Skipped(output))
            return;
        using var admin = _server.Admin();
        var card = fixture.Card;

        using var onnxResponse = await admin.GetAsync($"api/v1/models/{Name}/1/artifacts/model.onnx");
        using var pipelineResponse = await admin.GetAsync($"api/v1/models/{Name}/latest/artifacts/rul-pipeline.json");

        Assert.Equal(HttpStatusCode.OK, onnxResponse.StatusCode);
        var onnx = await onnxResponse.Content.ReadAsByteArrayAsync();
        var registered = card["artifacts"]!.AsArray().Single(a => a!["fileName"]!.GetValue<string>() == "model.onnx")!;
        Assert.Equal(registered["sha256"]!.GetValue<string>(), Convert.ToHexStringLower(SHA256.HashData(onnx)));
        Assert.Equal($"\"{registered["sha256"]}\"", onnxResponse.Headers.ETag?.Tag);
        Assert.Equal(HttpStatusCode.OK, pipelineResponse.StatusCode);
        var parameters = RulModelParameters.Read(await pipelineResponse.Content.ReadAsStreamAsync(), "downloaded rul-pipeline.json");
        var rows = await RowsAsync(fixture.TestFile, units: 3);
        using var local = RulOnnxModel.Load(onnx, parameters);
        var localPredictions = local.Predict(CmapssReader.ReadFile(await WriteRowsAsync(rows)));
        var served = await PredictAsync(admin, new { rows }, onnx: false);
        Assert.Equal(served.Count, localPredictions.Count);
        for (var i = 0; i < served.Count; i++)
            Assert.Equal(served[i].Rul, localPredictions[i].Rul, 1e-3);
    }

    [Fact]
    public async Task Promotion_to_production_is_served_under_the_production_alias()
    {
        if (fixture.Skipped(output))
            return;
        using var admin = _server.Admin();

        using var response = await admin.PostAsJsonAsync($"api/v1/models/{Name}/1/stage", new { stage = "production" });

        var card = await response.JsonAsync(HttpStatusCode.OK);
        Assert.Equal("Production", card["stage"]!.GetValue<string>());
        var production = await admin.GetJsonAsync($"api/v1/models/{Name}/production");
        Assert.Equal(1, production["version"]!.GetValue<int>());
        using var bad = await admin.PostAsJsonAsync($"api/v1/models/{Name}/1/stage", new { stage = "1" });
        await bad.ProblemAsync(HttpStatusCode.BadRequest, "invalid-stage");
    }

    [Theory]
    [InlineData("GET", "api/v1/models", null)]
    [InlineData("GET", "api/v1/models/cmapss-rul/1", null)]
    [InlineData("POST", "api/v1/models/rul/train", """{"trainFile":"/tmp/x"}""")]
    [InlineData("POST", "api/v1/models/cmapss-rul/1/predict", """{"rows":[]}""")]
    [InlineData("GET", "api/v1/models/cmapss-rul/1/artifacts/model.onnx", null)]
    public async Task Every_model_route_refuses_a_caller_without_a_key(string method, string path, string? body)
    {
        using var anonymous = _server.Client(null);

        using var response = await anonymous.SendAsync(ApiCalls.Request(new HttpMethod(method), path, body));

        await response.ProblemAsync(HttpStatusCode.Unauthorized, "unauthenticated");
    }

    [Fact]
    public async Task Unknown_models_versions_and_artifacts_are_404_problems_and_bad_versions_400()
    {
        using var admin = _server.Admin();

        using (var model = await admin.GetAsync("api/v1/models/no-such-model/1"))
            await model.ProblemAsync(HttpStatusCode.NotFound, "unknown-model");
        using (var listed = await admin.GetAsync("api/v1/models?name=no-such-model"))
            await listed.ProblemAsync(HttpStatusCode.NotFound, "unknown-model");
        using (var predict = await admin.PostAsJsonAsync("api/v1/models/no-such-model/production/predict", new { rows = new[] { Row(1, 1) } }))
            await predict.ProblemAsync(HttpStatusCode.NotFound, "unknown-model");
        using (var badName = await admin.GetAsync("api/v1/models/Bad%20Name/1"))
            await badName.ProblemAsync(HttpStatusCode.BadRequest, "invalid-input");
        using (var badVersion = await admin.GetAsync("api/v1/models/cmapss-rul/newest"))
            await badVersion.ProblemAsync(HttpStatusCode.BadRequest, "invalid-input");
        if (fixture.Skipped(output))
            return;
        using (var version = await admin.GetAsync($"api/v1/models/{Name}/99"))
            await version.ProblemAsync(HttpStatusCode.NotFound, "unknown-model");
        using (var artifact = await admin.GetAsync($"api/v1/models/{Name}/1/artifacts/weights.bin"))
            await artifact.ProblemAsync(HttpStatusCode.NotFound, "unknown-model");
    }

    [Fact]
    public async Task A_malformed_training_file_is_a_400_naming_its_line()
    {
        if (fixture.Skipped(output))
            return;
        var lines = (await File.ReadAllLinesAsync(fixture.TrainFile)).Take(50).ToArray();
        lines[6] = lines[6].Replace(' ', ',');
        var path = Path.Combine(_files, "broken.txt");
        await File.WriteAllLinesAsync(path, lines);
        using var admin = _server.Admin();

        using var response = await admin.PostAsJsonAsync("api/v1/models/rul/train", new { name = "broken", trainFile = path });

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest, "invalid-cmapss-file");
        Assert.Equal(7, problem["line"]!.GetValue<int>());
        Assert.Contains($"{path}:7:", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_training_requests_are_400_problems_and_register_nothing()
    {
        if (fixture.Skipped(output))
            return;
        var threeEngines = Path.Combine(_files, "three.txt");
        await File.WriteAllLinesAsync(threeEngines, (await File.ReadAllLinesAsync(fixture.TrainFile)).Where(l => l.Split(' ')[0] is "1" or "2" or "3"));
        using var admin = _server.Admin();

        async Task<JsonObject> TrainAsync(object body, string kind)
        {
            using var response = await admin.PostAsJsonAsync("api/v1/models/rul/train", body);
            return await response.ProblemAsync(HttpStatusCode.BadRequest, kind);
        }

        var few = await TrainAsync(new { name = "few", trainFile = threeEngines }, "insufficient-training-data");
        Assert.Contains("3 run-to-failure engines", few["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        await TrainAsync(new { name = "missing", trainFile = Path.Combine(_files, "absent.txt") }, "invalid-file");
        await TrainAsync(new { name = "relative", trainFile = "train_FD001.txt" }, "invalid-file");
        await TrainAsync(new { name = "directory", trainFile = _files }, "invalid-file");
        await TrainAsync(new { name = "device", trainFile = "/dev/zero" }, "invalid-file");
        var outside = await TrainAsync(new { name = "outside", trainFile = "/etc/passwd" }, "invalid-file");
        Assert.Contains("outside the model-data directories", outside["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        await TrainAsync(new { name = "Bad Name", trainFile = fixture.TrainFile }, "invalid-input");
        await TrainAsync(new { name = "options", trainFile = fixture.TrainFile, options = new { learningRate = 2.0 } }, "invalid-input");
        await TrainAsync(new { name = "threads", trainFile = fixture.TrainFile, options = new { threads = 1000 } }, "invalid-input");
        using (var notJson = await admin.PostAsync("api/v1/models/rul/train", new StringContent("{", System.Text.Encoding.UTF8, "application/json")))
            await notJson.ProblemAsync(HttpStatusCode.BadRequest, "bad-request");
        var names = (await admin.GetJsonAsync("api/v1/models")).AsArray().Select(c => c!["name"]!.GetValue<string>()).Distinct();
        Assert.Equal([Name], names);
    }

    [Fact]
    public async Task Bad_rows_are_400_problems_naming_the_row_or_unit()
    {
        if (fixture.Skipped(output))
            return;
        using var admin = _server.Admin();

        async Task<string> PredictProblemAsync(object body, string kind)
        {
            using var response = await admin.PostAsJsonAsync($"api/v1/models/{Name}/1/predict", body);
            return (await response.ProblemAsync(HttpStatusCode.BadRequest, kind))["detail"]!.GetValue<string>();
        }

        var backwards = await PredictProblemAsync(new { rows = new[] { Row(4, 2), Row(4, 1) } }, "invalid-cmapss-file");
        Assert.Contains("rows:2: unit 4: cycle 1 does not follow cycle 2", backwards, StringComparison.Ordinal);
        var shortRow = await PredictProblemAsync(new { rows = new[] { Row(1, 1), Row(1, 2)[..10] } }, "invalid-cmapss-file");
        Assert.Contains("rows:2: expected 26 columns", shortRow, StringComparison.Ordinal);
        var fractionalUnit = await PredictProblemAsync(new { rows = new[] { Row(1, 1)[1..].Prepend(1.5).ToArray() } }, "invalid-cmapss-file");
        Assert.Contains("unit '1.5'", fractionalUnit, StringComparison.Ordinal);
        await PredictProblemAsync(new { rows = Array.Empty<double[]>() }, "invalid-rows");
        await PredictProblemAsync(new { }, "invalid-input");
        await PredictProblemAsync(new { rows = new[] { Row(1, 1) }, file = fixture.TestFile }, "invalid-input");
    }

    [Fact]
    public async Task A_viewer_may_predict_from_rows_but_not_train_stage_or_read_server_files()
    {
        if (fixture.Skipped(output))
            return;
        using var admin = _server.Admin();
        var (_, key) = await admin.CreateKeyAsync("models-viewer", "viewer");
        using var viewer = _server.Client(key);

        var predictions = await PredictAsync(viewer, new { rows = await RowsAsync(fixture.TestFile, units: 1) }, onnx: true);

        Assert.Single(predictions);
        using (var train = await viewer.PostAsJsonAsync("api/v1/models/rul/train", new { trainFile = fixture.TrainFile }))
            await train.ProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        using (var stage = await viewer.PostAsJsonAsync($"api/v1/models/{Name}/1/stage", new { stage = "archived" }))
            await stage.ProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        using (var file = await viewer.PostAsJsonAsync($"api/v1/models/{Name}/1/predict", new { file = fixture.TestFile }))
            await file.ProblemAsync(HttpStatusCode.Forbidden, "forbidden");
    }

    private static double[] Row(int unit, int cycle) => [unit, cycle, .. Enumerable.Repeat(1.0, 24)];

    /// <summary>The rows of the first <paramref name="units"/> engines of a C-MAPSS file, as numbers.</summary>
    private static async Task<double[][]> RowsAsync(string path, int units) =>
        [.. (await File.ReadAllLinesAsync(path))
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(f => double.Parse(f, CultureInfo.InvariantCulture)).ToArray())
            .Where(r => r.Length > 0 && r[0] <= units)];

    private async Task<string> WriteRowsAsync(double[][] rows)
    {
        var path = Path.Combine(_files, $"rows-{Guid.NewGuid():N}.txt");
        await File.WriteAllLinesAsync(path, rows.Select(r => string.Join(' ', r.Select(v => v.ToString("R", CultureInfo.InvariantCulture)))));
        return path;
    }

    private static async Task<List<RulPrediction>> PredictAsync(HttpClient http, object body, bool onnx)
    {
        using var response = await http.PostAsJsonAsync($"api/v1/models/{Name}/1/predict?onnx={(onnx ? "true" : "false")}", body);
        var result = await response.JsonAsync(HttpStatusCode.OK);
        Assert.Equal(onnx, result["onnx"]!.GetValue<bool>());
        Assert.Equal(1, result["version"]!.GetValue<int>());
        return [.. result["predictions"]!.AsArray().Select(p => new RulPrediction(
            p!["unit"]!.GetValue<int>(), p["rul"]!.GetValue<double>(), p["lower"]!.GetValue<double>(), p["upper"]!.GetValue<double>()))];
    }
}
