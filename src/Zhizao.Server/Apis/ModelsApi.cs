using Microsoft.Extensions.Options;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Net.Http.Headers;
using Zhizao.Agents.Maintenance.Rul;
using Zhizao.Models;

namespace Zhizao.Server.Apis;

/// <summary>
/// The model registry and its RUL models: list and read model cards, train, evaluate, predict (ML.NET or ONNX Runtime),
/// move a version between stages and download its hash-checked artifacts. Versions are addressed by number or by the
/// aliases <c>latest</c>, <c>production</c> and <c>staging</c>. Files to train, evaluate or predict on are paths of
/// C-MAPSS-format files already on the server (absolute, regular, non-empty, at most <see cref="MaxFileBytes"/>);
/// reading server files is for engineers and admins only. Training runs inline in the request, bound to its
/// cancellation token (FD001 with the default settings trains in well under two minutes on two cores): a client that
/// disconnects cancels it, and nothing is registered.
/// </summary>
public static class ModelsApi
{
    /// <summary>Model name used when a training request names none.</summary>
    public const string DefaultRulModelName = "cmapss-rul";

    /// <summary>Most rows a predict request may carry inline.</summary>
    public const int MaxPredictRows = 100_000;

    /// <summary>Largest server file accepted for training, evaluation or prediction.</summary>
    public const long MaxFileBytes = 256L * 1024 * 1024;

    /// <summary>Most boosting rounds a training request may ask for.</summary>
    public const int MaxIterations = 10_000;

    private const int MaxDatasetNameLength = 200;

