using System.CommandLine;

namespace Zhizao.Cli.Commands;

/// <summary>Options shared by the commands that talk to a running server.</summary>
public static class CommonOptions
{
    public static readonly Option<string> Server = new("--server")
    {
        Description = "API address (default: $ZHIZAO_URL or http://127.0.0.1:8080)",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("ZHIZAO_URL") ?? "http://127.0.0.1:8080",
    };

    public static readonly Option<string?> Key = new("--key")
    {
        Description = "API key (default: $ZHIZAO_KEY)",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("ZHIZAO_KEY"),
    };

    public static readonly Option<bool> Json = new("--json") { Description = "Write JSON on stdout for scripts" };

    public static readonly Option<string> Data = new("--data")
    {
        Description = "Data directory of the embedded store (default: $ZHIZAO_DATA or ./zhizao-data)",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("ZHIZAO_DATA") ?? "zhizao-data",
    };

    /// <summary>Adds the server options to a command.</summary>
    public static T WithServer<T>(this T command) where T : Command
    {
        command.Options.Add(Server);
        command.Options.Add(Key);
        command.Options.Add(Json);
        return command;
    }

    /// <summary>An API client from the parse result.</summary>
    public static ApiClient Client(ParseResult result) => new(result.GetValue(Server)!, result.GetValue(Key));

    /// <summary>Runs an action, mapping expected failures to exit codes and messages.</summary>
    public static async Task<int> RunAsync(Func<Task<int>> action)
    {
        try
        {
            return await action();
        }
        catch (ApiException e)
        {
            return CliOutput.Fail(e.ExitCode, e.Message);
        }
        catch (OperationCanceledException)
        {
            return CliOutput.Fail(ExitCodes.Failure, "cancelled");
        }
    }
}
