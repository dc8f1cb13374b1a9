using Zhizao.Core.Assets;
using Zhizao.Simulation.Models;

namespace Zhizao.Simulation;

/// <summary>
/// A deterministic simulation of a plant: the same plant, options (seed included) and start time always give the
/// same samples, whether they are taken in one call or in many small steps. Each signal is sampled every
/// <c>samplingPeriodSeconds / RateMultiplier</c> from the start; samples come out in time order (ties in plant
/// order). Machines of the demo kinds (<see cref="DemoPlant.Kinds"/>) get physical models; other signals get a
/// plain noisy mid-range value. Faults from <see cref="SimulationOptions.Faults"/> are injected and reported in
/// <see cref="Faults"/>. An instance is not thread-safe.
/// </summary>
public sealed class PlantSimulator
{
    private readonly SignalChannel[] _channels;
    private readonly PriorityQueue<int, (long Ticks, int Index)> _queue;
    private readonly long _startTicks;
    private long _position;

    /// <summary>Simulates the demo plant (<see cref="DemoPlant.Create"/>).</summary>
    public PlantSimulator(SimulationOptions options, DateTimeOffset start)
        : this(DemoPlant.Create(), options, start)
    {
    }

    /// <summary>Simulates <paramref name="plant"/> from <paramref name="start"/>.</summary>
    /// <exception cref="ArgumentException">The options are invalid, or a fault names an unknown or unsuitable machine or signal.</exception>
    public PlantSimulator(PlantModel plant, SimulationOptions options, DateTimeOffset start)
    {
        ArgumentNullException.ThrowIfNull(plant);
        ArgumentNullException.ThrowIfNull(options);
        options.ThrowIfInvalid();
        Plant = plant;
        Seed = options.Seed;
        Start = start.ToUniversalTime();
        _startTicks = Start.UtcTicks;

        var machines = SimulatedMachine.Build(plant, options, Start);
        _channels = [.. machines.SelectMany(m => m.Channels.Values)];
        Signals = [.. _channels.Select(c => c.Path)];
        Faults = FaultInjector.Inject(machines, options.Faults, Start);
        SamplesPerSecond = _channels.Sum(c => (double)TimeSpan.TicksPerSecond / c.PeriodTicks);

        _queue = new PriorityQueue<int, (long, int)>(_channels.Length);
        for (var i = 0; i < _channels.Length; i++)
            _queue.Enqueue(i, (0, i));
    }

    /// <summary>The simulated plant.</summary>
    public PlantModel Plant { get; }

    /// <summary>The seed of this run.</summary>
    public int Seed { get; }

    /// <summary>The start of the run (UTC); every signal samples first at this instant.</summary>
    public DateTimeOffset Start { get; }

    /// <summary>Every simulated signal, in plant order.</summary>
    public IReadOnlyList<SignalPath> Signals { get; }

    /// <summary>Ground truth of the injected faults, in the order of <see cref="SimulationOptions.Faults"/>.</summary>
    public IReadOnlyList<FaultTruth> Faults { get; }

    /// <summary>Samples per simulated second over all signals.</summary>
    public double SamplesPerSecond { get; }

    /// <summary>Every sample strictly before this time has been produced.</summary>
    public DateTimeOffset Position => ToTime(Math.Min(_position, DateTimeOffset.MaxValue.UtcTicks - _startTicks));

    /// <summary>Produces every sample up to and including <paramref name="now"/> not produced yet.</summary>
    public IReadOnlyList<SimulatedSample> Step(DateTimeOffset now)
    {
        var samples = new List<SimulatedSample>();
        StepInto(now, samples);
        return samples;
    }

    /// <summary>Like <see cref="Step"/>, adding to a caller-owned collection; returns how many samples were added.</summary>
    public int StepInto(DateTimeOffset now, ICollection<SimulatedSample> sink)
    {
        ArgumentNullException.ThrowIfNull(sink);
        var limit = InclusiveLimit(now);
        var count = 0;
        while (TryNext(limit, out var sample))
        {
            sink.Add(sample);
            count++;
        }
        return count;
    }

    /// <summary>
    /// Writes the next samples before <paramref name="until"/> (exclusive) into <paramref name="destination"/>,
    /// at most its length; returns how many were written. The allocation-free path for bulk generation.
    /// </summary>
    public int Fill(DateTimeOffset until, Span<SimulatedSample> destination)
    {
        var limit = until.UtcTicks - _startTicks;
        var count = 0;
        while (count < destination.Length && TryNext(limit, out destination[count]))
            count++;
        return count;
    }

    /// <summary>
    /// The samples with timestamps in [<paramref name="from"/>, <paramref name="to"/>) not produced yet, lazily.
    /// Samples before <paramref name="from"/> are simulated and skipped, so values do not depend on where a run is cut.
    /// </summary>
    public IEnumerable<SimulatedSample> Generate(DateTimeOffset from, DateTimeOffset to)
    {
        if (to < from)
            throw new ArgumentOutOfRangeException(nameof(to), to, "the end must not be before the beginning");
        return Iterate(from.UtcTicks - _startTicks, to.UtcTicks - _startTicks);

        IEnumerable<SimulatedSample> Iterate(long fromTicks, long toTicks)
        {
            while (TryNext(fromTicks, out _))
            {
            }
            while (TryNext(toTicks, out var sample))
                yield return sample;
        }
    }

    private long InclusiveLimit(DateTimeOffset now)
    {
        var ticks = now.UtcTicks - _startTicks;
        return ticks == long.MaxValue ? ticks : ticks + 1;
    }

    private DateTimeOffset ToTime(long ticks) => new(_startTicks + ticks, TimeSpan.Zero);

    // The hot loop: no LINQ, no allocation beyond the sample itself.
    private bool TryNext(long limitExclusive, out SimulatedSample sample)
    {
        if (!_queue.TryPeek(out var index, out var due) || due.Ticks >= limitExclusive)
        {
            if (limitExclusive > _position)
                _position = limitExclusive;
            sample = default;
            return false;
        }
        var channel = _channels[index];
        var ticks = due.Ticks;
        channel.Model.AdvanceTo((double)ticks / TimeSpan.TicksPerSecond);
        var value = channel.Measure(ticks);
        _queue.DequeueEnqueue(index, (ticks + channel.PeriodTicks, index));
        _position = ticks;
        sample = new SimulatedSample(channel.Path, ToTime(ticks), value);
        return true;
    }
}
