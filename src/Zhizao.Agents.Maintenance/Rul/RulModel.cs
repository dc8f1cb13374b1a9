using System.IO.Compression;
using System.Text.Json;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Zhizao.Agents.Maintenance.Rul;

/// <summary>A predicted remaining useful life at an engine's last observed cycle, with its uncertainty band.</summary>
/// <param name="Unit">The engine.</param>
/// <param name="Rul">Point prediction, in cycles (≥ 0).</param>
/// <param name="Lower">Lower end of the band (≥ 0).</param>
/// <param name="Upper">Upper end of the band.</param>
public sealed record RulPrediction(int Unit, double Rul, double Lower, double Upper);

/// <summary>What a saved model carries besides the ML.NET transformer: the feature pipeline, the cap and the band.</summary>
/// <param name="Pipeline">Fitted feature pipeline.</param>
/// <param name="Cap">Training-target cap (cycles), or <c>null</c>.</param>
/// <param name="LowerOffset">Residual quantile added to the prediction for the band's lower end (≤ 0).</param>
/// <param name="UpperOffset">Residual quantile added for the upper end (≥ 0).</param>
/// <param name="BandCoverage">Nominal central coverage of the band.</param>
public sealed record RulModelParameters(RulFeaturePipeline Pipeline, double? Cap, double LowerOffset, double UpperOffset, double BandCoverage);

/// <summary>
/// A trained RUL model: the feature pipeline and a LightGBM regressor, with a split-conformal uncertainty band.
/// Saved as one zip holding <c>model.zip</c> (ML.NET) and <c>pipeline.json</c>.
/// </summary>
public sealed class RulModel
{
    private const string ModelEntry = "model.zip";
    private const string ParametersEntry = "pipeline.json";
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    private readonly MLContext _ml;
    private readonly ITransformer _transformer;

    internal RulModel(MLContext ml, ITransformer transformer, RulModelParameters parameters)
    {
        _ml = ml;
        _transformer = transformer;
        Parameters = parameters;
    }

    /// <summary>The feature pipeline, cap and band offsets.</summary>
    public RulModelParameters Parameters { get; }

    /// <summary>Predicts the RUL at the last cycle of each run.</summary>
    public IReadOnlyList<RulPrediction> Predict(IReadOnlyList<EngineRun> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        if (runs.Any(r => r.Cycles.Count == 0))
            throw new ArgumentException("a run without cycles has no RUL to predict", nameof(runs));
        var rows = runs.Select(r => Parameters.Pipeline.Transform(r)[^1]).ToArray();
        var scores = Score(rows);
        return [.. runs.Select((run, i) => Band(run.Unit, scores[i]))];
    }

    /// <summary>Raw regressor outputs for feature rows (one per row, uncapped, unclipped).</summary>
    internal float[] Score(IReadOnlyList<float[]> rows) =>
        RulRows.Score(_ml, _transformer, rows, Parameters.Pipeline.FeatureCount);

    private RulPrediction Band(int unit, double score)
    {
        var rul = Clip(score);
        return new RulPrediction(unit, rul, Clip(score + Parameters.LowerOffset), Clip(score + Parameters.UpperOffset));
    }

    private double Clip(double value) => Math.Clamp(value, 0.0, Parameters.Cap ?? double.MaxValue);

    /// <summary>Writes the model to <paramref name="path"/> (overwritten).</summary>
    public void Save(string path)
    {
        using var file = File.Create(path);
        using var archive = new ZipArchive(file, ZipArchiveMode.Create);
        using (var entry = archive.CreateEntry(ModelEntry).Open())
        using (var buffer = new MemoryStream())
        {
            _ml.Model.Save(_transformer, RulRows.Schema(_ml, Parameters.Pipeline.FeatureCount), buffer);
            buffer.Position = 0;
            buffer.CopyTo(entry);
        }
        using var json = archive.CreateEntry(ParametersEntry).Open();
        JsonSerializer.Serialize(json, Parameters, Json);
    }

    /// <summary>Reads a model written by <see cref="Save"/>; a missing or malformed part is an <see cref="InvalidDataException"/>.</summary>
    public static RulModel Load(string path)
    {
        using var archive = ZipFile.OpenRead(path);
        var parametersEntry = archive.GetEntry(ParametersEntry) ?? throw new InvalidDataException($"{path}: no {ParametersEntry}");
        var modelEntry = archive.GetEntry(ModelEntry) ?? throw new InvalidDataException($"{path}: no {ModelEntry}");
        RulModelParameters parameters;
        using (var json = parametersEntry.Open())
            parameters = JsonSerializer.Deserialize<RulModelParameters>(json, Json) ?? throw new InvalidDataException($"{path}: empty {ParametersEntry}");
        var ml = new MLContext();
        using var buffer = new MemoryStream();
        using (var stream = modelEntry.Open())
            stream.CopyTo(buffer);
        buffer.Position = 0;
        var transformer = ml.Model.Load(buffer, out _);
        return new RulModel(ml, transformer, parameters);
    }
}

/// <summary>The ML.NET row shape and its runtime-sized schema.</summary>
internal sealed class RulRows
{
    public float Label { get; set; }

    public float[] Features { get; set; } = [];

    public static SchemaDefinition SchemaDefinition(int featureCount)
    {
        var schema = Microsoft.ML.Data.SchemaDefinition.Create(typeof(RulRows));
        schema[nameof(Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, featureCount);
        return schema;
    }

    public static DataViewSchema Schema(MLContext ml, int featureCount) =>
        Load(ml, [], featureCount).Schema;

    public static IDataView Load(MLContext ml, IEnumerable<RulRows> rows, int featureCount) =>
        ml.Data.LoadFromEnumerable(rows, SchemaDefinition(featureCount));

    public static float[] Score(MLContext ml, ITransformer transformer, IReadOnlyList<float[]> rows, int featureCount)
    {
        var data = Load(ml, rows.Select(r => new RulRows { Features = r }), featureCount);
        return [.. transformer.Transform(data).GetColumn<float>("Score")];
    }
}
