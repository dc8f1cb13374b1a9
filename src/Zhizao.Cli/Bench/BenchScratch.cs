namespace Zhizao.Cli.Bench;

/// <summary>A scratch directory for one suite's generated data and stores, deleted afterwards unless kept.</summary>
internal sealed class BenchScratch : IDisposable
{
    private readonly bool _keep;

    /// <summary>Creates <paramref name="root"/>/zhizao-bench-{suite}-{random} (root default: the system temp directory).</summary>
    public BenchScratch(string suite, string? root, bool keep)
    {
        _keep = keep;
        var parent = string.IsNullOrEmpty(root) ? System.IO.Path.GetTempPath() : System.IO.Path.GetFullPath(root);
        Path = System.IO.Path.Combine(parent, $"zhizao-bench-{suite}-{System.IO.Path.GetRandomFileName().Replace(".", "", StringComparison.Ordinal)}");
        Directory.CreateDirectory(Path);
    }

    /// <summary>The directory.</summary>
    public string Path { get; }

    /// <summary>A path inside the directory.</summary>
    public string Combine(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>How the report names a path in here: the path, marked temporary unless kept.</summary>
    public string Describe(string path) => _keep ? path : $"{path} (temporary, deleted after the run)";

    public void Dispose()
    {
        if (_keep)
            return;
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a store file still mapped by a native library is removed by the next temp clean-up.
        }
    }
}
