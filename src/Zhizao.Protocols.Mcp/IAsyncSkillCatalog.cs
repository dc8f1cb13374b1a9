using Zhizao.Core.Access;

namespace Zhizao.Protocols.Mcp;

/// <summary>
/// A skill gateway whose callable list has to be fetched (a remote server): the MCP server asks it instead of the synchronous
/// <see cref="ISkillGateway.ListCallable"/>, so that <c>tools/list</c> is always current and never blocks a thread on I/O.
/// </summary>
public interface IAsyncSkillCatalog
{
    /// <summary>Exactly the skills the gateway would not refuse by policy for this caller, fetched now.</summary>
    Task<IReadOnlyList<CallableSkill>> ListCallableAsync(Principal caller, CancellationToken cancellationToken);
}
