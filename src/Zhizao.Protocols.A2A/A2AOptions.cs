using System.ComponentModel.DataAnnotations;

namespace Zhizao.Protocols.A2A;

/// <summary>Limits of the A2A server: request size, how many tasks it keeps and for how long.</summary>
public sealed class A2AOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Zhizao:A2A";

    /// <summary>Largest JSON-RPC request body accepted (default 1 MiB); larger ones are answered 413.</summary>
    [Range(1024, 64 * 1024 * 1024)]
    public int MaxRequestBytes { get; set; } = 1024 * 1024;

    /// <summary>Most tasks kept in memory (default 10,000); when full, expired and then the oldest finished tasks are dropped.</summary>
    [Range(1, 1_000_000)]
    public int MaxTasks { get; set; } = 10_000;

    /// <summary>How long a finished task stays readable by GetTask (default 1 hour).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan FinishedTaskTtl { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Name of the platform gateway's card (served at /.well-known/agent-card.json).</summary>
    [Required]
    public string GatewayName { get; set; } = "Zhizao";

    /// <summary>Description of the platform gateway's card.</summary>
    [Required]
    public string GatewayDescription { get; set; } =
        "Zhizao industrial agent platform: every skill the caller may call, with ids {agentId}#{skill}.";
}
