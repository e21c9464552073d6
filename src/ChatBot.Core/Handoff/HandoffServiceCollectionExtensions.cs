using ChatBot.Core.Content;
using ChatBot.Core.Counsellors;
using ChatBot.Core.Dialogs;
using ChatBot.Core.Retention;
using ChatBot.Core.Storage;
using Microsoft.Bot.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ChatBot.Core.Handoff;

public static class HandoffServiceCollectionExtensions
{
    /// <summary>
    /// The handoff to human counsellors: consent, queue, relay, counsellor accounts and presence, and the
    /// <see cref="HandoffMiddleware"/> registered as an <see cref="IMiddleware"/> for every adapter to <c>Use</c>.
    /// The background loops (reassurance, status events) are in <see cref="AddHandoffBackgroundServices"/>.
    /// </summary>
    public static IServiceCollection AddHandoff(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<HandoffOptions>()
            .Bind(configuration.GetSection(HandoffOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<SqlSchema>(HandoffStore.Schema);
        services.AddSingleton<SqlSchema>(CounsellorDirectory.Schema);
        services.AddSingleton<HandoffStore>();
        services.AddSingleton<IConversationDataStore>(sp => sp.GetRequiredService<HandoffStore>());
        services.AddSingleton(sp => HandoffTexts.Load(sp.GetRequiredService<IOptions<ContentOptions>>()));
        services.AddSingleton<ICounsellorDirectory, CounsellorDirectory>();
        services.AddSingleton<ICounsellorPresence, CounsellorPresence>();
        services.AddSingleton<HandoffAvailability>();
        // One notion of availability for the dialogs and the queue: the office hours AND someone signed in.
        services.TryAddSingleton<OfficeHoursAvailability>();
        services.Replace(ServiceDescriptor.Singleton<ICounsellorAvailability, OnDutyAvailability>());
        services.AddSingleton<HandoffNotifications>();
        services.AddSingleton<HandoffStatusOutbox>();
        services.AddSingleton<HandoffService>();
        services.AddSingleton<IHandoffService>(sp => sp.GetRequiredService<HandoffService>());
        services.AddSingleton<ICounsellorDesk, CounsellorDesk>();
        // Replaces the dialogs' list of windows open now: a flow's `action: handoff` asks for consent to reach a counsellor here.
        services.AddDialogAction<HandoffOfferAction>(HandoffOfferAction.Name);
        services.AddSingleton<HandoffReassurance>();
        services.AddSingleton<IMiddleware>(sp => new HandoffMiddleware(
            sp.GetRequiredService<HandoffService>(),
            sp.GetRequiredService<HandoffStore>(),
            sp.GetRequiredService<HandoffTexts>(),
            sp.GetRequiredService<IOptions<HandoffOptions>>()));
        // The texts are read and checked when the host starts: a broken file stops the service with its name.
        services.AddHostedService<HandoffContentCheck>();
        return services;
    }

    /// <summary>Reassuring people who wait, and delivering <c>handoff.status</c> events, inside a long-running host.</summary>
    public static IServiceCollection AddHandoffBackgroundServices(this IServiceCollection services)
    {
        services.AddHostedService(sp => sp.GetRequiredService<HandoffReassurance>());
        services.AddHostedService(sp => sp.GetRequiredService<HandoffStatusOutbox>());
        return services;
    }

    private sealed class HandoffContentCheck(HandoffTexts texts) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            _ = texts.Locales;
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
