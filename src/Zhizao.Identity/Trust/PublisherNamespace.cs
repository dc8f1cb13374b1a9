namespace Zhizao.Identity.Trust;

/// <summary>
/// Reverse-DNS publisher namespaces (<c>cn.example.plant1</c>) and the host names they correspond to (<c>plant1.example.cn</c>).
/// Labels are lower-case letters, digits and inner hyphens, 1–63 characters; at least two labels; the top-level label is not numeric.
/// </summary>
public static class PublisherNamespace
{
    /// <summary>Why <paramref name="value"/> is not a namespace; null when it is one.</summary>
    public static string? Validate(string? value) => ValidateLabels(value, "namespace", topLevelFirst: true);

    /// <summary>Why <paramref name="value"/> is not a host name (forward DNS order); null when it is one.</summary>
    public static string? ValidateDomain(string? value) => ValidateLabels(value, "domain", topLevelFirst: false);

    /// <summary>The namespace of an agent id: <c>cn.example.plant1/scheduler</c> → <c>cn.example.plant1</c>.</summary>
    public static string OfAgent(string agentId)
    {
        var slash = agentId.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? agentId : agentId[..slash];
    }

    /// <summary>The host name a namespace reads as: <c>cn.example.plant1</c> → <c>plant1.example.cn</c>.</summary>
    public static string ToDomain(string @namespace) => string.Join('.', @namespace.Split('.').Reverse());

    /// <summary>True when proving <paramref name="domain"/> proves the namespace: the namespace's host name is the domain or below it.</summary>
    public static bool IsCoveredBy(string @namespace, string domain)
    {
        var host = ToDomain(@namespace);
        return host == domain || host.EndsWith("." + domain, StringComparison.Ordinal);
    }

    private static string? ValidateLabels(string? value, string what, bool topLevelFirst)
    {
        if (string.IsNullOrEmpty(value))
            return $"the {what} is empty";
        if (value.Length > 253)
            return $"the {what} is longer than 253 characters";
        var labels = value.Split('.');
        if (labels.Length < 2)
            return $"the {what} \"{value}\" needs at least two dot-separated labels";
        foreach (var label in labels)
        {
            if (label.Length is 0 or > 63)
                return $"the {what} \"{value}\" has an empty label or one longer than 63 characters";
            if (label[0] == '-' || label[^1] == '-')
                return $"the {what} \"{value}\" has a label that starts or ends with a hyphen";
            if (!label.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-'))
                return $"the {what} \"{value}\" may hold only lower-case letters, digits, hyphens and dots";
        }
        var topLevel = topLevelFirst ? labels[0] : labels[^1];
        return topLevel.All(char.IsAsciiDigit) ? $"the {what} \"{value}\" has a numeric top-level label" : null;
    }
}
