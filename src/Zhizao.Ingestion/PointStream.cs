using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Zhizao.Core.Agents;
using Zhizao.Core.Points;

namespace Zhizao.Ingestion;

/// <summary>
/// Delivers every durable batch to the stream subscribers (agents), in order, on one background loop.
/// The queue is bounded: when subscribers fall behind, the writer waits rather than dropping batches.
/// </summary>
public sealed partial class PointStream(IEnumerable<IPointStreamSubscriber> subscribers, ILogger<PointStream> logger) : IAsyncDisposable
{
    private readonly IPointStreamSubscriber[] _subscribers = [.. subscribers];
    private readonly Channel<IReadOnlyList<DataPoint>> _queue = Channel.CreateBounded<IReadOnlyList<DataPoint>>(new BoundedChannelOptions(256) { SingleReader = true });
    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;

    /// <summary>True when someone listens; the pipeline skips publishing otherwise.</summary>
    public bool HasSubscribers => _subscribers.Length > 0;

    /// <summary>Starts the delivery loop.</summary>
    public void Start() => _loop ??= Task.Run(() => RunAsync(_stop.Token));

    /// <summary>Queues a durable batch for the subscribers.</summary>
    public ValueTask PublishAsync(IReadOnlyList<DataPoint> batch, CancellationToken cancellationToken) =>
        HasSubscribers ? _queue.Writer.WriteAsync(batch, cancellationToken) : ValueTask.CompletedTask;

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        await foreach (var batch in _queue.Reader.ReadAllAsync(cancellationToken))
        {
            foreach (var subscriber in _subscribers)
            {
                try
                {
                    await subscriber.OnPointsAsync(batch, cancellationToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // A failing agent must not stop the stream for the others.
                    LogSubscriberFailed(logger, subscriber.GetType().Name, e);
                }
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        if (_loop is not null)
        {
            try
            {
                await _loop.WaitAsync(TimeSpan.FromSeconds(5));
            }
            catch (TimeoutException)
            {
                await _stop.CancelAsync();
            }
            catch (OperationCanceledException)
            {
            }
        }
        _stop.Dispose();
    }

    [LoggerMessage(EventId = 2101, Level = LogLevel.Error, Message = "Stream subscriber {Subscriber} failed on a batch")]
    private static partial void LogSubscriberFailed(ILogger logger, string subscriber, Exception exception);
}
