using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Zhizao.Models;

/// <summary>
/// A regression or scoring model in ONNX served by ONNX Runtime on the CPU: one float input [rows, features] and one
/// float output per row. The graph is checked against the card's schema when loaded, so a model and card that do not
/// belong together fail at once rather than at the first prediction. One intra-op thread: callers parallelise across
/// requests, and predictions do not depend on the machine. <see cref="Predict(float[,])"/> is thread-safe.
/// </summary>
public sealed class OnnxModel : IDisposable
{
    private readonly InferenceSession _session;
    private readonly string[] _inputNames;
    private readonly string[] _outputNames;

    private OnnxModel(InferenceSession session, ModelInputSchema input, ModelOutputSchema output)
    {
        _session = session;
        Input = input;
        Output = output;
        _inputNames = [input.TensorName];
        _outputNames = [output.TensorName];
    }

    /// <summary>The input schema the graph was checked against.</summary>
    public ModelInputSchema Input { get; }

    /// <summary>The output schema the graph was checked against.</summary>
    public ModelOutputSchema Output { get; }

    /// <summary>Loads an ONNX graph from memory and checks it against <paramref name="input"/> and <paramref name="output"/>.</summary>
    /// <exception cref="InvalidDataException">Not an ONNX model, or its inputs or outputs do not match the schema.</exception>
    public static OnnxModel Load(byte[] model, ModelInputSchema input, ModelOutputSchema output)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        using var options = new SessionOptions
        {
            IntraOpNumThreads = 1,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        InferenceSession session;
        try
        {
            session = new InferenceSession(model, options);
        }
        catch (OnnxRuntimeException e)
        {
            throw new InvalidDataException($"not a loadable ONNX model: {e.Message}", e);
        }
        try
        {
            Check(session, input, output);
            return new OnnxModel(session, input, output);
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    /// <summary>Loads the ONNX artifact <paramref name="fileName"/> of a registered version (hash-checked) with its card's schema.</summary>
    public static async Task<OnnxModel> LoadAsync(ModelRegistry registry, ModelCard card, string fileName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(card);
        using var content = await registry.OpenArtifactAsync(card.Name, card.Version, fileName, cancellationToken).ConfigureAwait(false);
        return Load(content.ToArray(), card.Input, card.Output);
    }

    /// <summary>Runs the model on <paramref name="features"/> [rows, <see cref="ModelInputSchema.FeatureCount"/>]; one output per row.</summary>
    /// <exception cref="ArgumentException">The column count differs from the schema.</exception>
    public float[] Predict(float[,] features)
    {
        ArgumentNullException.ThrowIfNull(features);
        var rows = features.GetLength(0);
        if (features.GetLength(1) != Input.FeatureCount)
            throw new ArgumentException($"{features.GetLength(1)} features per row given; the model takes {Input.FeatureCount}", nameof(features));
        var flat = new float[features.Length];
        Buffer.BlockCopy(features, 0, flat, 0, flat.Length * sizeof(float));
        return Run(flat, rows);
    }

    /// <summary>Runs the model on rows of <see cref="ModelInputSchema.FeatureCount"/> features each; one output per row.</summary>
    /// <exception cref="ArgumentException">A row's length differs from the schema.</exception>
    public float[] Predict(IReadOnlyList<float[]> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var width = Input.FeatureCount;
        var flat = new float[rows.Count * width];
        for (var i = 0; i < rows.Count; i++)
        {
            if (rows[i].Length != width)
                throw new ArgumentException($"row {i} has {rows[i].Length} features; the model takes {width}", nameof(rows));
            rows[i].CopyTo(flat, i * width);
        }
        return Run(flat, rows.Count);
    }

    private float[] Run(float[] flat, int rows)
    {
        if (rows == 0)
            return [];
        using var tensor = OrtValue.CreateTensorValueFromMemory(flat, [rows, Input.FeatureCount]);
        using var runOptions = new RunOptions();
        using var results = _session.Run(runOptions, _inputNames, [tensor], _outputNames);
        var output = results[0].GetTensorDataAsSpan<float>();
        if (output.Length != rows)
            throw new InvalidDataException($"the model gave {output.Length} values for {rows} rows; expected one per row");
        return output.ToArray();
    }

    private static void Check(InferenceSession session, ModelInputSchema input, ModelOutputSchema output)
    {
        if (session.InputMetadata.Count != 1 || !session.InputMetadata.TryGetValue(input.TensorName, out var inputMeta))
            throw new InvalidDataException($"the ONNX graph's inputs ({Describe(session.InputMetadata)}) are not the single input '{input.TensorName}' of the card");
        if (!inputMeta.IsTensor || inputMeta.ElementDataType != TensorElementType.Float)
            throw new InvalidDataException($"ONNX input '{input.TensorName}' is {inputMeta.ElementDataType}, not a float tensor");
        var dims = inputMeta.Dimensions;
        if (dims.Length != 2 || dims[1] != input.FeatureCount)
            throw new InvalidDataException($"ONNX input '{input.TensorName}' has shape [{string.Join(", ", dims)}]; the card says [rows, {input.FeatureCount}]");
        if (!session.OutputMetadata.TryGetValue(output.TensorName, out var outputMeta))
            throw new InvalidDataException($"the ONNX graph has no output '{output.TensorName}' (it has: {Describe(session.OutputMetadata)})");
        if (!outputMeta.IsTensor || outputMeta.ElementDataType != TensorElementType.Float)
            throw new InvalidDataException($"ONNX output '{output.TensorName}' is {outputMeta.ElementDataType}, not a float tensor");
    }

    private static string Describe(IReadOnlyDictionary<string, NodeMetadata> nodes) =>
        string.Join(", ", nodes.Select(n => $"{n.Key} [{string.Join(", ", n.Value.Dimensions)}]"));

    /// <summary>Releases the ONNX Runtime session.</summary>
    public void Dispose() => _session.Dispose();
}
