using System.ComponentModel.DataAnnotations;

namespace Zhizao.Protocols.A2A.Client;

/// <summary>Timeouts of calls to external A2A agents.</summary>
public sealed class A2AClientOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Zhizao:A2A:Client";

    /// <summary>Longest wait for one HTTP exchange (default 30 s).</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Longest wait for a skill call to finish, polling included (default 5 min).</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "1.00:00:00")]
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Pause between GetTask polls while an agent's task is still running (default 500 ms).</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Largest response accepted (default 8 MiB).</summary>
    [Range(1024, 256 * 1024 * 1024)]
    public int MaxResponseBytes { get; set; } = 8 * 1024 * 1024;
}
