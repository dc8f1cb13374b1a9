using System.CommandLine;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Zhizao.Server;
using Zhizao.Server.Hosting;

namespace Zhizao.Cli.Commands;

/// <summary><c>zhizao up</c>: the server, the embedded broker and (with --demo) the demo plant, in this process.</summary>
public static class UpCommand
{
    public static Command Create()
    {
        var demo = new Option<bool>("--demo") { Description = "Import the demo plant and publish its simulated data over MQTT" };
        var backfill = new Option<string?>("--demo-backfill") { Description = "Start the demo simulation this long ago and publish that history at once (default with --demo: 40m)" };
        var urls = new Option<string>("--urls") { Description = "HTTP address to listen on", DefaultValueFactory = _ => "http://127.0.0.1:8080" };
        var mqttPort = new Option<int>("--mqtt-port") { Description = "Port of the embedded MQTT broker", DefaultValueFactory = _ => 1883 };
        var storage = new Option<string>("--storage") { Description = "duckdb (embedded, default) or postgres", DefaultValueFactory = _ => "duckdb" };
        var postgres = new Option<string?>("--postgres") { Description = "PostgreSQL connection string when --storage postgres (default: $ZHIZAO_POSTGRES)" };
        var command = new Command("up", "Run the platform: HTTP API, embedded MQTT broker, agents (and the demo plant with --demo)")
        {
            demo, backfill, urls, mqttPort, storage, postgres, CommonOptions.Data,
        };
        command.SetAction((result, cancellationToken) => CommonOptions.RunAsync(async () =>
        {
            var data = Path.GetFullPath(result.GetValue(CommonOptions.Data)!);
            var settings = new Dictionary<string, string?>
            {
                ["Zhizao:Demo"] = result.GetValue(demo).ToString(),
                ["Zhizao:Storage"] = result.GetValue(storage),
                ["Zhizao:DuckDb:Path"] = Path.Combine(data, "zhizao.duckdb"),
                ["Zhizao:PostgresConnectionString"] = result.GetValue(postgres) ?? Environment.GetEnvironmentVariable("ZHIZAO_POSTGRES"),
                ["Mqtt:Broker:Port"] = result.GetValue(mqttPort).ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Urls"] = result.GetValue(urls),
            };
            // The demo starts 40 simulated minutes in, so that the maintenance agent has learned the machines (20 min) and the
            // first faults unfold live: cnc-03's bearing starts to wear at once and fails 30 minutes later.
            if ((result.GetValue(backfill) ?? (result.GetValue(demo) ? "40m" : null)) is { } text)
            {
                if (!Server.Apis.ApiTime.TryParseDuration(text, out var span))
                    return CliOutput.Fail(ExitCodes.InvalidInput, $"--demo-backfill '{text}' is not a duration such as 45m or 2h");
                settings["Zhizao:DemoBackfill"] = span.ToString("c", System.Globalization.CultureInfo.InvariantCulture);
            }
            WebApplication app;
            try
            {
                app = ZhizaoServer.Build([], b =>
                {
                    b.Configuration.AddInMemoryCollection(settings);
                    // Logs go to stderr: stdout carries the addresses and the key for people and scripts.
                    b.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
                });
            }
            catch (Microsoft.Extensions.Options.OptionsValidationException e)
            {
                return CliOutput.Fail(ExitCodes.InvalidInput, string.Join("; ", e.Failures));
            }
            await app.StartAsync(cancellationToken);
            var state = app.Services.GetRequiredService<PlatformState>();
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? result.GetValue(urls);
            // Plain lines on stdout so scripts and tests can read them; the key is never logged.
            Console.Out.WriteLine($"Zhizao API: {address}");
            Console.Out.WriteLine($"MQTT broker: 127.0.0.1:{result.GetValue(mqttPort)} (user: any, password: an API key)");
            Console.Out.WriteLine($"Data: {data}");
            if (state.FirstAdminKey is { } key)
                Console.Out.WriteLine($"Admin API key (shown once, keep it): {key}");
            else
                Console.Out.WriteLine("Admin API key: created on first start (not shown again)");
            Console.Out.WriteLine("Ready. Press Ctrl+C to stop.");
            Console.Out.Flush();
            await app.WaitForShutdownAsync(cancellationToken);
            return ExitCodes.Ok;
        }));
        return command;
    }
}
