using System.Globalization;
using System.Text;
using Zhizao.Scheduling.Model;

namespace Zhizao.Scheduling.Benchmarks;

/// <summary>File format of a benchmark instance.</summary>
public enum InstanceFormat
{
    /// <summary>Standard job shop: <c>n m</c>, then per job <c>machine duration</c> pairs, machines 0-based.</summary>
    JobShop,
    /// <summary>Flexible job shop (<c>.fjs</c>): per job the operation count, then per operation k and k <c>machine duration</c> pairs, machines 1-based.</summary>
    Flexible,
}

/// <summary>An eligible machine (numbered as in the instance file) and its duration.</summary>
public readonly record struct InstanceOption(int Machine, long Duration);

/// <summary>A job-shop or flexible job-shop benchmark instance; machines keep the file's numbering.</summary>
public sealed record BenchmarkInstance(string Name, InstanceFormat Format, int MachineCount, IReadOnlyList<IReadOnlyList<IReadOnlyList<InstanceOption>>> Jobs)
{
    /// <summary>The first machine number in the file: 0 for job shop, 1 for <c>.fjs</c>.</summary>
    public int FirstMachine => Format == InstanceFormat.JobShop ? 0 : 1;

    /// <summary>Reads an instance, choosing the format by extension (<c>.fjs</c> is flexible, anything else job shop).</summary>
    public static async Task<BenchmarkInstance> ReadAsync(string path, CancellationToken cancellationToken)
    {
        var text = await File.ReadAllTextAsync(path, cancellationToken);
        var format = Path.GetExtension(path).Equals(".fjs", StringComparison.OrdinalIgnoreCase) ? InstanceFormat.Flexible : InstanceFormat.JobShop;
        return Parse(text, Path.GetFileNameWithoutExtension(path), format);
    }

    /// <summary>Parses instance text; throws <see cref="FormatException"/> naming the job on malformed input.</summary>
    public static BenchmarkInstance Parse(string text, string name, InstanceFormat format)
    {
        var lines = text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        if (lines.Count == 0)
            throw new FormatException($"{name}: empty instance");
        // The .fjs header may carry a third, fractional field (average machines per operation): only two are read.
        var header = Numbers(string.Join(' ', lines[0].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Take(2)));
        if (header.Length < 2)
            throw new FormatException($"{name}: the first line must hold the job and machine counts");
        var (jobCount, machineCount) = ((int)header[0], (int)header[1]);
        if (lines.Count - 1 < jobCount)
            throw new FormatException($"{name}: {jobCount} jobs announced, {lines.Count - 1} job lines found");
        var first = format == InstanceFormat.JobShop ? 0 : 1;
        var jobs = new List<IReadOnlyList<IReadOnlyList<InstanceOption>>>();
        for (var j = 0; j < jobCount; j++)
        {
            var n = Numbers(lines[j + 1]);
            var ops = new List<IReadOnlyList<InstanceOption>>();
            var pos = 0;
            long Next() => pos < n.Length ? n[pos++] : throw new FormatException($"{name}: job {j} line ends early");
            if (format == InstanceFormat.JobShop)
            {
                if (n.Length % 2 != 0)
                    throw new FormatException($"{name}: job {j} has an odd number of values");
                while (pos < n.Length)
                    ops.Add([new InstanceOption((int)Next(), Next())]);
            }
            else
            {
                var count = Next();
                for (var o = 0; o < count; o++)
                {
                    var k = Next();
                    var options = new List<InstanceOption>();
                    for (var i = 0; i < k; i++)
                        options.Add(new InstanceOption((int)Next(), Next()));
                    ops.Add(options);
                }
            }
            foreach (var option in ops.SelectMany(o => o))
                if (option.Machine < first || option.Machine >= first + machineCount)
                    throw new FormatException($"{name}: job {j} names machine {option.Machine}, outside {first}..{first + machineCount - 1}");
            jobs.Add(ops);
        }
        return new BenchmarkInstance(name, format, machineCount, jobs);
    }

    /// <summary>The instance in its file format (parsing it gives an equal instance).</summary>
    public string ToText()
    {
        var sb = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        sb.Append(inv, $"{Jobs.Count} {MachineCount}").Append('\n');
        foreach (var job in Jobs)
        {
            var parts = new List<long>();
            if (Format == InstanceFormat.Flexible)
                parts.Add(job.Count);
            foreach (var op in job)
            {
                if (Format == InstanceFormat.Flexible)
                    parts.Add(op.Count);
                foreach (var o in op)
                    parts.AddRange([o.Machine, o.Duration]);
            }
            sb.AppendJoin(' ', parts.Select(p => p.ToString(inv))).Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>The machine id used in the scheduling model for file machine number <paramref name="machine"/>.</summary>
    public static string MachineId(int machine) => machine.ToString(CultureInfo.InvariantCulture);

    /// <summary>The job id used in the scheduling model for job index <paramref name="job"/> (0-based, file order).</summary>
    public static string JobId(int job) => job.ToString(CultureInfo.InvariantCulture);

    /// <summary>The operation id used in the scheduling model for operation index <paramref name="operation"/>.</summary>
    public static string OperationId(int operation) => operation.ToString(CultureInfo.InvariantCulture);

    /// <summary>The instance as a scheduling problem: machines and jobs numbered as in the file, operations chained.</summary>
    public SchedulingProblem ToProblem() => new(
        [.. Enumerable.Range(FirstMachine, MachineCount).Select(m => new Machine(MachineId(m)))],
        [.. Jobs.Select((ops, j) => new Job(JobId(j),
            [.. ops.Select((options, o) => new Operation(OperationId(o), [.. options.Select(x => new MachineOption(MachineId(x.Machine), x.Duration))]))]))]);

    /// <summary>Equality by content (the lists are compared element by element).</summary>
    public bool SameAs(BenchmarkInstance other) =>
        Name == other.Name && Format == other.Format && MachineCount == other.MachineCount && Jobs.Count == other.Jobs.Count
        && Jobs.Zip(other.Jobs).All(p => p.First.Count == p.Second.Count && p.First.Zip(p.Second).All(q => q.First.SequenceEqual(q.Second)));

    private static long[] Numbers(string line) =>
        [.. line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Select(t => long.Parse(t, NumberStyles.Integer, CultureInfo.InvariantCulture))];
}
