using System.Threading.Channels;
using Zhizao.Core.Access;
using Zhizao.Protocols.A2A.Protocol;

namespace Zhizao.Protocols.A2A.Tasks;

/// <summary>
/// One task: its state, who owns it, its subscribers (streams) and the token that cancels its run. All changes go through
/// a lock so that a stream sees the snapshot and every later event exactly once, in order. (Its token source holds no
/// timer, so it is left to the garbage collector: a stream may still hold the entry after the store dropped it.)
/// </summary>
internal sealed class A2ATaskEntry
{
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _cancellation = new();
    private readonly TaskCompletionSource _settled = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<Channel<A2ATaskEvent>> _subscribers = [];
    private A2ATaskSnapshot _snapshot;

    public A2ATaskEntry(string ownerKey, A2ATaskSnapshot initial)
    {
        OwnerKey = ownerKey;
        _snapshot = initial;
    }

    public string Id => _snapshot.Id;

    public string AgentId => _snapshot.AgentId;

    /// <summary>Workspace and principal id of the creator: nobody else sees the task.</summary>
    public string OwnerKey { get; }

    /// <summary>When the task reached a terminal state (null while it runs).</summary>
    public DateTimeOffset? FinishedAt { get; private set; }

    /// <summary>Cancelled by <see cref="TryCancel"/> (or when the store shuts down).</summary>
    public CancellationToken CancellationToken => _cancellation.Token;

    /// <summary>Completes when the task is terminal or waits for a person's approval: what a blocking SendMessage waits for.</summary>
    public Task Settled => _settled.Task;

    public A2ATaskSnapshot Snapshot
    {
        get
        {
            lock (_gate)
                return _snapshot;
        }
    }

    /// <summary>The current snapshot and a reader of every later event (completed after the final one).</summary>
    public (A2ATaskSnapshot Snapshot, ChannelReader<A2ATaskEvent> Events) Subscribe()
    {
        var channel = Channel.CreateUnbounded<A2ATaskEvent>(new UnboundedChannelOptions { SingleReader = true });
        lock (_gate)
        {
            if (_snapshot.Status.State.IsTerminal())
                channel.Writer.TryComplete();
            else
                _subscribers.Add(channel);
            return (_snapshot, channel.Reader);
        }
    }

    /// <summary>Moves to <paramref name="status"/> (after adding <paramref name="artifact"/>); false when already terminal.</summary>
    public bool TryUpdate(A2ATaskStatus status, A2AArtifact? artifact = null, Refusal? refusal = null, bool awaitingApproval = false)
    {
        lock (_gate)
        {
            if (_snapshot.Status.State.IsTerminal())
                return false;
            if (artifact is not null)
            {
                _snapshot = _snapshot with { Artifacts = [.. _snapshot.Artifacts, artifact] };
                Publish(new A2ATaskEvent(_snapshot, artifact));
            }
            _snapshot = _snapshot with { Status = status, Refusal = refusal ?? _snapshot.Refusal, AwaitingApproval = awaitingApproval };
            var change = new A2ATaskEvent(_snapshot, null);
            Publish(change);
            if (change.IsFinal)
            {
                FinishedAt = status.Timestamp;
                foreach (var subscriber in _subscribers)
                    subscriber.Writer.TryComplete();
                _subscribers.Clear();
            }
            if (change.IsFinal || awaitingApproval)
                _settled.TrySetResult();
            return true;
        }
    }

    /// <summary>Cancels a running or waiting task (state canceled at once); false when it has already finished.</summary>
    public bool TryCancel(DateTimeOffset now, string reason)
    {
        if (!TryUpdate(new A2ATaskStatus(A2ATaskState.Canceled, now, A2ATaskRunner.AgentText(reason))))
            return false;
        _cancellation.Cancel();
        return true;
    }

    private void Publish(A2ATaskEvent change)
    {
        foreach (var subscriber in _subscribers)
            subscriber.Writer.TryWrite(change);
    }
}
