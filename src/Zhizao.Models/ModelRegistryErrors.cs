namespace Zhizao.Models;

/// <summary>An unknown model, version, stage alias or artifact.</summary>
public sealed class ModelNotFoundException : KeyNotFoundException
{
    /// <summary>Creates the error for <paramref name="name"/> (and <paramref name="version"/>, when one was asked for).</summary>
    public ModelNotFoundException(string name, string? version, string message)
        : base(message)
    {
        Name = name;
        Version = version;
    }

    /// <summary>The model name asked for.</summary>
    public string Name { get; }

    /// <summary>The version or alias asked for, or <c>null</c> when the model itself is unknown.</summary>
    public string? Version { get; }
}

/// <summary>A stored model whose card or artifact does not match what was registered (tampered or damaged).</summary>
public sealed class ModelIntegrityException : IOException
{
    /// <summary>Creates the error for the version <paramref name="version"/> of <paramref name="name"/>.</summary>
    public ModelIntegrityException(string name, int version, string message)
        : base(message)
    {
        Name = name;
        Version = version;
    }

    /// <summary>The model name.</summary>
    public string Name { get; }

    /// <summary>The version.</summary>
    public int Version { get; }
}

/// <summary>An operation the version's stage forbids, e.g. deleting the production version.</summary>
public sealed class ModelStageException(string message) : InvalidOperationException(message);
