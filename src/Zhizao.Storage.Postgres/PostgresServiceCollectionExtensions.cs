using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Zhizao.Core.Storage;

namespace Zhizao.Storage.Postgres;

/// <summary>Registers the PostgreSQL store.</summary>
public static class PostgresServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="PostgresStore"/> as the singleton <see cref="IStore"/>. The host still calls
    /// <see cref="IStore.InitializeAsync"/> at start-up.
    /// </summary>
    public static IServiceCollection AddZhizaoPostgresStore(this IServiceCollection services, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        services.AddSingleton<IStore>(provider => new PostgresStore(
            connectionString,
            provider.GetService<ILogger<PostgresStore>>() ?? NullLogger<PostgresStore>.Instance,
            provider.GetService<TimeProvider>()));
        return services;
    }
}
