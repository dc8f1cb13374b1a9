using System.Text.Json.Serialization;

namespace Zhizao.Models;

/// <summary>Where a model version stands in its life cycle; the only card field that changes after registration, with appended evaluations.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ModelStage>))]
public enum ModelStage
{
    /// <summary>Registered, not yet put forward.</summary>
    None,

    /// <summary>Under trial.</summary>
    Staging,

    /// <summary>Serving; at most one version of a model is in production.</summary>
    Production,

    /// <summary>Retired (a production version replaced by another is archived).</summary>
    Archived,
}

/// <summary>
/// The model card of one immutable version: what it is, what it was trained on and with, what it takes and gives,
/// how it scored and which artifacts (with their SHA-256) make it up. Stored as <c>card.json</c> beside the artifacts.
/// </summary>
public sealed record ModelCard
{
    /// <summary>The model name, e.g. <c>cmapss-rul</c>.</summary>
    public required string Name { get; init; }

    /// <summary>The version number, 1, 2, 3… in registration order.</summary>
    public required int Version { get; init; }

    /// <summary>The task, e.g. <c>rul-regression</c>.</summary>
    public required string Kind { get; init; }

    /// <summary>What trained it, e.g. <c>ML.NET 5.0.1 LightGBM</c>.</summary>
    public required string Framework { get; init; }

    /// <summary>Free text for people.</summary>
    public string? Description { get; init; }

    /// <summary>When the version was registered.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Wall time of training, when known.</summary>
    public TimeSpan? TrainingDuration { get; init; }

    /// <summary>The training data set.</summary>
    public required ModelDataset TrainingData { get; init; }

    /// <summary>Training parameters (hyper-parameters and fitted settings worth reading).</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();

    /// <summary>The input the model takes.</summary>
    public required ModelInputSchema Input { get; init; }

    /// <summary>The output the model gives.</summary>
    public required ModelOutputSchema Output { get; init; }

    /// <summary>The artifacts of this version with their size and SHA-256, checked whenever one is opened.</summary>
    public IReadOnlyList<ModelArtifactInfo> Artifacts { get; init; } = [];

    /// <summary>Evaluations in the order they were made (appended, never rewritten).</summary>
    public IReadOnlyList<ModelEvaluation> Evaluations { get; init; } = [];

    /// <summary>The life-cycle stage.</summary>
    public ModelStage Stage { get; init; }

    /// <summary>When <see cref="Stage"/> last changed, or <c>null</c> if never.</summary>
    public DateTimeOffset? StageChangedAt { get; init; }

    /// <summary>Total size of the artifacts in bytes.</summary>
    [JsonIgnore]
    public long ArtifactBytes => Artifacts.Sum(a => a.Bytes);

    /// <summary>The artifact called <paramref name="fileName"/>; throws <see cref="ModelNotFoundException"/> when absent.</summary>
    public ModelArtifactInfo Artifact(string fileName) =>
        Artifacts.FirstOrDefault(a => string.Equals(a.FileName, fileName, StringComparison.Ordinal))
        ?? throw new ModelNotFoundException(Name, Version.ToString(System.Globalization.CultureInfo.InvariantCulture), $"model {Name} version {Version} has no artifact '{fileName}' (it has: {string.Join(", ", Artifacts.Select(a => a.FileName))})");
}

/// <summary>A data set a model was trained or evaluated on: its files with their hashes, and its size.</summary>
/// <param name="Name">Short name, e.g. <c>C-MAPSS FD001</c>.</param>
/// <param name="Files">The files, with full path, size and SHA-256.</param>
/// <param name="Rows">Number of rows, when meaningful.</param>
/// <param name="Units">Number of units (machines, engines), when meaningful.</param>
public sealed record ModelDataset(string Name, IReadOnlyList<ModelDatasetFile> Files, long? Rows = null, int? Units = null)
{
    /// <summary>Describes <paramref name="paths"/> (each hashed) as the data set <paramref name="name"/>.</summary>
    public static async Task<ModelDataset> DescribeAsync(string name, IEnumerable<string> paths, long? rows, int? units, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(paths);
        var files = new List<ModelDatasetFile>();
        foreach (var path in paths)
        {
            var full = Path.GetFullPath(path);
            var (sha, bytes) = await Sha256.OfFileAsync(full, cancellationToken).ConfigureAwait(false);
            files.Add(new ModelDatasetFile(full, sha, bytes));
        }
        return new ModelDataset(name, files, rows, units);
    }
}

/// <summary>One file of a data set.</summary>
/// <param name="Path">Full path when described.</param>
/// <param name="Sha256">Lower-case hex SHA-256 of the content.</param>
/// <param name="Bytes">Size in bytes.</param>
public sealed record ModelDatasetFile(string Path, string Sha256, long Bytes);

/// <summary>One evaluation of a model version.</summary>
/// <param name="At">When it was made.</param>
/// <param name="Dataset">The data it was evaluated on.</param>
/// <param name="Metrics">Metric name → value, e.g. <c>rmse</c> → 11.7.</param>
public sealed record ModelEvaluation(DateTimeOffset At, ModelDataset Dataset, IReadOnlyDictionary<string, double> Metrics);

/// <summary>The model's input: one float tensor [rows, <see cref="FeatureCount"/>].</summary>
/// <param name="TensorName">The input name in the ONNX graph, e.g. <c>Features</c>.</param>
/// <param name="FeatureNames">The feature names in column order.</param>
public sealed record ModelInputSchema(string TensorName, IReadOnlyList<string> FeatureNames)
{
    /// <summary>Number of features per row.</summary>
    public int FeatureCount => FeatureNames.Count;
}

/// <summary>The model's output: one float per input row.</summary>
/// <param name="TensorName">The output name in the ONNX graph, e.g. <c>Score.output</c>.</param>
/// <param name="Description">What the value means, with its unit.</param>
public sealed record ModelOutputSchema(string TensorName, string Description);

/// <summary>A stored artifact of a model version.</summary>
/// <param name="FileName">File name inside the version, e.g. <c>model.onnx</c>.</param>
/// <param name="Sha256">Lower-case hex SHA-256 of the content.</param>
/// <param name="Bytes">Size in bytes.</param>
public sealed record ModelArtifactInfo(string FileName, string Sha256, long Bytes);
