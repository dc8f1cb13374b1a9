namespace Zhizao.Protocols.Mcp.Tests;

/// <summary>Where the interop client and the built CLI are, from the test assembly's location.</summary>
internal static class InteropPaths
{
    /// <summary>The repository root (the folder holding Zhizao.slnx).</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>tests/interop/mcp.</summary>
    public static string McpClientFolder => Path.Combine(Root, "tests", "interop", "mcp");

    /// <summary>The zhizao CLI built in the same configuration as this test assembly (bin/Debug/net10.0/linux-x64 …).</summary>
    public static string CliAssembly
    {
        get
        {
            var output = Path.GetRelativePath(Path.Combine(Root, "tests", "Zhizao.Protocols.Mcp.Tests"), AppContext.BaseDirectory);
            return Path.GetFullPath(Path.Combine(Root, "src", "Zhizao.Cli", output, "zhizao.dll"));
        }
    }

    /// <summary>Fails (never skips) when the npm packages of the interop client are not installed.</summary>
    public static void RequireNodeModules()
    {
        if (!Directory.Exists(Path.Combine(McpClientFolder, "node_modules", "@modelcontextprotocol", "sdk")))
            Assert.Fail("the MCP interop client's packages are missing: run: npm ci --prefix tests/interop/mcp");
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Zhizao.slnx")))
                return dir.FullName;
        }
        throw new InvalidOperationException($"no Zhizao.slnx above {AppContext.BaseDirectory}");
    }
}
