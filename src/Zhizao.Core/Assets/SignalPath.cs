using System.Diagnostics.CodeAnalysis;

namespace Zhizao.Core.Assets;

/// <summary>The address of a signal: site/line/machine/signal, the same segments as the MQTT topic.</summary>
public readonly record struct SignalPath(string Site, string Line, string Machine, string Signal)
{
    /// <summary>The canonical text form, "site/line/machine/signal".</summary>
    public override string ToString() => $"{Site}/{Line}/{Machine}/{Signal}";

    /// <summary>The machine part, "site/line/machine".</summary>
    public string MachinePath => $"{Site}/{Line}/{Machine}";

    /// <summary>Parses "site/line/machine/signal"; each segment must be a valid identifier.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, [NotNullWhen(true)] out SignalPath? path)
    {
        path = null;
        Span<Range> parts = stackalloc Range[5];
        if (text.Split(parts, '/') != 4)
            return false;
        foreach (var part in parts[..4])
            if (!Identifier.IsValid(text[part]))
                return false;
        path = new SignalPath(text[parts[0]].ToString(), text[parts[1]].ToString(), text[parts[2]].ToString(), text[parts[3]].ToString());
        return true;
    }
}

/// <summary>Identifiers of sites, lines, machines and signals: they appear in MQTT topics and URLs.</summary>
public static class Identifier
{
    /// <summary>Maximum identifier length.</summary>
    public const int MaxLength = 64;

    /// <summary>Letters, digits, '-' and '_' only, starting with a letter or digit; at most 64 characters.</summary>
    public static bool IsValid(ReadOnlySpan<char> id)
    {
        if (id.IsEmpty || id.Length > MaxLength || !char.IsAsciiLetterOrDigit(id[0]))
            return false;
        foreach (var c in id)
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
                return false;
        return true;
    }
}
