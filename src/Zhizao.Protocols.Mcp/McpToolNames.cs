using System.Security.Cryptography;
using System.Text;

namespace Zhizao.Protocols.Mcp;

/// <summary>
/// Maps a skill (agent id + skill name) to an MCP tool name and back. MCP tool names allow letters, digits, <c>_</c>, <c>-</c> and
/// <c>.</c>, at most 64 characters; agent ids are <c>publisher/name</c> (reverse DNS) and contain no <c>_</c>, so the name is
/// <c>{publisher}_{name}__{skill}</c> (<c>cn.zhizao/scheduler</c> + <c>schedule</c> → <c>cn.zhizao_scheduler__schedule</c>), which parses back
/// unambiguously. A skill that does not fit (too long, or other characters) gets <c>{skill}_{16 hex of SHA-256}</c>, which only the
/// caller's tool list can resolve.
/// </summary>
public static class McpToolNames
{
    /// <summary>The longest tool name MCP clients accept.</summary>
    public const int MaxLength = 64;

    private const int HashLength = 16;

    /// <summary>The tool name of <paramref name="skill"/> of agent <paramref name="agentId"/>.</summary>
    public static string For(string agentId, string skill)
    {
        ArgumentException.ThrowIfNullOrEmpty(agentId);
        ArgumentException.ThrowIfNullOrEmpty(skill);
        var slash = agentId.IndexOf('/', StringComparison.Ordinal);
        if (slash > 0 && slash == agentId.LastIndexOf('/') && IsPlain(agentId.AsSpan(0, slash)) && IsPlain(agentId.AsSpan(slash + 1)) && IsPlain(skill)
            && agentId.Length + skill.Length + 2 <= MaxLength)
            return $"{agentId[..slash]}_{agentId[(slash + 1)..]}__{skill}";
        return Hashed(agentId, skill);
    }

    /// <summary>Reads the agent id and skill from a name made by <see cref="For"/>; false for hashed names and anything else.</summary>
    public static bool TryParse(string toolName, out string agentId, out string skill)
    {
        agentId = skill = "";
        if (toolName.Length > MaxLength)
            return false;
        var parts = toolName.Split('_');
        if (parts.Length != 4 || parts[2].Length != 0 || !IsPlain(parts[0]) || !IsPlain(parts[1]) || !IsPlain(parts[3]))
            return false;
        agentId = $"{parts[0]}/{parts[1]}";
        skill = parts[3];
        return true;
    }

    private static string Hashed(string agentId, string skill)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes($"{agentId}\n{skill}"), hash);
        var prefix = new StringBuilder(skill.Length);
        foreach (var c in skill)
            prefix.Append(IsPlain(c) ? c : '-');
        if (prefix.Length > MaxLength - HashLength - 1)
            prefix.Length = MaxLength - HashLength - 1;
        return $"{prefix}_{Convert.ToHexStringLower(hash[..(HashLength / 2)])}";
    }

    private static bool IsPlain(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
            return false;
        foreach (var c in text)
        {
            if (!IsPlain(c))
                return false;
        }
        return true;
    }

    private static bool IsPlain(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '.';
}
