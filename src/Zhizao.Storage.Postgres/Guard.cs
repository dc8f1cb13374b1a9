namespace Zhizao.Storage.Postgres;

/// <summary>Bounds on caller input, so that no single call can make the store hold or return unbounded data.</summary>
internal static class Guard
{
    /// <summary>Longest id, name or role of an API key, and longest short alarm field.</summary>
    public const int MaxShortText = 256;

    /// <summary>Longest alarm message.</summary>
    public const int MaxLongText = 4096;

    /// <summary>Largest secret hash or salt.</summary>
    public const int MaxSecretBytes = 1024;

    public static void Limit(int limit, string paramName)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit, paramName);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, PostgresStore.MaxReadLimit, paramName);
    }

    public static void Text(string value, int maxLength, string paramName)
    {
        ArgumentNullException.ThrowIfNull(value, paramName);
        if (value.Length > maxLength)
            throw new ArgumentException($"longer than {maxLength} characters", paramName);
    }

    public static void Bytes(byte[] value, string paramName)
    {
        ArgumentNullException.ThrowIfNull(value, paramName);
        if (value.Length > MaxSecretBytes)
            throw new ArgumentException($"longer than {MaxSecretBytes} bytes", paramName);
    }
}
