using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Zhizao.Core.Assets;
using Zhizao.Core.Storage;
using Zhizao.Ingestion;
using Zhizao.Server;
using Zhizao.Server.Hosting;
using Zhizao.Server.Security;

namespace Zhizao.Cli.Bench;

/// <summary>One publishing scenario of the <c>mqtt</c> suite.</summary>
internal sealed record MqttScenario(string Name, int Messages, int PointsPerMessage, int Qos, int Connections, string? Target);

/// <summary>Options of the <c>mqtt</c> suite.</summary>
internal sealed record MqttBenchmarkOptions(
    int Signals, int SignalsPerMachine, int InFlight, IReadOnlyList<MqttScenario> Scenarios, string? WorkDirectory, bool Keep);

/// <summary>
/// The <c>mqtt</c> suite: the real server (HTTP API, embedded broker, ingestion pipeline, embedded store) runs in this process;
/// a separate <c>zhizao bench mqtt-publish</c> process publishes through TCP with a device key. The rate of a scenario runs from
/// the start signal to the publisher until the pipeline has made the last point durable; then the store count is checked.
/// </summary>
internal static class MqttBenchmark
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan StallTimeout = TimeSpan.FromSeconds(30);

    public static async Task RunAsync(MqttBenchmarkOptions options, string outDirectory, CancellationToken cancellationToken)
    {
        var run = new BenchRun("mqtt", "MQTT ingestion from an external publisher to durable storage");
        var plant = new BenchPlant(options.Signals, options.SignalsPerMachine);
        run.Parameter("signals", options.Signals);
        run.Parameter("machines", plant.Machines);
        run.Parameter("in-flight per connection", options.InFlight);
        using var scratch = new BenchScratch("mqtt", options.WorkDirectory, options.Keep);
        var database = scratch.Combine("zhizao.duckdb");
        run.DataPaths.Add(scratch.Describe(database));

        var (httpPort, mqttPort) = (FreePort(), FreePort());
        var app = ZhizaoServer.Build([], b =>
        {
            b.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Zhizao:DuckDb:Path"] = database,
                ["Mqtt:Broker:Port"] = mqttPort.ToString(CultureInfo.InvariantCulture),
                ["Urls"] = $"http://127.0.0.1:{httpPort}",
            });
            b.Logging.ClearProviders();
            b.Logging.SetMinimumLevel(LogLevel.Warning);
            b.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        });
        await using (app)
        {
            await app.StartAsync(cancellationToken);
            var services = app.Services;
            await services.GetRequiredService<PlatformState>().Started.WaitAsync(cancellationToken);
            var store = services.GetRequiredService<IStore>();
            await store.Metadata.SavePlantAsync(plant.Model(), TimeProvider.System.GetUtcNow(), cancellationToken);
            await services.GetRequiredService<CatalogService>().ReloadAsync(cancellationToken);
            var (key, _) = await services.GetRequiredService<ApiKeyService>().CreateAsync("bench publisher", "device", cancellationToken);
            var metrics = services.GetRequiredService<IngestionMetrics>();
            using var writes = new StoreWriteListener();

            // Each scenario writes its own 10-day window in the past, so no point is a duplicate of another scenario's.
            var now = TimeProvider.System.GetUtcNow();
            var origin = new DateTimeOffset(now.Year, now.Month, now.Day, 0, 0, 0, TimeSpan.Zero).AddDays(-10 * (options.Scenarios.Count + 1));
            for (var i = 0; i < options.Scenarios.Count; i++)
            {
                var scenario = options.Scenarios[i];
                var payloads = new MqttBenchPayloads(plant, scenario.Messages, scenario.PointsPerMessage, origin.AddDays(10 * i).ToUnixTimeMilliseconds());
                if (payloads.Problem() is { } problem)
                    throw new ApiException(ExitCodes.InvalidInput, $"{scenario.Name}: {problem}");
                run.Parameter($"{scenario.Name}", $"{scenario.Messages:N0} messages × {scenario.PointsPerMessage:N0} points, QoS {scenario.Qos}, {scenario.Connections} connections");
                await RunScenarioAsync(run, scenario, payloads, key, mqttPort, options, store, metrics, writes, cancellationToken);
            }
            await app.StopAsync(cancellationToken);
        }
        run.Note("Rates run from the start signal to the already connected publisher process until IngestionMetrics counts the last point durable (polled every 5 ms); the publisher encodes all messages before that signal. After each scenario the store count is checked equal to the points sent and no point is rejected.");
        run.Note("The broker handles one connection's messages in order and acknowledges each only once its points are durable, so single-point rates depend on the number of connections (group commit merges concurrent messages into one transaction).");
        run.Note("Peak RSS is this process's resident peak (the server runs in it) during each scenario alone; queue depth is the most write requests seen waiting for the store (sampled every millisecond). Store transactions and their times come from the pipeline's own metrics (zhizao.store.write.*), read through a MeterListener.");
        await run.WriteAsync(outDirectory, cancellationToken);
    }

    private static async Task RunScenarioAsync(BenchRun run, MqttScenario scenario, MqttBenchPayloads payloads, string key, int mqttPort,
        MqttBenchmarkOptions options, IStore store, IngestionMetrics metrics, StoreWriteListener writes, CancellationToken cancellationToken)
    {
        BenchRun.Progress($"{scenario.Name}: starting the publisher process ({payloads.TotalPoints:N0} points)");
        var countBefore = await store.Points.CountAsync(cancellationToken);
        var (fileName, prefix) = BenchEnvironment.Self();
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = false,
            UseShellExecute = false,
        };
        foreach (var argument in prefix.Concat(
        [
            "bench", "mqtt-publish", "--host", "127.0.0.1", "--port", mqttPort.ToString(CultureInfo.InvariantCulture), "--key", key,
            "--signals", payloads.Plant.Signals.ToString(CultureInfo.InvariantCulture),
            "--signals-per-machine", payloads.Plant.SignalsPerMachine.ToString(CultureInfo.InvariantCulture),
            "--messages", scenario.Messages.ToString(CultureInfo.InvariantCulture),
            "--points-per-message", scenario.PointsPerMessage.ToString(CultureInfo.InvariantCulture),
            "--qos", scenario.Qos.ToString(CultureInfo.InvariantCulture),
            "--connections", scenario.Connections.ToString(CultureInfo.InvariantCulture),
            "--in-flight", options.InFlight.ToString(CultureInfo.InvariantCulture),
            "--start-ms", payloads.StartMilliseconds.ToString(CultureInfo.InvariantCulture),
        ]))
        {
            start.ArgumentList.Add(argument);
        }
        using var publisher = Process.Start(start) ?? throw new InvalidOperationException("the publisher process did not start");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            var line = await publisher.StandardOutput.ReadLineAsync(timeout.Token);
            if (line != MqttBenchPublisher.ReadyLine)
                throw new InvalidOperationException($"{scenario.Name}: the publisher did not get ready (it said '{line}', exit code {(publisher.HasExited ? publisher.ExitCode : null)})");

            var acceptedBefore = metrics.AcceptedTotal;
            var rejectedBefore = metrics.RejectedTotal;
            var target = acceptedBefore + payloads.TotalPoints;
            BenchEnvironment.ResetPeakWorkingSet();
            using var sampling = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token);
            var maxQueue = SampleMaxAsync(() => metrics.QueueDepth, sampling.Token);

            var writesBefore = writes.Snapshot();
            var started = Stopwatch.GetTimestamp();
            await publisher.StandardInput.WriteLineAsync("go");
            await publisher.StandardInput.FlushAsync(timeout.Token);
            var (lastCount, lastProgress) = (acceptedBefore, Stopwatch.GetTimestamp());
            while (metrics.AcceptedTotal < target)
            {
                if (publisher.HasExited)
                    throw new InvalidOperationException($"{scenario.Name}: the publisher exited (code {publisher.ExitCode}) before every point was stored");
                if (metrics.AcceptedTotal != lastCount)
                    (lastCount, lastProgress) = (metrics.AcceptedTotal, Stopwatch.GetTimestamp());
                else if (Stopwatch.GetElapsedTime(lastProgress) > StallTimeout)
                    throw new InvalidOperationException($"{scenario.Name}: no point stored for {StallTimeout.TotalSeconds} s; {target - lastCount} of {payloads.TotalPoints} points never arrived");
                await Task.Delay(5, timeout.Token);
            }
            var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            var writesAfter = writes.Snapshot();
            await sampling.CancelAsync();
            var queue = await maxQueue;
            var peak = BenchEnvironment.PeakWorkingSetBytes();

            var resultLine = await publisher.StandardOutput.ReadLineAsync(timeout.Token);
            await publisher.StandardInput.WriteLineAsync("done");
            await publisher.StandardInput.FlushAsync(timeout.Token);
            var result = resultLine is null ? null : JsonSerializer.Deserialize<MqttPublisherResult>(resultLine, CliOutput.Json);
            await publisher.WaitForExitAsync(timeout.Token);
            var stored = await store.Points.CountAsync(cancellationToken) - countBefore;
            if (result is null || result.Failed != 0 || stored != payloads.TotalPoints || metrics.RejectedTotal != rejectedBefore)
                throw new InvalidOperationException($"{scenario.Name}: {payloads.TotalPoints} points sent, {stored} stored, {metrics.RejectedTotal - rejectedBefore} rejected, {result?.Failed} publishes failed");

            run.Metric($"{scenario.Name}: rate", payloads.TotalPoints / seconds, "points/s", scenario.Target, "higher");
            if (scenario.PointsPerMessage > 1)
                run.Metric($"{scenario.Name}: messages", scenario.Messages / seconds, "messages/s", better: "higher");
            run.Metric($"{scenario.Name}: points lost", payloads.TotalPoints - stored, "points", "0", "lower");
            run.Metric($"{scenario.Name}: server peak RSS", BenchEnvironment.MiB(peak), "MiB", better: "lower");
            run.Metric($"{scenario.Name}: max ingest queue depth", queue, "requests", better: "lower");
            var transactions = writesAfter.Writes - writesBefore.Writes;
            if (transactions > 0)
            {
                run.Metric($"{scenario.Name}: store transactions", transactions, "transactions");
                run.Metric($"{scenario.Name}: points per transaction", (writesAfter.Points - writesBefore.Points) / (double)transactions, "points");
                run.Metric($"{scenario.Name}: mean store write", (writesAfter.Milliseconds - writesBefore.Milliseconds) / transactions, "ms", better: "lower");
                run.Metric($"{scenario.Name}: time in store writes", (writesAfter.Milliseconds - writesBefore.Milliseconds) / 10 / seconds, "%");
            }
        }
        finally
        {
            if (!publisher.HasExited)
                publisher.Kill();
        }
    }

    /// <summary>The largest value <paramref name="read"/> returns, sampled every millisecond until cancelled.</summary>
    private static async Task<long> SampleMaxAsync(Func<long> read, CancellationToken cancellationToken)
    {
        var max = 0L;
        try
        {
            while (true)
            {
                max = Math.Max(max, read());
                await Task.Delay(1, cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
            return Math.Max(max, read());
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
