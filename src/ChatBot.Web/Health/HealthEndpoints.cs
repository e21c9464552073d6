using ChatBot.Core.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ChatBot.Web.Health;

internal static class HealthEndpoints
{
    public static IServiceCollection AddChatBotHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        return services;
    }

    /// <summary><c>GET /healthz</c>: 200 "Healthy" once the database answers, 503 otherwise.</summary>
    public static IEndpointRouteBuilder MapChatBotHealthChecks(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/healthz");
        return endpoints;
    }

    private sealed class DatabaseHealthCheck(SqliteDatabase database) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                await using var connection = await database.OpenAsync(cancellationToken);
                await using var command = connection.CreateCommand();
                command.CommandText = "SELECT 1";
                await command.ExecuteScalarAsync(cancellationToken);
                return HealthCheckResult.Healthy();
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                return HealthCheckResult.Unhealthy("The database does not answer.");
            }
        }
    }
}
