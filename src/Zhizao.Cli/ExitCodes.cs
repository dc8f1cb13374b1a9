namespace Zhizao.Cli;

/// <summary>Exit codes of the zhizao command; scripts may rely on them.</summary>
public static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Ok = 0;
    /// <summary>An unexpected failure (a bug or an environment problem).</summary>
    public const int Failure = 1;
    /// <summary>Bad usage or invalid input (bad file, bad option).</summary>
    public const int InvalidInput = 2;
    /// <summary>The server could not be reached, or refused the key.</summary>
    public const int Unreachable = 3;
    /// <summary>The command ran but some of the data was rejected (counted and quarantined).</summary>
    public const int PartlyRejected = 4;
    /// <summary>What was asked for does not exist (plant, signal).</summary>
    public const int NotFound = 5;
}
