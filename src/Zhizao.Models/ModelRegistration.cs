namespace Zhizao.Models;

/// <summary>What a caller hands to <see cref="ModelRegistry.RegisterAsync"/>; the registry adds the version, time and hashes.</summary>
public sealed record ModelRegistration
{
    /// <summary>The model name: lower-case letters, digits, '-' and '_', starting with a letter (see <see cref="ModelRegistry.ValidateName"/>).</summary>
    public required string Name { get; init; }

    /// <summary>The task, e.g. <c>rul-regression</c>.</summary>
    public required string Kind { get; init; }

    /// <summary>What trained it.</summary>
    public required string Framework { get; init; }

    /// <summary>Free text for people.</summary>
    public string? Description { get; init; }

    /// <summary>Wall time of training, when known.</summary>
    public TimeSpan? TrainingDuration { get; init; }

    /// <summary>The training data set.</summary>
    public required ModelDataset TrainingData { get; init; }

    /// <summary>Training parameters.</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();

    /// <summary>The input the model takes.</summary>
    public required ModelInputSchema Input { get; init; }

    /// <summary>The output the model gives.</summary>
    public required ModelOutputSchema Output { get; init; }

    /// <summary>Files copied into the version (at least one).</summary>
    public required IReadOnlyList<ModelArtifactSource> Artifacts { get; init; }

    /// <summary>Evaluations already made (e.g. on held-out data during training).</summary>
    public IReadOnlyList<ModelEvaluation> Evaluations { get; init; } = [];
}

/// <summary>A file to store as an artifact.</summary>
/// <param name="FileName">Name inside the version: a plain file name such as <c>model.onnx</c>.</param>
/// <param name="SourcePath">Where the file is now; it is copied, not moved.</param>
public sealed record ModelArtifactSource(string FileName, string SourcePath);
