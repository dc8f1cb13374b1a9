namespace Zhizao.Simulation.Production;

/// <summary>A machine that can perform an operation, and how long the whole lot takes on it (set-up included).</summary>
public sealed record MachineOption(string Machine, int DurationMinutes);

/// <summary>
/// One operation of an order's routing. Operations form a chain: each starts after its
/// <see cref="Predecessor"/> (the previous operation, <c>null</c> for the first) has finished.
/// </summary>
public sealed record RoutingOperation(string Id, int Sequence, string Name, string? Predecessor, IReadOnlyList<MachineOption> EligibleMachines);

/// <summary>
/// A production order for the machining line: what, how many, when it may start (<see cref="Release"/>) and is due,
/// its <see cref="Priority"/> (1 normal, 2 high, 3 urgent) and the matching tardiness <see cref="Weight"/> (1, 2 or 4).
/// </summary>
public sealed record ProductionOrder(
    string Id,
    string Product,
    string ProductFamily,
    int Quantity,
    DateTimeOffset Release,
    DateTimeOffset Due,
    int Priority,
    double Weight,
    IReadOnlyList<RoutingOperation> Routing);
