namespace Zhizao.Agents.Maintenance;

/// <summary>
/// Locates the public benchmark data (<c>../shared/data</c> beside the repository, or <c>$ZHIZAO_SHARED_DATA</c>).
/// The data is never copied into the repository; a missing folder is a clear error, not an empty result.
/// </summary>
public static class SharedData
{
    /// <summary>The data root, searched upwards from the working directory and the application directory.</summary>
    public static string Root()
    {
        if (Environment.GetEnvironmentVariable("ZHIZAO_SHARED_DATA") is { Length: > 0 } configured)
            return Directory.Exists(configured) ? configured : throw new DirectoryNotFoundException($"ZHIZAO_SHARED_DATA={configured} does not exist");
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "shared", "data");
                if (Directory.Exists(candidate))
                    return candidate;
            }
        }
        throw new DirectoryNotFoundException("public benchmark data not found: expected ../shared/data beside the repository, or set ZHIZAO_SHARED_DATA");
    }

    /// <summary>A path under the data root; throws naming the path when it is missing.</summary>
    public static string Resolve(params string[] parts)
    {
        var path = Path.Combine([Root(), .. parts]);
        return File.Exists(path) || Directory.Exists(path) ? path : throw new FileNotFoundException($"benchmark data missing: {path}", path);
    }
}
