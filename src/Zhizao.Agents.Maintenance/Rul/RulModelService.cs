using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.ML;
using Zhizao.Models;

namespace Zhizao.Agents.Maintenance.Rul;

/// <summary>An evaluation of a registered RUL model: the figures, the predictions they came from and the updated card.</summary>
/// <param name="Card">The card with the evaluation appended.</param>
/// <param name="Evaluation">RMSE, PHM08 score and band coverage.</param>
/// <param name="Predictions">The prediction per test engine, in file order.</param>
public sealed record RulEvaluationResult(ModelCard Card, RulEvaluation Evaluation, IReadOnlyList<RulPrediction> Predictions);

/// <summary>Predictions of a registered RUL model.</summary>
/// <param name="Name">The model name.</param>
/// <param name="Version">The version that predicted (an alias such as <c>production</c> resolved).</param>
/// <param name="Onnx">Whether ONNX Runtime scored the features (else ML.NET).</param>
/// <param name="Predictions">RUL with band per unit, in input order.</param>
public sealed record RulPredictionResult(string Name, int Version, bool Onnx, IReadOnlyList<RulPrediction> Predictions);

/// <summary>
/// Trains, registers, evaluates and serves RUL models through a <see cref="ModelRegistry"/> — what the CLI
/// (<c>zhizao model …</c>) and the API call. A registered version holds everything needed to predict from raw
/// C-MAPSS-format rows: <see cref="RegressorArtifact"/> (ML.NET), <see cref="ParametersArtifact"/> (the fitted feature
/// pipeline, cap and band) and <see cref="OnnxArtifact"/> (the regressor for ONNX Runtime, fed by the same pipeline).
/// Works unchanged on any C-MAPSS-format subset.
/// </summary>
public sealed partial class RulModelService(ModelRegistry registry, TimeProvider timeProvider, ILogger<RulModelService>? logger = null)
{
    /// <summary>The model kind on the card.</summary>
    public const string Kind = "rul-regression";

    /// <summary>Artifact: the ML.NET regressor zip.</summary>
    public const string RegressorArtifact = "model.zip";

    /// <summary>Artifact: the feature-pipeline state, cap and band (JSON).</summary>
    public const string ParametersArtifact = "rul-pipeline.json";

    /// <summary>Artifact: the regressor exported to ONNX (input <c>Features</c>, output <c>Score.output</c>).</summary>
    public const string OnnxArtifact = "model.onnx";

    private readonly ILogger _logger = logger ?? NullLogger<RulModelService>.Instance;

    /// <summary>The registry the service works on.</summary>
    public ModelRegistry Registry { get; } = registry ?? throw new ArgumentNullException(nameof(registry));

    /// <summary>
    /// Trains on the run-to-failure file <paramref name="trainFile"/> and registers the model as a new version of
    /// <paramref name="modelName"/>, with the data set's hashes, the parameters, the training time and the artifacts.
    /// </summary>
    /// <exception cref="RulTrainingDataException">Too few engines, or runs shorter than the feature window.</exception>
    /// <exception cref="CmapssFormatException">A malformed line.</exception>
    public async Task<ModelCard> TrainAsync(string modelName, string trainFile, string datasetName, RulTrainerOptions options, CancellationToken cancellationToken)
    {
        ModelRegistry.ValidateName(modelName);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var runs = CmapssReader.ReadFile(trainFile);
        var dataset = await ModelDataset.DescribeAsync(datasetName, [trainFile], runs.Sum(r => r.Cycles.Count), runs.Count, cancellationToken).ConfigureAwait(false);
        var trained = await Task.Run(() => new RulTrainer(options, timeProvider).Train(runs, cancellationToken), cancellationToken).ConfigureAwait(false);
        var model = trained.Model;

        var staging = Directory.CreateTempSubdirectory("zhizao-rul-");
        try
        {
            var regressor = Path.Combine(staging.FullName, RegressorArtifact);
            var parameters = Path.Combine(staging.FullName, ParametersArtifact);
            var onnx = Path.Combine(staging.FullName, OnnxArtifact);
            using (var stream = File.Create(regressor))
                model.SaveRegressor(stream);
            using (var stream = File.Create(parameters))
                model.Parameters.Write(stream);
            using (var stream = File.Create(onnx))
                model.ExportOnnx(stream);
            var card = await Registry.RegisterAsync(new ModelRegistration
            {
                Name = modelName,
                Kind = Kind,
                Framework = Framework,
                Description = "Remaining useful life from C-MAPSS-format run-to-failure histories: C# feature pipeline (operating-condition normalisation, rolling windows, health index) + LightGBM regressor with a split-conformal band. The ONNX graph takes the engineered feature vector, not raw rows.",
                TrainingDuration = trained.TrainingTime,
                TrainingData = dataset,
                Parameters = Describe(options, model.Parameters),
                Input = model.InputSchema,
                Output = RulModel.OutputSchema,
                Artifacts =
                [
                    new(RegressorArtifact, regressor),
                    new(ParametersArtifact, parameters),
                    new(OnnxArtifact, onnx),
                ],
            }, cancellationToken).ConfigureAwait(false);
            LogTrained(_logger, card.Name, card.Version, datasetName, trained.TrainingTime.TotalSeconds);
            return card;
        }
        finally
        {
            staging.Delete(recursive: true);
        }
    }

