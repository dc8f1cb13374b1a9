namespace Zhizao.Core.Assets;

/// <summary>One problem in a plant file: which file, where inside it (a JSON pointer), and what is wrong.</summary>
public sealed record PlantFileError(string File, string Path, string Message)
{
    public override string ToString() => $"{File}: {(Path.Length == 0 ? "/" : Path)}: {Message}";
}

/// <summary>Raised when a plant file cannot be used; nothing of it has been applied.</summary>
public sealed class PlantFileException(IReadOnlyList<PlantFileError> errors)
    : Exception(string.Join(Environment.NewLine, errors))
{
    /// <summary>Every problem found, in file order.</summary>
    public IReadOnlyList<PlantFileError> Errors { get; } = errors;
}
