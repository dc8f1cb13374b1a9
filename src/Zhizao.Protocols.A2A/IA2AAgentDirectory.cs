using Zhizao.Core.Access;
using Zhizao.Protocols.A2A.Cards;

namespace Zhizao.Protocols.A2A;

/// <summary>
/// Where the A2A endpoints find agents and their cards (the registry implements it). Cards may be signed: the directory
/// returns the final card, with <see cref="AgentCard.SupportedInterfaces"/> already pointing at <c>jsonRpcUrl</c>
/// (see <see cref="A2ACards.Interfaces"/>), so that the signature covers what is served.
/// </summary>
public interface IA2AAgentDirectory
{
    /// <summary>Ids of the agents served over A2A (reverse-DNS, e.g. <c>cn.zhizao/scheduler</c>).</summary>
    ValueTask<IReadOnlyList<string>> ListAgentIdsAsync(CancellationToken cancellationToken);

    /// <summary>
    /// The card of <paramref name="agentId"/> as served at <paramref name="jsonRpcUrl"/>, or null when no such agent is
    /// served to <paramref name="caller"/> (null caller: an anonymous card request).
    /// </summary>
    ValueTask<AgentCard?> GetCardAsync(string agentId, Principal? caller, Uri jsonRpcUrl, CancellationToken cancellationToken);
}
