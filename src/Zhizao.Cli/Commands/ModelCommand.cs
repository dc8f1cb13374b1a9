using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Zhizao.Agents.Maintenance.Rul;
using Zhizao.Cli.Models;
using Zhizao.Server.Apis;

namespace Zhizao.Cli.Commands;

/// <summary>
/// <c>zhizao model train|evaluate|predict|list|show|promote|export</c>: RUL models in the model registry. The commands
/// work on the registry directory itself (<c>--registry</c>, default <c>&lt;--data&gt;/models</c>), not through the
/// API: training is CPU-bound and belongs to the machine that runs it. The registry's lock files make this safe while
/// <c>zhizao up</c> serves the same directory, and what is trained here is served at once under <c>/api/v1/models</c>.
/// </summary>
public static class ModelCommand
{
    private static readonly Argument<string> Name = new("name") { Description = "Model name, e.g. cmapss-rul" };

    private static readonly Argument<string> Version = new("version") { Description = "Version: a number, latest, production or staging" };

    private static readonly Option<bool> Onnx = new("--onnx") { Description = "Score with ONNX Runtime (the exported graph) instead of ML.NET" };

    private static readonly Option<string?> Dataset = new("--dataset") { Description = "Data-set name on the model card (default: the file name without extension)" };

    public static Command Create()
    {
        var command = new Command("model",
            "RUL models in the model registry: train, evaluate, predict, list, show, promote, export. Works on the registry directory " +
            "(--registry, default <--data>/models — the one 'zhizao up --data' serves under /api/v1/models); safe while the server runs");
        command.Subcommands.Add(Train());
        command.Subcommands.Add(Evaluate());
        command.Subcommands.Add(Predict());
        command.Subcommands.Add(List());
        command.Subcommands.Add(Show());
        command.Subcommands.Add(Promote());
        command.Subcommands.Add(Export());
        return command;
    }

    /// <summary>A subcommand with the registry options and --json.</summary>
    private static Command Sub(string name, string description, params Symbol[] symbols)
    {
        var command = new Command(name, description) { ModelCli.Registry, CommonOptions.Data, CommonOptions.Json };
        foreach (var symbol in symbols)
        {
            if (symbol is Argument argument)
                command.Arguments.Add(argument);
            else
                command.Options.Add((Option)symbol);
        }
        return command;
    }

