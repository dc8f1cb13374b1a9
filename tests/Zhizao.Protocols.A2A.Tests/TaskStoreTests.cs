using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Zhizao.Core.Access;
using Zhizao.Protocols.A2A.Protocol;
using Zhizao.Protocols.A2A.Tasks;

namespace Zhizao.Protocols.A2A.Tests;

public sealed class TaskStoreTests
{
    private static readonly Principal Alice = new("alice", "Alice", PrincipalKind.Person, "default", "engineer", [], [], []);
    private static readonly Principal AliceElsewhere = Alice with { Workspace = "plant-2" };
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 1, 8, 0, 0, TimeSpan.Zero));

    private A2ATaskStore Store(int maxTasks = 10) =>
        new(Options.Create(new A2AOptions { MaxTasks = maxTasks, FinishedTaskTtl = TimeSpan.FromMinutes(10) }), _time);

    private static A2AMessage Request() => new("m1", false, [A2APart.OfText("{}")]);

    private void Finish(A2ATaskEntry entry) => entry.TryUpdate(new A2ATaskStatus(A2ATaskState.Completed, _time.GetUtcNow()));

    [Fact]
    public void Finished_task_expires_after_the_ttl_but_a_running_one_does_not()
    {
        using var store = Store();
        var finished = store.Create(Alice, "cn.test/calc", "add", Request());
        var running = store.Create(Alice, "cn.test/calc", "hold", Request());
        Finish(finished);
        _time.Advance(TimeSpan.FromMinutes(9));
        Assert.NotNull(store.Find(Alice, finished.Id));
        _time.Advance(TimeSpan.FromMinutes(1));
        Assert.Null(store.Find(Alice, finished.Id));
        Assert.NotNull(store.Find(Alice, running.Id));
    }

    [Fact]
    public void Full_store_drops_the_oldest_finished_task_to_make_room()
    {
        using var store = Store(maxTasks: 2);
        var first = store.Create(Alice, "a/b", "s", Request());
        Finish(first);
        _time.Advance(TimeSpan.FromSeconds(1));
        var second = store.Create(Alice, "a/b", "s", Request());
        Finish(second);
        var third = store.Create(Alice, "a/b", "s", Request());
        Assert.Null(store.Find(Alice, first.Id));
        Assert.NotNull(store.Find(Alice, second.Id));
        Assert.NotNull(store.Find(Alice, third.Id));
        Assert.Equal(2, store.Count);
    }

    [Fact]
    public void Full_store_of_running_tasks_refuses_a_new_task_as_busy()
    {
        using var store = Store(maxTasks: 1);
        store.Create(Alice, "a/b", "s", Request());
        var refused = Assert.Throws<A2AProtocolException>(() => store.Create(Alice, "a/b", "s", Request()));
        Assert.Equal(A2AErrorCodes.Busy, refused.Error.Code);
    }

    [Fact]
    public void Task_is_not_found_from_another_workspace_of_the_same_principal_id()
    {
        using var store = Store();
        var entry = store.Create(Alice, "a/b", "s", Request());
        Assert.Null(store.Find(AliceElsewhere, entry.Id));
    }

    [Fact]
    public async Task Subscriber_sees_every_change_after_its_snapshot_and_the_stream_ends_at_the_final_state()
    {
        using var store = Store();
        var entry = store.Create(Alice, "a/b", "s", Request());
        var (snapshot, events) = entry.Subscribe();
        Assert.Equal(A2ATaskState.Submitted, snapshot.Status.State);
        entry.TryUpdate(new A2ATaskStatus(A2ATaskState.Working, _time.GetUtcNow()));
        entry.TryUpdate(new A2ATaskStatus(A2ATaskState.Completed, _time.GetUtcNow()), new A2AArtifact("a1", "s", [A2APart.OfData(null)]));
        Assert.False(entry.TryUpdate(new A2ATaskStatus(A2ATaskState.Failed, _time.GetUtcNow())));
        var seen = new List<string>();
        await foreach (var change in events.ReadAllAsync())
            seen.Add(change.Artifact is null ? change.Task.Status.State.ToString() : "artifact");
        Assert.Equal(["Working", "artifact", "Completed"], seen);
        Assert.True(entry.Settled.IsCompleted);
    }

    [Fact]
    public void Shutdown_cancels_running_tasks()
    {
        var store = Store();
        var entry = store.Create(Alice, "a/b", "s", Request());
        store.Dispose();
        Assert.True(entry.CancellationToken.IsCancellationRequested);
        Assert.Equal(A2ATaskState.Canceled, entry.Snapshot.Status.State);
    }
}
