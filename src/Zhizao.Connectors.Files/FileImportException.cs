namespace Zhizao.Connectors.Files;

/// <summary>
/// A file that cannot be imported at all: missing, not a Parquet file, no header, a required column absent,
/// a column that cannot be mapped. Thrown before anything is ingested; the message names the file and the problem.
/// Row-level problems (a bad timestamp, a ragged row) are not thrown: the row is quarantined and the import goes on.
/// </summary>
public sealed class FileImportException : Exception
{
    public FileImportException(string file, string problem, Exception? inner = null)
        : base($"{file}: {problem}", inner)
    {
        File = file;
        Problem = problem;
    }

    /// <summary>The file that was being imported.</summary>
    public string File { get; }

    /// <summary>What is wrong with it, without the file name.</summary>
    public string Problem { get; }
}
