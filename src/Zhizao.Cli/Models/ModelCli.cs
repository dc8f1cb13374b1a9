using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Spectre.Console;
using Zhizao.Agents.Maintenance.Rul;
using Zhizao.Cli.Commands;
using Zhizao.Models;

namespace Zhizao.Cli.Models;

/// <summary>
/// What the <c>zhizao model</c> commands share: the registry they work on, the mapping of the registry's and the RUL
/// service's expected failures to exit codes, and the output (tables for people, model-card JSON for scripts).
/// </summary>
public static class ModelCli
{
    /// <summary>The registry directory; without it, <c>models</c> in <c>--data</c>, which is what <c>zhizao up --data</c> serves.</summary>
    public static readonly Option<string?> Registry = new("--registry")
    {
        Description = "Model registry directory (default: <--data>/models, the registry 'zhizao up --data' serves under /api/v1/models)",
    };

    /// <summary>The RUL service over the registry chosen by <c>--registry</c> or <c>--data</c>.</summary>
    public static RulModelService Service(ParseResult result)
    {
        var root = result.GetValue(Registry) ?? Path.Combine(result.GetValue(CommonOptions.Data)!, "models");
        return new RulModelService(new ModelRegistry(root, TimeProvider.System), TimeProvider.System);
    }

    /// <summary>Fails with <see cref="ExitCodes.InvalidInput"/> unless <paramref name="file"/> is an existing file.</summary>
    public static string RequireFile(FileInfo? file, string option)
    {
        if (file is null)
            throw new ApiException(ExitCodes.InvalidInput, $"{option} FILE is required");
        return file.Exists ? file.FullName : throw new ApiException(ExitCodes.InvalidInput, $"{option} {file.FullName}: file not found");
    }

    /// <summary>Runs a model command, mapping expected failures to exit codes and one-line messages on stderr.</summary>
    public static Task<int> RunAsync(Func<Task<int>> action) => CommonOptions.RunAsync(async () =>
    {
        try
        {
            return await action();
        }
        catch (Exception e) when (ExitCode(e) is { } code)
        {
            return CliOutput.Fail(code, e.Message);
        }
    });

    private static int? ExitCode(Exception exception) => exception switch
    {
        ModelNotFoundException => ExitCodes.NotFound,
        ModelIntegrityException => ExitCodes.Failure,
        ModelStageException or CmapssFormatException or ArgumentException or FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException => ExitCodes.InvalidInput,
        _ => null,
    };

    /// <summary>Writes <paramref name="value"/> on stdout with the model cards' JSON settings (as in card.json and the API).</summary>
    public static void WriteJson<T>(T value) => Console.Out.WriteLine(JsonSerializer.Serialize(value, ModelJson.Options));

    /// <summary>Model cards as a table: one row per version.</summary>
    public static void WriteCards(IEnumerable<ModelCard> cards)
    {
        var table = new Table().AddColumns("Name", "Version", "Stage", "Created", "Training data", "Last RMSE", "Size");
        foreach (var card in cards)
        {
            table.AddRow(Markup.Escape(card.Name), I(card.Version), card.Stage.ToString(), card.CreatedAt.ToString("u", CultureInfo.InvariantCulture),
                Markup.Escape(card.TrainingData.Name), (card.Evaluations.Count > 0 ? card.Evaluations[^1] : null)?.Metrics.GetValueOrDefault("rmse") is { } rmse ? F(rmse) : "-",
                $"{card.ArtifactBytes / 1024.0:F0} KiB");
        }
        AnsiConsole.Write(table);
    }

    /// <summary>One model card for people: identity, data, parameters, artifacts and evaluations.</summary>
    public static void WriteCard(ModelCard card)
    {
        AnsiConsole.MarkupLine($"[bold]{Markup.Escape(card.Name)}[/] version {I(card.Version)} · {Markup.Escape(card.Kind)} · stage {card.Stage}");
        AnsiConsole.MarkupLine($"Framework: {Markup.Escape(card.Framework)}");
        AnsiConsole.MarkupLine($"Created {card.CreatedAt:u}{(card.TrainingDuration is { } d ? $", trained in {d.TotalSeconds:F1} s" : "")}");
        AnsiConsole.MarkupLine($"Training data: {Markup.Escape(card.TrainingData.Name)} ({card.TrainingData.Units} units, {card.TrainingData.Rows} rows)");
        foreach (var file in card.TrainingData.Files)
            AnsiConsole.MarkupLine($"  {Markup.Escape(file.Path)} sha256 {file.Sha256}");
        var parameters = new Table().AddColumns("Parameter", "Value");
        foreach (var (key, value) in card.Parameters)
            parameters.AddRow(Markup.Escape(key), Markup.Escape(value));
        AnsiConsole.Write(parameters);
        var artifacts = new Table().AddColumns("Artifact", "Bytes", "SHA-256");
        foreach (var artifact in card.Artifacts)
            artifacts.AddRow(Markup.Escape(artifact.FileName), artifact.Bytes.ToString("N0", CultureInfo.InvariantCulture), artifact.Sha256);
        AnsiConsole.Write(artifacts);
        foreach (var evaluation in card.Evaluations)
        {
            AnsiConsole.MarkupLine($"Evaluated {evaluation.At:u} on {Markup.Escape(evaluation.Dataset.Name)}: " +
                string.Join(", ", evaluation.Metrics.Select(m => $"{Markup.Escape(m.Key)} {F(m.Value)}")));
        }
    }

    /// <summary>RUL predictions as a table: one row per unit.</summary>
    public static void WritePredictions(IEnumerable<RulPrediction> predictions)
    {
        var table = new Table().AddColumns("Unit", "RUL", "Lower", "Upper");
        foreach (var p in predictions)
            table.AddRow(I(p.Unit), F(p.Rul), F(p.Lower), F(p.Upper));
        AnsiConsole.Write(table);
    }

    private static string I(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string F(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
