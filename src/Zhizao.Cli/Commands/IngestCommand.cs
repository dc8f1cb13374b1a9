using System.CommandLine;
using Spectre.Console;
using Zhizao.Connectors.Files;

namespace Zhizao.Cli.Commands;

/// <summary><c>zhizao ingest FILE</c>: bulk import of CSV or Parquet into the local store, with a progress bar.</summary>
public static class IngestCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = "CSV or Parquet file" };
        var layout = new Option<ImportLayout>("--layout") { Description = "wide (timestamp + one column per signal) or long (signal, ts, value)", DefaultValueFactory = _ => ImportLayout.Wide };
        var prefix = new Option<string?>("--prefix") { Description = "site/line/machine: wide columns are signal ids of this machine" };
        var map = new Option<string[]>("--map") { Description = "column=site/line/machine/signal (repeatable)", AllowMultipleArgumentsPerToken = true };
        var ignore = new Option<bool>("--ignore-unmapped") { Description = "Skip columns that map to no signal instead of failing" };
        var tz = new Option<string>("--tz") { Description = "IANA time zone of timestamps without an offset (e.g. Asia/Shanghai)", DefaultValueFactory = _ => "UTC" };
        var unit = new Option<string?>("--unit") { Description = "Unit of every value column (converted to each signal's unit)" };
        var epoch = new Option<string?>("--epoch") { Description = "Timestamps are epoch numbers: s or ms" };
        var separator = new Option<char?>("--separator") { Description = "CSV separator (default: detect , ; or tab)" };
        var tsColumn = new Option<string?>("--timestamp-column") { Description = "Timestamp column (default: ts, timestamp, time or datetime)" };
        var local = new Option<bool>("--local") { Description = "Write directly into the embedded store in --data (fastest; the server must not be running on it)" };
        var postgres = new Option<string?>("--postgres") { Description = "With --local: write directly into this PostgreSQL database" };
        var command = new Command("ingest", "Import a CSV or Parquet file into the store (validated; bad values are quarantined)")
        {
            file, layout, prefix, map, ignore, tz, unit, epoch, separator, tsColumn, local, postgres, CommonOptions.Data,
        };
        command.WithServer();
        command.SetAction((result, ct) => CommonOptions.RunAsync(async () =>
        {
            var path = result.GetValue(file)!;
            if (!TimeZoneInfo.TryFindSystemTimeZoneById(result.GetValue(tz)!, out var zone))
                return CliOutput.Fail(ExitCodes.InvalidInput, $"unknown time zone '{result.GetValue(tz)}'");
            var columns = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var entry in result.GetValue(map) ?? [])
            {
                var eq = entry.IndexOf('=', StringComparison.Ordinal);
                if (eq <= 0)
                    return CliOutput.Fail(ExitCodes.InvalidInput, $"--map '{entry}' must be column=site/line/machine/signal");
                columns[entry[..eq]] = entry[(eq + 1)..];
            }
            var options = new FileImportOptions
            {
                Layout = result.GetValue(layout),
                TimeZone = zone,
                Separator = result.GetValue(separator),
                TimestampFormat = result.GetValue(epoch) switch
                {
                    null => TimestampFormat.Text,
                    "s" => TimestampFormat.EpochSeconds,
                    "ms" => TimestampFormat.EpochMilliseconds,
                    var other => throw new ApiException(ExitCodes.InvalidInput, $"--epoch '{other}' must be s or ms"),
                },
                Mapping = new ImportMapping
                {
                    Prefix = result.GetValue(prefix),
                    Columns = columns,
                    IgnoreUnmapped = result.GetValue(ignore),
                    Unit = result.GetValue(unit),
                    TimestampColumn = result.GetValue(tsColumn),
                },
            };
            await using var target = await OpenTargetAsync(result, local, postgres, ct);
            var importer = new FileImporter(target.Ingestor, TimeProvider.System);
            FileImportResult outcome;
            try
            {
                outcome = await RunWithProgressAsync(importer, path, options, ct);
            }
            catch (FileImportException e)
            {
                return CliOutput.Fail(ExitCodes.InvalidInput, e.Message);
            }
            if (result.GetValue(CommonOptions.Json))
                CliOutput.WriteJson(outcome);
            else
            {
                AnsiConsole.MarkupLine($"[green]{outcome.Accepted:N0}[/] points stored ({outcome.Duplicates:N0} already present), [yellow]{outcome.Rejected:N0}[/] rejected, {outcome.Rows:N0} rows in {outcome.Elapsed.TotalSeconds:F2} s ({outcome.PointsPerSecond:N0} points/s)");
                foreach (var r in outcome.Rejections.Take(5))
                    CliOutput.WriteError("rejected", $"{r.Reason.ToString()}: {r.Message}");
                if (outcome.Rejected > 0)
                    CliOutput.WriteError("note", "rejected points are kept in the quarantine: GET /api/v1/quarantine");
            }
            return outcome.Rejected > 0 ? ExitCodes.PartlyRejected : ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>Where the points go: a running server (default) or the local store (--local).</summary>
    private sealed class Target(Core.Ingestion.IPointIngestor ingestor, IAsyncDisposable owner) : IAsyncDisposable
    {
        public Core.Ingestion.IPointIngestor Ingestor { get; } = ingestor;
        public ValueTask DisposeAsync() => owner.DisposeAsync();
    }

    private static async Task<Target> OpenTargetAsync(ParseResult result, Option<bool> local, Option<string?> postgres, CancellationToken cancellationToken)
    {
        if (result.GetValue(local))
        {
            var platform = await LocalPlatform.OpenAsync(result.GetValue(CommonOptions.Data)!, result.GetValue(postgres), cancellationToken);
            return new Target(platform.Pipeline, platform);
        }
        var key = result.GetValue(CommonOptions.Key);
        if (string.IsNullOrWhiteSpace(key))
            throw new ApiException(ExitCodes.InvalidInput, "no API key: pass --key or set ZHIZAO_KEY, or use --local to write into the embedded store directly");
        var http = new HttpPointIngestor(result.GetValue(CommonOptions.Server)!, key);
        return new Target(http, new DisposableAdapter(http));
    }

    private sealed class DisposableAdapter(IDisposable inner) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            inner.Dispose();
            return ValueTask.CompletedTask;
        }
    }

    private static async Task<FileImportResult> RunWithProgressAsync(FileImporter importer, FileInfo path, FileImportOptions options, CancellationToken cancellationToken)
    {
        if (!AnsiConsole.Profile.Capabilities.Interactive || Console.IsOutputRedirected)
            return await importer.ImportAsync(path.FullName, options, null, cancellationToken);
        FileImportResult? outcome = null;
        await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask($"Importing {Markup.Escape(path.Name)}", maxValue: 1.0);
                var progress = new Progress<ImportProgress>(p => task.Value = p.Fraction);
                outcome = await importer.ImportAsync(path.FullName, options, progress, cancellationToken);
                task.Value = 1.0;
            });
        return outcome!;
    }
}
