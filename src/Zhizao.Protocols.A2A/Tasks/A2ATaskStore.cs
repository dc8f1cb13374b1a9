using Microsoft.Extensions.Options;
using Zhizao.Core.Access;
using Zhizao.Protocols.A2A.Protocol;

namespace Zhizao.Protocols.A2A.Tasks;

/// <summary>
/// The A2A tasks in memory: at most <see cref="A2AOptions.MaxTasks"/>, a finished task readable for
/// <see cref="A2AOptions.FinishedTaskTtl"/>, each visible only to the principal that created it. Tasks do not survive a
/// restart: A2A clients hold the result they were sent, and the audit log keeps every invocation.
/// </summary>
internal sealed class A2ATaskStore(IOptions<A2AOptions> options, TimeProvider time) : IDisposable
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, A2ATaskEntry> _tasks = new(StringComparer.Ordinal);
    private readonly A2AOptions _options = options.Value;

    public int Count
    {
        get
        {
            lock (_gate)
                return _tasks.Count;
        }
    }

    /// <summary>The owner key of <paramref name="principal"/>: tasks are per workspace and principal.</summary>
    public static string OwnerOf(Principal principal) => $"{principal.Workspace}\n{principal.Id}";

    /// <summary>Creates a submitted task; throws <see cref="A2AProtocolException"/> (busy) when the store is full of running tasks.</summary>
    public A2ATaskEntry Create(Principal owner, string agentId, string skill, A2AMessage request)
    {
        var id = Guid.NewGuid().ToString();
        var contextId = request.ContextId ?? Guid.NewGuid().ToString();
        var snapshot = new A2ATaskSnapshot(id, contextId, agentId, skill,
            new A2ATaskStatus(A2ATaskState.Submitted, time.GetUtcNow()), [],
            [request with { ContextId = contextId, TaskId = id }], null, false);
        var entry = new A2ATaskEntry(OwnerOf(owner), snapshot);
        lock (_gate)
        {
            if (_tasks.Count >= _options.MaxTasks)
                MakeRoom();
            if (_tasks.Count >= _options.MaxTasks)
                throw new A2AProtocolException(new A2AError(A2AErrorCodes.Busy,
                    $"{_tasks.Count} tasks are running (the most this server keeps); retry when some have finished"));
            _tasks.Add(id, entry);
        }
        return entry;
    }

    /// <summary>The task, when it exists, has not expired and belongs to <paramref name="owner"/>.</summary>
    public A2ATaskEntry? Find(Principal owner, string taskId)
    {
        lock (_gate)
        {
            if (!_tasks.TryGetValue(taskId, out var entry))
                return null;
            if (IsExpired(entry, time.GetUtcNow()))
            {
                Remove(entry);
                return null;
            }
            return entry.OwnerKey == OwnerOf(owner) ? entry : null;
        }
    }

    /// <summary>Cancels every running task (shutdown).</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var entry in _tasks.Values)
                entry.TryCancel(time.GetUtcNow(), "The server is shutting down.");
            _tasks.Clear();
        }
    }

    private void MakeRoom()
    {
        var now = time.GetUtcNow();
        foreach (var expired in _tasks.Values.Where(e => IsExpired(e, now)).ToList())
            Remove(expired);
        if (_tasks.Count < _options.MaxTasks)
            return;
        if (_tasks.Values.Where(e => e.FinishedAt is not null).MinBy(e => e.FinishedAt) is { } oldest)
            Remove(oldest);
    }

    private bool IsExpired(A2ATaskEntry entry, DateTimeOffset now) => entry.FinishedAt is { } finished && now - finished >= _options.FinishedTaskTtl;

    private void Remove(A2ATaskEntry entry) => _tasks.Remove(entry.Id);
}