    /// <summary>Maps the routes under <c>/api/v1/models</c>.</summary>
    public static RouteGroupBuilder MapModelsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/models").WithTags("Models").RequireAuthorization();
        group.MapGet("/", ListModels).WithName("ListModels").WithSummary("Model cards by name then version (?name= for one model's versions)");
        group.MapPost("/rul/train", TrainRul).WithName("TrainRulModel")
            .WithSummary("Train a RUL model on a C-MAPSS-format run-to-failure file on the server and register it as a new version (inline; seconds to minutes)")
            .RequireAuthorization(Policies.Engineer);
        group.MapGet("/{name}/{version}", GetModel).WithName("GetModel").WithSummary("The card of a version (a number, latest, production or staging)");
        group.MapPost("/{name}/{version}/evaluate", EvaluateRul).WithName("EvaluateRulModel")
            .WithSummary("Evaluate a RUL version on a test file and its truth file on the server; RMSE, PHM08 score and band coverage are appended to the card")
            .RequireAuthorization(Policies.Engineer);
        group.MapPost("/{name}/{version}/predict", PredictRul).WithName("PredictRul")
            .WithSummary("RUL with its band per unit, from {\"rows\": [[unit, cycle, 3 settings, 21 sensors], …]} or {\"file\": path on the server}; ?onnx=true serves it with ONNX Runtime");
        group.MapPost("/{name}/{version}/stage", SetStage).WithName("SetModelStage")
            .WithSummary("Move a version to a stage (none, staging, production, archived); promoting to production archives the previous one")
            .RequireAuthorization(Policies.Engineer);
        group.MapGet("/{name}/{version}/artifacts/{file}", DownloadArtifact).WithName("DownloadModelArtifact")
            .WithSummary("Download an artifact (e.g. model.onnx), checked against its SHA-256 (also sent as the ETag)");
        return group;
    }

    internal static Task<IResult> ListModels(string? name, ModelRegistry registry, CancellationToken cancellationToken) =>
        GuardAsync(async () => Json(await registry.ListAsync(name, cancellationToken)));

    internal static Task<IResult> GetModel(string name, string version, ModelRegistry registry, CancellationToken cancellationToken) =>
        GuardAsync(async () => Json(await registry.GetAsync(name, version, cancellationToken)));

    internal static Task<IResult> TrainRul(TrainRulRequest body, RulModelService service, IOptions<ZhizaoOptions> settings, HttpResponse response, CancellationToken cancellationToken) =>
        GuardAsync(async () =>
        {
            var name = body.Name ?? DefaultRulModelName;
            ModelRegistry.ValidateName(name);
            if (CheckFile(body.TrainFile, "trainFile", settings.Value) is { } badFile)
                return badFile;
            if (CheckDataset(body.Dataset) is { } badDataset)
                return badDataset;
            var options = body.Options ?? new RulTrainerOptions();
            if (CheckOptions(options) is { } badOptions)
                return badOptions;
            var card = await service.TrainAsync(name, body.TrainFile!, body.Dataset ?? DefaultDatasetName(body.TrainFile!), options, cancellationToken);
            response.Headers.Location = $"/api/v1/models/{card.Name}/{card.Version.ToString(CultureInfo.InvariantCulture)}";
            return Json(card, StatusCodes.Status201Created);
        });

    internal static Task<IResult> EvaluateRul(string name, string version, EvaluateRulRequest body, RulModelService service, IOptions<ZhizaoOptions> settings,
        CancellationToken cancellationToken) =>
        GuardAsync(async () =>
        {
            if ((CheckFile(body.TestFile, "testFile", settings.Value) ?? CheckFile(body.TruthFile, "truthFile", settings.Value) ?? CheckDataset(body.Dataset)) is { } bad)
                return bad;
            var result = await service.EvaluateAsync(name, version, body.TestFile!, body.TruthFile!, body.Dataset ?? DefaultDatasetName(body.TestFile!), body.Onnx, cancellationToken);
            return Json(result);
        });

    internal static Task<IResult> PredictRul(string name, string version, bool? onnx, PredictRulRequest body, RulModelService service,
        IOptions<ZhizaoOptions> settings, IAuthorizationService authorization, HttpContext context, CancellationToken cancellationToken) =>
        GuardAsync(async () =>
        {
            IReadOnlyList<EngineRun> runs;
            if (body.File is not null && body.Rows is null)
            {
                if (!(await authorization.AuthorizeAsync(context.User, Policies.Engineer)).Succeeded)
                    return Results.Forbid();
                if (CheckFile(body.File, "file", settings.Value) is { } bad)
                    return bad;
                runs = CmapssReader.ReadFile(body.File);
            }
            else if (body.Rows is not null && body.File is null)
            {
                if (body.Rows.Length is 0 or > MaxPredictRows)
                    return Problems.BadRequest("invalid-rows", $"'rows' holds {body.Rows.Length} rows; give 1 to {MaxPredictRows:N0} rows of [unit, cycle, {CmapssReader.SettingCount} settings, {CmapssReader.SensorCount} sensors]");
                runs = ReadRows(body.Rows);
            }
            else
            {
                return Problems.BadRequest("invalid-input", "give either 'rows' ([[unit, cycle, settings…, sensors…], …]) or 'file' (a C-MAPSS-format file on the server), not both");
            }
            return Results.Ok(await service.PredictAsync(name, version, runs, onnx == true, cancellationToken));
        });

    internal static Task<IResult> SetStage(string name, string version, StageRequest body, ModelRegistry registry, CancellationToken cancellationToken) =>
        GuardAsync(async () =>
        {
            if (ParseStage(body.Stage) is not { } stage)
                return Problems.BadRequest("invalid-stage", $"'{body.Stage}' is not a stage (stages: {string.Join(", ", Enum.GetNames<ModelStage>().Select(s => s.ToLowerInvariant()))})");
            var card = await registry.GetAsync(name, version, cancellationToken);
            return Json(await registry.SetStageAsync(card.Name, card.Version, stage, cancellationToken));
        });

    internal static Task<IResult> DownloadArtifact(string name, string version, string file, ModelRegistry registry, CancellationToken cancellationToken) =>
        GuardAsync(async () =>
        {
            var card = await registry.GetAsync(name, version, cancellationToken);
            var artifact = card.Artifact(file);
            var content = await registry.OpenArtifactAsync(card.Name, card.Version, artifact.FileName, cancellationToken);
            var contentType = Path.GetExtension(artifact.FileName) switch
            {
                ".json" => "application/json",
                ".zip" => "application/zip",
                _ => "application/octet-stream",
            };
            return Results.File(content, contentType, artifact.FileName, entityTag: new EntityTagHeaderValue($"\"{artifact.Sha256}\""));
        });

    /// <summary>The default data-set name of a file: its name without extension, e.g. <c>train_FD001</c>.</summary>
    public static string DefaultDatasetName(string path) => Path.GetFileNameWithoutExtension(path);

    /// <summary>A stage by its case-insensitive name, or <c>null</c> (numbers are not names).</summary>
    public static ModelStage? ParseStage(string? text) =>
        Enum.GetValues<ModelStage>().Select(s => (ModelStage?)s).FirstOrDefault(s => string.Equals(s.ToString(), text, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Rows of unit, cycle, settings and sensors as <see cref="CmapssReader"/> would read them from a file, with its
    /// checks and its errors (row numbers are 1-based, named as lines of "rows").
    /// </summary>
    private static IReadOnlyList<EngineRun> ReadRows(double[][] rows)
    {
        var text = new StringBuilder(rows.Length * 200);
        foreach (var row in rows)
        {
            if (row is null)
                text.Append("null");
            foreach (var value in row ?? [])
                text.Append(value.ToString("R", CultureInfo.InvariantCulture)).Append(' ');
            text.Append('\n');
        }
        return CmapssReader.Read(new StringReader(text.ToString()), "rows");
    }

    private static IResult? CheckFile(string? path, string field, ZhizaoOptions settings)
    {
        if (string.IsNullOrWhiteSpace(path))
            return Problems.BadRequest("invalid-file", $"'{field}' is required: the absolute path of a file on the server");
        if (!Path.IsPathFullyQualified(path))
            return Problems.BadRequest("invalid-file", $"'{field}' must be an absolute path on the server, not '{path}'");
        var info = new FileInfo(path);
        if (!info.Exists)
            return Problems.BadRequest("invalid-file", Directory.Exists(path) ? $"'{field}': {path} is a directory, not a file" : $"'{field}': no file {path} on the server");
        // Only files under the configured model-data roots are read (symbolic links resolved), so that the API cannot be used to
        // probe other files of the server through parse errors.
        var resolved = Path.GetFullPath(info.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? path);
        if (!settings.EffectiveModelDataRoots.Any(root => resolved.StartsWith(Path.TrimEndingDirectorySeparator(root) + Path.DirectorySeparatorChar, StringComparison.Ordinal)))
            return Problems.BadRequest("invalid-file", $"'{field}': {path} is outside the model-data directories ({string.Join(", ", settings.EffectiveModelDataRoots)}; Zhizao:ModelDataRoots)");
        // Devices, pipes and procfs files report size 0: refusing empty files keeps the readers off endless streams.
        if (info.Length == 0)
            return Problems.BadRequest("invalid-file", $"'{field}': {path} is empty or not a regular file");
        if (info.Length > MaxFileBytes)
            return Problems.BadRequest("invalid-file", $"'{field}': {path} has {info.Length:N0} bytes; at most {MaxFileBytes:N0} are accepted");
        try
        {
            using var probe = info.OpenRead();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Problems.BadRequest("invalid-file", $"'{field}': {path} cannot be read by the server ({e.Message})");
        }
        return null;
    }

    private static IResult? CheckDataset(string? dataset) =>
        dataset is not null && (string.IsNullOrWhiteSpace(dataset) || dataset.Length > MaxDatasetNameLength)
            ? Problems.BadRequest("invalid-input", $"'dataset' must be 1 to {MaxDatasetNameLength} characters")
            : null;

    private static IResult? CheckOptions(RulTrainerOptions options)
    {
        // Validate() checks meaning; these bounds keep one request from taking the server's CPU for hours.
        if (options.Iterations > MaxIterations)
            return Problems.BadRequest("invalid-input", $"options.iterations {options.Iterations} exceeds {MaxIterations}");
        if (options.Threads > Environment.ProcessorCount)
            return Problems.BadRequest("invalid-input", $"options.threads {options.Threads} exceeds the server's {Environment.ProcessorCount} processors");
        if (options.Window > 1000 || options.Leaves > 4096 || options.MaxConditions > 100)
            return Problems.BadRequest("invalid-input", "options.window must be at most 1000, options.leaves at most 4096 and options.maxConditions at most 100");
        return null;
    }

    /// <summary>Maps the expected failures of the registry and the RUL service to problems, in one place.</summary>
    private static async Task<IResult> GuardAsync(Func<Task<IResult>> action)
    {
        try
        {
            return await action();
        }
        catch (Exception e) when (ToProblem(e) is { } problem)
        {
            return problem;
        }
    }

    private static IResult? ToProblem(Exception exception) => exception switch
    {
        ModelNotFoundException e => Problems.NotFound("unknown-model", e.Message),
        ModelStageException e => Problems.Conflict("model-stage-conflict", e.Message),
        // A stored version that no longer matches its card is the server's fault, not the caller's: 500, with a stable type.
        ModelIntegrityException e => Results.Problem(statusCode: 500, title: "Model integrity", type: Problems.Type("model-integrity"), detail: e.Message),
        CmapssFormatException e => Problems.BadRequest("invalid-cmapss-file", e.Message,
            new Dictionary<string, object?> { ["file"] = e.Source, ["line"] = e.Line }),
        RulTrainingDataException e => Problems.BadRequest("insufficient-training-data", e.Message),
        ArgumentException e => Problems.BadRequest("invalid-input",
            e.ParamName is null ? e.Message : e.Message.Replace($" (Parameter '{e.ParamName}')", "", StringComparison.Ordinal)),
        _ => null,
    };

    private static IResult Json(object value, int statusCode = StatusCodes.Status200OK) =>
        Results.Json(value, ModelJson.Options, statusCode: statusCode);
}

/// <summary>Body of POST /api/v1/models/rul/train.</summary>
/// <param name="Name">Model name (default <c>cmapss-rul</c>).</param>
/// <param name="TrainFile">Absolute path of a C-MAPSS-format run-to-failure file on the server.</param>
/// <param name="Dataset">Data-set name on the card (default: the file name without extension).</param>
/// <param name="Options">Training settings (default: the benchmark settings).</param>
public sealed record TrainRulRequest(string? Name, string? TrainFile, string? Dataset, RulTrainerOptions? Options);

/// <summary>Body of POST /api/v1/models/{name}/{version}/evaluate.</summary>
/// <param name="TestFile">Absolute path of a C-MAPSS-format test file (runs truncated before failure) on the server.</param>
/// <param name="TruthFile">Absolute path of its truth file (true RUL per test engine, in order).</param>
/// <param name="Dataset">Data-set name on the card (default: the test file name without extension).</param>
/// <param name="Onnx">Score with ONNX Runtime instead of ML.NET.</param>
public sealed record EvaluateRulRequest(string? TestFile, string? TruthFile, string? Dataset, bool Onnx);

/// <summary>Body of POST /api/v1/models/{name}/{version}/predict: exactly one of <paramref name="File"/> and <paramref name="Rows"/>.</summary>
/// <param name="File">Absolute path of a C-MAPSS-format file on the server (engineers and admins only).</param>
/// <param name="Rows">Rows of unit, cycle, 3 settings and 21 sensors, grouped by unit, cycles increasing.</param>
public sealed record PredictRulRequest(string? File, double[][]? Rows);

/// <summary>Body of POST /api/v1/models/{name}/{version}/stage.</summary>
/// <param name="Stage">none, staging, production or archived.</param>
public sealed record StageRequest(string? Stage);
