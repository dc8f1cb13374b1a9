using System.IO.Compression;
using Microsoft.ML;
using Microsoft.ML.Data;
using Zhizao.Models;

namespace Zhizao.Agents.Maintenance.Rul;

/// <summary>Predicts remaining useful life from raw C-MAPSS-format histories, whichever runtime scores the features.</summary>
public interface IRulPredictor
{
    /// <summary>The feature pipeline, cap and band offsets.</summary>
    RulModelParameters Parameters { get; }

    /// <summary>Predicts the RUL at the last cycle of each run.</summary>
    IReadOnlyList<RulPrediction> Predict(IReadOnlyList<EngineRun> runs);
}

/// <summary>
/// A trained RUL model: the feature pipeline and a LightGBM regressor (ML.NET), with a split-conformal uncertainty band.
/// The regressor alone can be exported to ONNX (<see cref="ExportOnnx"/>): the graph takes the engineered feature
/// vector <c>Features</c> [rows, <see cref="RulFeaturePipeline.FeatureCount"/>] and gives the raw score <c>Score.output</c>;
/// feature extraction stays in C# (<see cref="RulFeaturePipeline"/>), so an ONNX consumer also needs <see cref="Parameters"/>.
/// </summary>
public sealed class RulModel : IRulPredictor
{
    /// <summary>Name of the feature-vector column, and of the ONNX input.</summary>
    public const string FeaturesColumn = "Features";

    /// <summary>What the regressor outputs, and the ONNX output it becomes.</summary>
    public static readonly ModelOutputSchema OutputSchema = new("Score.output", "raw remaining useful life in cycles at the row's cycle, before clipping to [0, cap] and adding the band");

    private const string ModelEntry = "model.zip";
    private const string ParametersEntry = "pipeline.json";

    private readonly MLContext _ml;
    private readonly ITransformer _transformer;

    internal RulModel(MLContext ml, ITransformer transformer, RulModelParameters parameters)
    {
        _ml = ml;
        _transformer = transformer;
        Parameters = parameters;
    }

    /// <inheritdoc />
    public RulModelParameters Parameters { get; }

    /// <summary>The regressor's input: the engineered feature vector, by feature name.</summary>
    public ModelInputSchema InputSchema => new(FeaturesColumn, Parameters.Pipeline.FeatureNames());

    /// <inheritdoc />
    public IReadOnlyList<RulPrediction> Predict(IReadOnlyList<EngineRun> runs) => Parameters.Predict(runs, Score);

    /// <summary>Raw regressor outputs for feature rows (one per row, uncapped, unclipped).</summary>
    internal float[] Score(IReadOnlyList<float[]> rows) =>
        RulRows.Score(_ml, _transformer, rows, Parameters.Pipeline.FeatureCount);

    /// <summary>Writes the ML.NET regressor (without the feature pipeline) as an ML.NET model zip.</summary>
    public void SaveRegressor(Stream stream) =>
        _ml.Model.Save(_transformer, RulRows.Schema(_ml, Parameters.Pipeline.FeatureCount), stream);

    /// <summary>Writes the regressor as an ONNX graph from <c>Features</c> to <c>Score.output</c> (see the class remarks).</summary>
    public void ExportOnnx(Stream stream)
    {
        var input = RulRows.Load(_ml, [], Parameters.Pipeline.FeatureCount, withLabel: false);
        _ml.Model.ConvertToOnnx(_transformer, input, stream, RulRows.ScoreColumn);
    }

    /// <summary>Rebuilds a model from a regressor written by <see cref="SaveRegressor"/> and its parameters.</summary>
    public static RulModel Load(Stream regressor, RulModelParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(regressor);
        ArgumentNullException.ThrowIfNull(parameters);
        var ml = new MLContext();
        var transformer = ml.Model.Load(regressor, out _);
        return new RulModel(ml, transformer, parameters);
    }

    /// <summary>Writes the model to one file at <paramref name="path"/> (overwritten): a zip of the regressor and the parameters.</summary>
    public void Save(string path)
    {
        using var file = File.Create(path);
        using var archive = new ZipArchive(file, ZipArchiveMode.Create);
        using (var entry = archive.CreateEntry(ModelEntry).Open())
        using (var buffer = new MemoryStream())
        {
            SaveRegressor(buffer);
            buffer.Position = 0;
            buffer.CopyTo(entry);
        }
        using var json = archive.CreateEntry(ParametersEntry).Open();
        Parameters.Write(json);
    }

    /// <summary>Reads a model written by <see cref="Save"/>; a missing or malformed part is an <see cref="InvalidDataException"/>.</summary>
    public static RulModel Load(string path)
    {
        using var archive = ZipFile.OpenRead(path);
        var parametersEntry = archive.GetEntry(ParametersEntry) ?? throw new InvalidDataException($"{path}: no {ParametersEntry}");
        var modelEntry = archive.GetEntry(ModelEntry) ?? throw new InvalidDataException($"{path}: no {ModelEntry}");
        RulModelParameters parameters;
        using (var json = parametersEntry.Open())
            parameters = RulModelParameters.Read(json, $"{path}/{ParametersEntry}");
        using var buffer = new MemoryStream();
        using (var stream = modelEntry.Open())
            stream.CopyTo(buffer);
        buffer.Position = 0;
        return Load(buffer, parameters);
    }
}

/// <summary>The ML.NET row shape and its runtime-sized schema.</summary>
internal sealed class RulRows
{
    public const string ScoreColumn = "Score";

    public float Label { get; set; }

    public float[] Features { get; set; } = [];

    public static SchemaDefinition SchemaDefinition(int featureCount, bool withLabel = true)
    {
        var schema = Microsoft.ML.Data.SchemaDefinition.Create(typeof(RulRows));
        schema[nameof(Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, featureCount);
        if (!withLabel)
            schema.Remove(schema[nameof(Label)]);
        return schema;
    }

    public static DataViewSchema Schema(MLContext ml, int featureCount) =>
        Load(ml, [], featureCount).Schema;

    public static IDataView Load(MLContext ml, IEnumerable<RulRows> rows, int featureCount, bool withLabel = true) =>
        ml.Data.LoadFromEnumerable(rows, SchemaDefinition(featureCount, withLabel));

    public static float[] Score(MLContext ml, ITransformer transformer, IReadOnlyList<float[]> rows, int featureCount)
    {
        var data = Load(ml, rows.Select(r => new RulRows { Features = r }), featureCount);
        return [.. transformer.Transform(data).GetColumn<float>(ScoreColumn)];
    }
}
