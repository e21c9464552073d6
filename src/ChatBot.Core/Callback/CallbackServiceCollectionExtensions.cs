using ChatBot.Core.Content;
using ChatBot.Core.Dialogs;
using ChatBot.Core.Privacy;
using ChatBot.Core.Retention;
using ChatBot.Core.Storage;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ChatBot.Core.Callback;

public static class CallbackServiceCollectionExtensions
{
    /// <summary>
    /// The call-back step: its consent text (checked at start), the encrypted contact store (reached by delete-my-data
    /// and the retention purge), the capture of the contact before redaction, the flow's actions and the counsellors' desk.
    /// Contacts are encrypted with ASP.NET Core Data Protection, the host's key ring (the LINE routes use the same).
    /// </summary>
    public static IServiceCollection AddCallbacks(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<CallbackOptions>()
            .Bind(configuration.GetSection(CallbackOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddDataProtection();
        services.AddSingleton<SqlSchema>(CallbackStore.Schema);
        services.AddSingleton<CallbackStore>();
        services.AddSingleton<IConversationDataStore>(sp => sp.GetRequiredService<CallbackStore>());
        services.AddSingleton(sp => CallbackNotice.Load(
            ContentPaths.Dialogs(sp.GetRequiredService<IOptions<ContentOptions>>().Value),
            sp.GetRequiredService<IOptions<CallbackOptions>>().Value.MaxDays));
        services.AddSingleton<IInboundCapture, CallbackCapture>();
        services.AddSingleton<ICallbackDesk, CallbackDesk>();

        services.AddDialogAction<CallbackOfferAction>(CallbackOfferAction.Name);
        services.AddDialogAction<CallbackConsentAction>(CallbackConsentAction.Name);
        services.AddDialogAction<CallbackAwaitContactAction>(CallbackAwaitContactAction.Name);
        services.AddDialogAction<CallbackContactAction>(CallbackContactAction.Name);
        services.AddDialogAction<CallbackWindowAction>(CallbackWindowAction.Name);
        services.AddDialogAction<CallbackWithdrawAction>(CallbackWithdrawAction.Name);
        // The consent text is read and checked when the host starts: a broken file stops the service with its name.
        services.AddHostedService<CallbackContentCheck>();
        return services;
    }

    private sealed class CallbackContentCheck(CallbackNotice notice) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            _ = notice.Text("ja");
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
