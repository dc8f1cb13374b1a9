using System.Text.Json.Serialization;

namespace Zhizao.Core.Access;

/// <summary>How far a publisher's identity has been checked. The grade policy caps what an agent may do by its publisher's level.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<IdentityLevel>))]
public enum IdentityLevel
{
    /// <summary>The publisher says who it is; nobody checked.</summary>
    SelfAsserted = 1,
    /// <summary>The publisher proved control of a domain (well-known HTTP file or DNS TXT record).</summary>
    DomainVerified = 2,
    /// <summary>A platform administrator approved the organisation.</summary>
    OrganizationVerified = 3,
}
