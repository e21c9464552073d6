using System.Net;
using ChatBot.Web.Tests.Hosting;

namespace ChatBot.Web.Tests.Health;

public sealed class HealthEndpointTests
{
    [Fact]
    public async Task Healthz_answers_200_once_the_database_is_ready()
    {
        await using var server = ChatBotServer.Start();
        using var client = server.CreateClient();

        using var response = await client.GetAsync(new Uri("/healthz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
        Assert.True(File.Exists(server.DatabasePath));
    }
}
