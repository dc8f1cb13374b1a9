using System.Diagnostics;
using System.Globalization;

namespace Zhizao.Cli.Bench;

/// <summary>What the suites read from the process and the machine: the command line, memory peaks and the load average.</summary>
internal static class BenchEnvironment
{
    /// <summary>The command line that started this process, as it would be typed ("zhizao bench …").</summary>
    public static string CommandLine() =>
        string.Join(' ', ["zhizao", .. Environment.GetCommandLineArgs().Skip(1).Select(Quote)]);

    /// <summary>The peak resident set of this process in bytes (VmHWM on Linux), since start or since <see cref="ResetPeakWorkingSet"/>.</summary>
    public static long PeakWorkingSetBytes()
    {
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        return process.PeakWorkingSet64;
    }

    /// <summary>
    /// Collects garbage, then resets the kernel's peak resident set of this process (Linux: writing 5 to /proc/self/clear_refs),
    /// so that the next <see cref="PeakWorkingSetBytes"/> covers only what follows. False when the kernel does not allow it.
    /// </summary>
    public static bool ResetPeakWorkingSet()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>The one-minute load average, or NaN where /proc/loadavg does not exist.</summary>
    public static double LoadAverage()
    {
        try
        {
            var first = File.ReadAllText("/proc/loadavg").Split(' ', 2)[0];
            return double.Parse(first, CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return double.NaN;
        }
    }

    /// <summary>The path of the running zhizao program and the arguments that start it again (apphost, or dotnet + dll).</summary>
    public static (string FileName, string[] Prefix) Self()
    {
        var process = Environment.ProcessPath ?? throw new InvalidOperationException("the path of the running program is unknown");
        return Path.GetFileNameWithoutExtension(process) == "dotnet"
            ? (process, [typeof(BenchEnvironment).Assembly.Location])
            : (process, []);
    }

    /// <summary>Bytes as MiB.</summary>
    public static double MiB(long bytes) => bytes / (1024.0 * 1024.0);

    private static string Quote(string argument) =>
        argument.Length > 0 && argument.All(c => char.IsAsciiLetterOrDigit(c) || "-_./=:,@+".Contains(c, StringComparison.Ordinal))
            ? argument
            : "'" + argument.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
