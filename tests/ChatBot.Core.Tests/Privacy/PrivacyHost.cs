using ChatBot.Core.Content;
using ChatBot.Core.Privacy;
using ChatBot.Core.Retention;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ChatBot.Core.Tests.Privacy;

/// <summary>A generic host with only the privacy services, started as the real service would be.</summary>
internal static class PrivacyHost
{
    public static IHost Build(IDictionary<string, string?> settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddOptions<ContentOptions>().Bind(builder.Configuration.GetSection(ContentOptions.SectionName));
        builder.Services.AddOptions<RetentionOptions>().Bind(builder.Configuration.GetSection(RetentionOptions.SectionName));
        builder.Services.AddPrivacy(builder.Configuration);
        return builder.Build();
    }

    public static async Task<Exception> StartFailsAsync(IDictionary<string, string?> settings)
    {
        using var host = Build(settings);
        return await Assert.ThrowsAnyAsync<Exception>(() => host.StartAsync(CancellationToken.None));
    }
}
