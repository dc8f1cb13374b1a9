using Zhizao.Core.Access;
using Zhizao.Core.Agents;
using Zhizao.Protocols.A2A.Cards;

namespace Zhizao.Protocols.A2A.Tests.Infrastructure;

/// <summary>Cards of the test agents, built as the registry would (interfaces at the given URL, bearer security).</summary>
internal sealed class TestDirectory(IReadOnlyList<IAgent> agents) : IA2AAgentDirectory
{
    public ValueTask<IReadOnlyList<string>> ListAgentIdsAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<string>>([.. agents.Select(a => a.Descriptor.Id)]);

    public ValueTask<AgentCard?> GetCardAsync(string agentId, Principal? caller, Uri jsonRpcUrl, CancellationToken cancellationToken)
    {
        var descriptor = agents.FirstOrDefault(a => a.Descriptor.Id == agentId)?.Descriptor;
        return ValueTask.FromResult(descriptor is null ? null : new AgentCard
        {
            Name = descriptor.Name.En,
            Description = descriptor.Description.En,
            Version = descriptor.Version,
            SupportedInterfaces = A2ACards.Interfaces(jsonRpcUrl),
            SecuritySchemes = A2ACards.SecuritySchemes(),
            SecurityRequirements = A2ACards.SecurityRequirements(),
            Skills = [.. descriptor.Skills.Select(s => new AgentSkill { Id = s.Name, Name = s.Name, Description = s.Description.En })],
        });
    }
}
