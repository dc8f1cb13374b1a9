using Zhizao.Models;

namespace Zhizao.Agents.Maintenance.Rul;

/// <summary>
/// A RUL model served through ONNX Runtime: the C# feature pipeline of <see cref="Parameters"/> feeds the exported
/// regressor (<see cref="RulModel.ExportOnnx"/>), and the same cap and band finish the scores. Thread-safe; disposable.
/// </summary>
public sealed class RulOnnxModel : IRulPredictor, IDisposable
{
    private readonly OnnxModel _onnx;

    /// <summary>Wraps a loaded ONNX regressor with the parameters it was exported with.</summary>
    /// <exception cref="ArgumentException">The graph's feature count differs from the pipeline's.</exception>
    public RulOnnxModel(OnnxModel onnx, RulModelParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(onnx);
        ArgumentNullException.ThrowIfNull(parameters);
        if (onnx.Input.FeatureCount != parameters.Pipeline.FeatureCount)
            throw new ArgumentException($"the ONNX model takes {onnx.Input.FeatureCount} features; the feature pipeline makes {parameters.Pipeline.FeatureCount}", nameof(onnx));
        _onnx = onnx;
        Parameters = parameters;
    }

    /// <inheritdoc />
    public RulModelParameters Parameters { get; }

    /// <summary>Loads an ONNX graph written by <see cref="RulModel.ExportOnnx"/> for <paramref name="parameters"/>.</summary>
    public static RulOnnxModel Load(byte[] onnx, RulModelParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var input = new ModelInputSchema(RulModel.FeaturesColumn, parameters.Pipeline.FeatureNames());
        return new RulOnnxModel(OnnxModel.Load(onnx, input, RulModel.OutputSchema), parameters);
    }

    /// <inheritdoc />
    public IReadOnlyList<RulPrediction> Predict(IReadOnlyList<EngineRun> runs) => Parameters.Predict(runs, _onnx.Predict);

    /// <summary>Raw scores of feature rows, as <see cref="RulModel"/> computes them with ML.NET.</summary>
    internal float[] Score(IReadOnlyList<float[]> rows) => _onnx.Predict(rows);

    /// <summary>Releases the ONNX Runtime session.</summary>
    public void Dispose() => _onnx.Dispose();
}
