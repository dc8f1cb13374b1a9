using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Zhizao.Scheduling.Model;

namespace Zhizao.Agents.Scheduling.Plans;

/// <summary>Reads the plan-file JSON into the engine's model, collecting every structural problem with its JSON pointer.</summary>
internal sealed partial class PlanReader(string fileName)
{
    private static readonly HashSet<string> RootKeys = ["planStart", "machines", "jobs", "setups", "blockedWindows"];
    private PlanClock _clock = new(DateTimeOffset.UnixEpoch);

    public List<PlanFileError> Errors { get; } = [];

    public Plan? Read(JsonNode? root, string path)
    {
        if (root is not JsonObject plan)
        {
            Error(path, "a plan must be a JSON object");
            return null;
        }
        foreach (var (key, _) in plan)
            if (!RootKeys.Contains(key) && key is not ("demo" or "timeLimitSeconds" or "workers" or "objective" or "plan"))
                Error($"{path}/{key}", $"unknown property '{key}' (expected {string.Join(", ", RootKeys)})");
        if (Time(plan, "planStart", path, required: true) is not { } start)
            return null;
        _clock = new PlanClock(start);
        var machines = Array(plan, "machines", path, required: true, ReadMachine);
        var jobs = Array(plan, "jobs", path, required: true, ReadJob);
        var setups = Array(plan, "setups", path, required: false, ReadSetup);
        var blocked = Array(plan, "blockedWindows", path, required: false, ReadBlocked);
        return new Plan(new SchedulingProblem(machines, jobs, setups, blocked), _clock);
    }

    private Machine? ReadMachine(JsonObject node, string path) =>
        Text(node, "id", path, required: true) is { } id
            ? new Machine(id, node["shifts"] is null ? null : Array(node, "shifts", path, required: true, ReadWindow))
            : null;

    private TimeWindow? ReadWindow(JsonObject node, string path) =>
        Time(node, "from", path, required: true) is { } from && Time(node, "to", path, required: true) is { } to
            ? Window(from, to, path)
            : null;

    private TimeWindow? Window(DateTimeOffset from, DateTimeOffset to, string path)
    {
        if (to <= from)
        {
            Error(path + "/to", $"ends at {PlanFile.Iso(to)}, not after it starts at {PlanFile.Iso(from)}");
            return null;
        }
        var window = _clock.ToWindow(from, to);
        return new TimeWindow(Math.Max(0, window.Start), Math.Max(0, window.End));
    }

    private Job? ReadJob(JsonObject node, string path)
    {
        var id = Text(node, "id", path, required: true);
        var release = Time(node, "release", path, required: false);
        if (release is { } r && r < _clock.PlanStart)
            Error(path + "/release", $"release {PlanFile.Iso(r)} is before planStart {PlanFile.Iso(_clock.PlanStart)}");
        var due = Time(node, "due", path, required: false);
        var weight = Integer(node, "weight", path, required: false, min: 1) ?? 1;
        var operations = Array(node, "operations", path, required: true, ReadOperation);
        if (id is null)
            return null;
        return new Job(id, operations,
            Release: release is { } rel ? Math.Max(0, _clock.ToMinutes(rel)) : 0,
            Due: due is { } d ? _clock.ToMinutes(d) : null,
            Weight: (int)weight,
            Family: Text(node, "family", path, required: false),
            OrderId: Text(node, "orderId", path, required: false));
    }

    private Operation? ReadOperation(JsonObject node, string path)
    {
        var id = Text(node, "id", path, required: true);
        var options = Array(node, "options", path, required: true, ReadOption);
        var predecessors = node["predecessors"] is null ? null : Array(node, "predecessors", path, required: true, (JsonNode? p, string at) =>
            p is JsonValue v && v.TryGetValue<string>(out var s) ? s : Fail<string>(at, "a predecessor must be an operation id (text)"));
        return id is null ? null : new Operation(id, options, predecessors, Text(node, "family", path, required: false));
    }

    private MachineOption? ReadOption(JsonObject node, string path) =>
        Text(node, "machine", path, required: true) is { } machine && Integer(node, "minutes", path, required: true, min: 0) is { } minutes
            ? new MachineOption(machine, minutes)
            : null;

    private SetupTime? ReadSetup(JsonObject node, string path)
    {
        var machine = Text(node, "machine", path, required: false);
        var from = Text(node, "from", path, required: true);
        var to = Text(node, "to", path, required: true);
        var minutes = Integer(node, "minutes", path, required: true, min: 0);
        return from is null || to is null || minutes is null ? null : new SetupTime(machine, from, to, minutes.Value);
    }