    /// <summary>
    /// Evaluates a version on a test file (runs truncated before failure) and its truth file (true RUL per engine, in
    /// order): RMSE, PHM08 score and band coverage, appended to the card with the test data set's hashes.
    /// </summary>
    /// <exception cref="ModelNotFoundException">Unknown model or version.</exception>
    /// <exception cref="ArgumentException">The truth file's length differs from the number of test engines.</exception>
    public async Task<RulEvaluationResult> EvaluateAsync(string modelName, string version, string testFile, string truthFile, string datasetName, bool useOnnx, CancellationToken cancellationToken)
    {
        var card = await Registry.GetAsync(modelName, version, cancellationToken).ConfigureAwait(false);
        var test = CmapssReader.ReadFile(testFile);
        var truth = CmapssReader.ReadTruthFile(truthFile);
        if (truth.Count != test.Count)
            throw new ArgumentException($"{truthFile} holds {truth.Count} true RUL values for {test.Count} engines in {testFile}", nameof(truthFile));
        var predictions = await PredictCoreAsync(card, test, useOnnx, cancellationToken).ConfigureAwait(false);
        var evaluation = RulEvaluation.Compute(predictions, truth);
        var dataset = await ModelDataset.DescribeAsync(datasetName, [testFile, truthFile], test.Sum(r => r.Cycles.Count), test.Count, cancellationToken).ConfigureAwait(false);
        var metrics = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["rmse"] = evaluation.Rmse,
            ["phm08Score"] = evaluation.Score,
            ["bandCoverage"] = evaluation.BandCoverage,
            ["engines"] = evaluation.Engines,
        };
        var updated = await Registry.AddEvaluationAsync(card.Name, card.Version, new ModelEvaluation(timeProvider.GetUtcNow(), dataset, metrics), cancellationToken).ConfigureAwait(false);
        LogEvaluated(_logger, card.Name, card.Version, datasetName, evaluation.Rmse, evaluation.Score);
        return new RulEvaluationResult(updated, evaluation, predictions);
    }

    /// <summary>Predicts the RUL at the last cycle of each run with a version (a number, <c>latest</c>, <c>production</c>…).</summary>
    /// <exception cref="ModelNotFoundException">Unknown model or version.</exception>
    /// <exception cref="ModelIntegrityException">An artifact was changed after registration.</exception>
    public async Task<RulPredictionResult> PredictAsync(string modelName, string version, IReadOnlyList<EngineRun> runs, bool useOnnx, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var card = await Registry.GetAsync(modelName, version, cancellationToken).ConfigureAwait(false);
        var predictions = await PredictCoreAsync(card, runs, useOnnx, cancellationToken).ConfigureAwait(false);
        return new RulPredictionResult(card.Name, card.Version, useOnnx, predictions);
    }

    /// <summary>
    /// Loads a version for repeated use (hash-checked): the ML.NET model, or the ONNX graph served by ONNX Runtime.
    /// Dispose the result when it is an <see cref="IDisposable"/> (<see cref="RulOnnxModel"/>).
    /// </summary>
    public async Task<IRulPredictor> LoadAsync(ModelCard card, bool useOnnx, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(card);
        if (card.Kind != Kind)
            throw new ArgumentException($"model {card.Name} version {card.Version} is a {card.Kind} model, not {Kind}", nameof(card));
        RulModelParameters parameters;
        using (var json = await Registry.OpenArtifactAsync(card.Name, card.Version, ParametersArtifact, cancellationToken).ConfigureAwait(false))
            parameters = RulModelParameters.Read(json, $"{card.Name} v{card.Version} {ParametersArtifact}");
        if (useOnnx)
        {
            var onnx = await OnnxModel.LoadAsync(Registry, card, OnnxArtifact, cancellationToken).ConfigureAwait(false);
            return new RulOnnxModel(onnx, parameters);
        }
        using var regressor = await Registry.OpenArtifactAsync(card.Name, card.Version, RegressorArtifact, cancellationToken).ConfigureAwait(false);
        return RulModel.Load(regressor, parameters);
    }

    private async Task<IReadOnlyList<RulPrediction>> PredictCoreAsync(ModelCard card, IReadOnlyList<EngineRun> runs, bool useOnnx, CancellationToken cancellationToken)
    {
        var predictor = await LoadAsync(card, useOnnx, cancellationToken).ConfigureAwait(false);
        try
        {
            return predictor.Predict(runs);
        }
        finally
        {
            (predictor as IDisposable)?.Dispose();
        }
    }

    private static string Framework { get; } =
        $"ML.NET {Informational(typeof(MLContext).Assembly)} LightGBM; ONNX via Microsoft.ML.OnnxConverter, served by ONNX Runtime {Informational(typeof(Microsoft.ML.OnnxRuntime.InferenceSession).Assembly)}";

    private static string Informational(Assembly assembly) =>
        assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? assembly.GetName().Version?.ToString() ?? "unknown";

    private static Dictionary<string, string> Describe(RulTrainerOptions options, RulModelParameters fitted)
    {
        static string F(double value) => value.ToString("R", CultureInfo.InvariantCulture);
        static string I(int value) => value.ToString(CultureInfo.InvariantCulture);
        var pipeline = fitted.Pipeline;
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["cap"] = options.Cap is { } cap ? F(cap) : "none",
            ["window"] = I(options.Window),
            ["smoothing"] = F(options.Smoothing),
            ["maxConditions"] = I(options.MaxConditions),
            ["seed"] = I(options.Seed),
            ["iterations"] = I(options.Iterations),
            ["learningRate"] = F(options.LearningRate),
            ["leaves"] = I(options.Leaves),
            ["minimumRowsPerLeaf"] = I(options.MinimumRowsPerLeaf),
            ["featureFraction"] = F(options.FeatureFraction),
            ["threads"] = I(options.Threads),
            ["calibrationFraction"] = F(options.CalibrationFraction),
            ["bandCoverage"] = F(options.BandCoverage),
            ["minimumEngines"] = I(options.MinimumEngines),
            ["fitted.operatingConditions"] = I(pipeline.Conditions.Centroids.Length),
            ["fitted.keptSensors"] = string.Join(' ', pipeline.KeptSensors.Select(s => $"s{s + 1}")),
            ["fitted.featureCount"] = I(pipeline.FeatureCount),
            ["fitted.bandLowerOffset"] = F(fitted.LowerOffset),
            ["fitted.bandUpperOffset"] = F(fitted.UpperOffset),
        };
    }

    [LoggerMessage(EventId = 3111, Level = LogLevel.Information, Message = "RUL model {Name} version {Version} trained on {Dataset} in {Seconds:F1} s and registered")]
    private static partial void LogTrained(ILogger logger, string name, int version, string dataset, double seconds);

    [LoggerMessage(EventId = 3112, Level = LogLevel.Information, Message = "RUL model {Name} version {Version} evaluated on {Dataset}: RMSE {Rmse:F2}, PHM08 {Score:F1}")]
    private static partial void LogEvaluated(ILogger logger, string name, int version, string dataset, double rmse, double score);
}
