namespace Zhizao.Server;

/// <summary>Authorization policies by role. Every API route requires at least an authenticated caller.</summary>
public static class Policies
{
    /// <summary>Admins only (keys).</summary>
    public const string Admin = "admin";

    /// <summary>Admins and engineers (plant files).</summary>
    public const string Engineer = "engineer";

    /// <summary>Roles that may act on alarms and invoke skills.</summary>
    public const string Operator = "operator";

    /// <summary>Roles that may write points (devices, agents, engineers, admins).</summary>
    public const string Writer = "writer";

    /// <summary>Registers the policies.</summary>
    public static void Add(Microsoft.AspNetCore.Authorization.AuthorizationBuilder builder)
    {
        builder.AddPolicy(Admin, p => p.RequireRole("admin"));
        builder.AddPolicy(Engineer, p => p.RequireRole("admin", "engineer"));
        builder.AddPolicy(Operator, p => p.RequireRole("admin", "engineer", "operator", "agent"));
        builder.AddPolicy(Writer, p => p.RequireRole("admin", "engineer", "device", "agent"));
    }
}
