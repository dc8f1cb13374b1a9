using Zhizao.Core.Agents;
using Zhizao.Core.Points;

namespace Zhizao.Ingestion.Tests;

/// <summary>A stream subscriber that keeps every batch it is given and lets a test wait for a number of points.</summary>
internal sealed class RecordingSubscriber : IPointStreamSubscriber
{
    private readonly Lock _lock = new();
    private readonly List<IReadOnlyList<DataPoint>> _batches = [];
    private readonly List<(int Count, TaskCompletionSource Done)> _waiters = [];
    private int _points;

    public IReadOnlyList<IReadOnlyList<DataPoint>> Batches
    {
        get
        {
            lock (_lock)
                return [.. _batches];
        }
    }

    public ValueTask OnPointsAsync(IReadOnlyList<DataPoint> points, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _batches.Add(points);
            _points += points.Count;
            foreach (var waiter in _waiters.Where(w => _points >= w.Count))
                waiter.Done.TrySetResult();
        }
        return ValueTask.CompletedTask;
    }

    /// <summary>Completes once at least <paramref name="count"/> points have arrived.</summary>
    public Task WaitForPointsAsync(int count)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            if (_points >= count)
                return Task.CompletedTask;
            _waiters.Add((count, done));
        }
        return done.Task;
    }
}