    private BlockedWindow? ReadBlocked(JsonObject node, string path)
    {
        var machine = Text(node, "machine", path, required: true);
        var from = Time(node, "from", path, required: true);
        var to = Time(node, "to", path, required: true);
        if (machine is null || from is null || to is null || Window(from.Value, to.Value, path) is not { } window)
            return null;
        return new BlockedWindow(machine, window, Text(node, "reason", path, required: false));
    }

    private List<T> Array<T>(JsonObject parent, string name, string path, bool required, Func<JsonObject, string, T?> read)
        where T : class =>
        Array(parent, name, path, required, (JsonNode? n, string at) => n is JsonObject o ? read(o, at) : Fail<T>(at, "must be a JSON object"));

    private List<T> Array<T>(JsonObject parent, string name, string path, bool required, Func<JsonObject, string, T?> read)
        where T : struct =>
        Array(parent, name, path, required, (JsonNode? n, string at) => n is JsonObject o && read(o, at) is { } v ? new Box<T>(v) : n is JsonObject ? null : Fail<Box<T>>(at, "must be a JSON object"))
        .Select(b => b.Value).ToList();

    private sealed record Box<T>(T Value);

    private List<T> Array<T>(JsonObject parent, string name, string path, bool required, Func<JsonNode?, string, T?> read)
        where T : class
    {
        var at = $"{path}/{name}";
        var node = parent[name];
        if (node is null)
        {
            if (required)
                Error(at, $"'{name}' is required");
            return [];
        }
        if (node is not JsonArray array)
        {
            Error(at, $"'{name}' must be an array");
            return [];
        }
        var items = new List<T>(array.Count);
        for (var i = 0; i < array.Count; i++)
            if (read(array[i], $"{at}/{i}") is { } item)
                items.Add(item);
        return items;
    }

    private string? Text(JsonObject node, string name, string path, bool required)
    {
        var value = node[name];
        if (value is null)
        {
            if (required)
                Error($"{path}/{name}", $"'{name}' is required");
            return null;
        }
        if (value is JsonValue v && v.TryGetValue<string>(out var text) && text.Length > 0)
            return text;
        Error($"{path}/{name}", $"'{name}' must be non-empty text");
        return null;
    }

    private long? Integer(JsonObject node, string name, string path, bool required, long min)
    {
        var value = node[name];
        if (value is null)
        {
            if (required)
                Error($"{path}/{name}", $"'{name}' is required");
            return null;
        }
        if (TryWhole(value, out var number) && number >= min)
            return number;
        Error($"{path}/{name}", $"'{name}' must be a whole number ≥ {min}, got {value.ToJsonString()}");
        return null;
    }

    /// <summary>
    /// A JSON whole number, whether parsed from text or built in memory (an in-memory int node does not convert to long
    /// through <see cref="JsonValue.TryGetValue{T}"/>).
    /// </summary>
    internal static bool TryWhole(JsonNode? node, out long number)
    {
        number = 0;
        return node is JsonValue v && v.GetValueKind() == JsonValueKind.Number
            && long.TryParse(v.ToJsonString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out number);
    }

    private DateTimeOffset? Time(JsonObject node, string name, string path, bool required)
    {
        var value = node[name];
        if (value is null)
        {
            if (required)
                Error($"{path}/{name}", $"'{name}' is required");
            return null;
        }
        if (value is JsonValue v && v.TryGetValue<string>(out var text) && HasOffset(text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
            return time;
        Error($"{path}/{name}", $"'{name}' must be an ISO 8601 time with an offset (2026-11-25T08:00:00+08:00), got {value.ToJsonString()}");
        return null;
    }

    /// <summary>An explicit offset after the time part ('Z', '+hh:mm' or '-hh:mm'); a bare local time is ambiguous.</summary>
    private static bool HasOffset(string text)
    {
        var t = text.IndexOf('T', StringComparison.OrdinalIgnoreCase);
        return t > 0 && (text.EndsWith('Z') || text.EndsWith('z') || text.IndexOfAny(['+', '-'], t) > 0);
    }

    private T? Fail<T>(string path, string message)
        where T : class
    {
        Error(path, message);
        return null;
    }

    private void Error(string path, string message) => Errors.Add(new PlanFileError(fileName, path, message));
}
