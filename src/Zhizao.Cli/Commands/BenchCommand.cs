using System.CommandLine;

namespace Zhizao.Cli.Commands;

/// <summary><c>zhizao bench SUITE</c>: runs a benchmark suite and writes its JSON and Markdown report.</summary>
public static class BenchCommand
{
    public static Command Create()
    {
        var command = new Command("bench", "Run a benchmark suite; reports go to bench-results/ and docs/benchmarks.md is assembled from them");
        return command;
    }
}
