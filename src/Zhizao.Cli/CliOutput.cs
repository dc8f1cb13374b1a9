using System.Text.Json;
using Spectre.Console;

namespace Zhizao.Cli;

/// <summary>Where the CLI writes: machine-readable JSON on stdout with --json, human text otherwise; errors on stderr.</summary>
public static class CliOutput
{
    /// <summary>JSON options for --json output.</summary>
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>The error console (stderr).</summary>
    public static IAnsiConsole Error { get; } = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });

    /// <summary>Writes a value as JSON on stdout.</summary>
    public static void WriteJson<T>(T value) => Console.Out.WriteLine(JsonSerializer.Serialize(value, Json));

    /// <summary>Writes an error on stderr and returns the exit code.</summary>
    public static int Fail(int exitCode, string message)
    {
        WriteError("error", message);
        return exitCode;
    }

    /// <summary>Writes one unwrapped "kind: message" line on stderr (greppable; never cut at the terminal width).</summary>
    public static void WriteError(string kind, string message) => Console.Error.WriteLine($"{kind}: {message}");
}