    private static Command Train()
    {
        var defaults = new RulTrainerOptions();
        var train = new Option<FileInfo>("--train") { Description = "C-MAPSS-format run-to-failure file (unit, cycle, 3 settings, 21 sensors per row)", Required = true };
        var name = new Option<string>("--name") { Description = "Model name", DefaultValueFactory = _ => ModelsApi.DefaultRulModelName };
        var iterations = new Option<int>("--iterations") { Description = "Boosting rounds", DefaultValueFactory = _ => defaults.Iterations };
        var learningRate = new Option<double>("--learning-rate") { Description = "Learning rate", DefaultValueFactory = _ => defaults.LearningRate };
        var leaves = new Option<int>("--leaves") { Description = "Leaves per tree", DefaultValueFactory = _ => defaults.Leaves };
        var command = Sub("train", "Train a RUL model on a run-to-failure file and register it as a new version", train, name, Dataset, iterations, learningRate, leaves);
        command.SetAction((r, ct) => ModelCli.RunAsync(async () =>
        {
            var file = ModelCli.RequireFile(r.GetValue(train), "--train");
            var options = defaults with { Iterations = r.GetValue(iterations), LearningRate = r.GetValue(learningRate), Leaves = r.GetValue(leaves) };
            var service = ModelCli.Service(r);
            CliOutput.WriteError("progress", $"training {r.GetValue(name)} on {file} ({options.Iterations} iterations) into {service.Registry.Root}");
            var card = await service.TrainAsync(r.GetValue(name)!, file, r.GetValue(Dataset) ?? ModelsApi.DefaultDatasetName(file), options, ct);
            if (r.GetValue(CommonOptions.Json))
                ModelCli.WriteJson(card);
            else
                AnsiConsole.MarkupLine($"[green]Registered[/] [bold]{Markup.Escape(card.Name)}[/] version {card.Version} ({card.TrainingData.Units} units, trained in {card.TrainingDuration?.TotalSeconds:F1} s)");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Evaluate()
    {
        var test = new Option<FileInfo>("--test") { Description = "C-MAPSS-format test file (runs truncated before failure)", Required = true };
        var truth = new Option<FileInfo>("--truth") { Description = "True RUL at each test engine's last cycle, one per line, in order", Required = true };
        var command = Sub("evaluate", "Evaluate a version (RMSE, PHM08 score, band coverage) and append the figures to its card", Name, Version, test, truth, Dataset, Onnx);
        command.SetAction((r, ct) => ModelCli.RunAsync(async () =>
        {
            var testFile = ModelCli.RequireFile(r.GetValue(test), "--test");
            var truthFile = ModelCli.RequireFile(r.GetValue(truth), "--truth");
            CliOutput.WriteError("progress", $"evaluating {r.GetValue(Name)} {r.GetValue(Version)} on {testFile}");
            var result = await ModelCli.Service(r).EvaluateAsync(r.GetValue(Name)!, r.GetValue(Version)!, testFile, truthFile,
                r.GetValue(Dataset) ?? ModelsApi.DefaultDatasetName(testFile), r.GetValue(Onnx), ct);
            if (r.GetValue(CommonOptions.Json))
                ModelCli.WriteJson(result);
            else
            {
                var e = result.Evaluation;
                AnsiConsole.MarkupLine(string.Create(CultureInfo.InvariantCulture,
                    $"[bold]{Markup.Escape(result.Card.Name)}[/] version {result.Card.Version} on {e.Engines} engines: RMSE [bold]{e.Rmse:F2}[/], PHM08 score {e.Score:F1}, band coverage {e.BandCoverage:P0}"));
            }
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Predict()
    {
        var file = new Option<FileInfo>("--file") { Description = "C-MAPSS-format file: the RUL is predicted at each unit's last cycle", Required = true };
        var command = Sub("predict", "Predict the remaining useful life of each unit in a file, with its uncertainty band", Name, Version, file, Onnx);
        command.SetAction((r, ct) => ModelCli.RunAsync(async () =>
        {
            var runs = CmapssReader.ReadFile(ModelCli.RequireFile(r.GetValue(file), "--file"));
            var result = await ModelCli.Service(r).PredictAsync(r.GetValue(Name)!, r.GetValue(Version)!, runs, r.GetValue(Onnx), ct);
            if (r.GetValue(CommonOptions.Json))
                ModelCli.WriteJson(result);
            else
                ModelCli.WritePredictions(result.Predictions);
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command List()
    {
        var name = new Argument<string?>("name") { Description = "Only this model's versions", Arity = ArgumentArity.ZeroOrOne };
        var command = Sub("list", "List model versions", name);
        command.SetAction((r, ct) => ModelCli.RunAsync(async () =>
        {
            var cards = await ModelCli.Service(r).Registry.ListAsync(r.GetValue(name), ct);
            if (r.GetValue(CommonOptions.Json))
                ModelCli.WriteJson(cards);
            else
                ModelCli.WriteCards(cards);
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Show()
    {
        var command = Sub("show", "Show a version's model card: training data, parameters, artifacts, evaluations", Name, Version);
        command.SetAction((r, ct) => ModelCli.RunAsync(async () =>
        {
            var card = await ModelCli.Service(r).Registry.GetAsync(r.GetValue(Name)!, r.GetValue(Version)!, ct);
            if (r.GetValue(CommonOptions.Json))
                ModelCli.WriteJson(card);
            else
                ModelCli.WriteCard(card);
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Promote()
    {
        var stage = new Option<string>("--stage") { Description = "none, staging, production or archived (production archives the previous production version)", DefaultValueFactory = _ => "production" };
        var command = Sub("promote", "Move a version to a stage", Name, Version, stage);
        command.SetAction((r, ct) => ModelCli.RunAsync(async () =>
        {
            if (ModelsApi.ParseStage(r.GetValue(stage)) is not { } target)
                return CliOutput.Fail(ExitCodes.InvalidInput, $"--stage '{r.GetValue(stage)}' must be none, staging, production or archived");
            var registry = ModelCli.Service(r).Registry;
            var card = await registry.GetAsync(r.GetValue(Name)!, r.GetValue(Version)!, ct);
            card = await registry.SetStageAsync(card.Name, card.Version, target, ct);
            if (r.GetValue(CommonOptions.Json))
                ModelCli.WriteJson(card);
            else
                AnsiConsole.MarkupLine($"[bold]{Markup.Escape(card.Name)}[/] version {card.Version} is now in {card.Stage}");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Export()
    {
        var format = new Option<string>("--format")
        {
            Description = "onnx (model.onnx: engineered features → raw RUL), mlnet (model.zip) or pipeline (rul-pipeline.json: the feature pipeline, cap and band both need)",
            DefaultValueFactory = _ => "onnx",
        };
        format.AcceptOnlyFromAmong("onnx", "mlnet", "pipeline");
        var output = new Option<string>("--out") { Description = "File to write (overwritten), or an existing directory to write the artifact into", Required = true };
        var command = Sub("export", "Write a version's artifact to a file, checked against its registered SHA-256", Name, Version, format, output);
        command.SetAction((r, ct) => ModelCli.RunAsync(async () =>
        {
            var artifact = r.GetValue(format) switch
            {
                "mlnet" => RulModelService.RegressorArtifact,
                "pipeline" => RulModelService.ParametersArtifact,
                _ => RulModelService.OnnxArtifact,
            };
            var registry = ModelCli.Service(r).Registry;
            var card = await registry.GetAsync(r.GetValue(Name)!, r.GetValue(Version)!, ct);
            var target = Path.GetFullPath(r.GetValue(output)!);
            if (Directory.Exists(target))
                target = Path.Combine(target, artifact);
            await registry.ExportArtifactAsync(card.Name, card.Version, artifact, target, ct);
            var info = card.Artifact(artifact);
            if (r.GetValue(CommonOptions.Json))
                ModelCli.WriteJson(new { card.Name, card.Version, info.FileName, info.Sha256, info.Bytes, Path = target });
            else
                AnsiConsole.MarkupLine($"Exported {info.FileName} of [bold]{Markup.Escape(card.Name)}[/] version {card.Version} to {Markup.Escape(target)} ({info.Bytes:N0} bytes, sha256 {info.Sha256})");
            return ExitCodes.Ok;
        }));
        return command;
    }
}
