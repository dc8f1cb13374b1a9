namespace Zhizao.Simulation.Models;

/// <summary>
/// xoshiro256** with Box–Muller normals: fast, allocation-free and, unlike <see cref="Random"/>, specified here so
/// that a seed gives the same numbers on every runtime. Each signal, machine and data set draws from its own
/// stream (seed + a stable key), so adding a signal never changes the values of the others.
/// It is a mutable struct: keep it in a field and never copy it.
/// </summary>
internal struct SimRandom
{
    private ulong _s0, _s1, _s2, _s3;
    private double _spare;
    private bool _hasSpare;

    /// <summary>A stream for <paramref name="seed"/> and a stable <paramref name="key"/> (such as a signal path).</summary>
    public SimRandom(int seed, string key)
    {
        var x = ((ulong)(uint)seed << 32) ^ StableHash(key);
        _s0 = SplitMix(ref x);
        _s1 = SplitMix(ref x);
        _s2 = SplitMix(ref x);
        _s3 = SplitMix(ref x);
        _spare = 0;
        _hasSpare = false;
    }

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        var result = ulong.RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = ulong.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [min, max).</summary>
    public double Uniform(double min, double max) => min + ((max - min) * NextDouble());

    /// <summary>Uniform integer in [min, max] (inclusive).</summary>
    public int Between(int min, int max) => min + (int)(NextDouble() * (max - min + 1));

    /// <summary>Standard normal.</summary>
    public double Gaussian()
    {
        if (_hasSpare)
        {
            _hasSpare = false;
            return _spare;
        }
        double u;
        do
            u = NextDouble();
        while (u <= double.Epsilon);
        var radius = Math.Sqrt(-2 * Math.Log(u));
        var (sin, cos) = Math.SinCos(2 * Math.PI * NextDouble());
        _spare = radius * sin;
        _hasSpare = true;
        return radius * cos;
    }

    /// <summary>FNV-1a: stable across processes and runtimes, unlike <see cref="string.GetHashCode()"/>.</summary>
    private static ulong StableHash(string key)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in key)
        {
            hash ^= c;
            hash *= 1099511628211UL;
        }
        return hash;
    }

    private static ulong SplitMix(ref ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        var z = x;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
