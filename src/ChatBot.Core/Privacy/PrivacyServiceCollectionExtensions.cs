using ChatBot.Core.Content;
using ChatBot.Core.Retention;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ChatBot.Core.Privacy;

public static class PrivacyServiceCollectionExtensions
{
    /// <summary>
    /// The redactor chosen by <c>Privacy:Redactor</c> (the local one by default; Azure AI Language joined
    /// with it when configured), the pseudonymiser and the privacy notice, all checked at start. The notice
    /// states the retention period of <see cref="RetentionOptions.ConversationDays"/>, so it always matches the purge.
    /// </summary>
    public static IServiceCollection AddPrivacy(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<PrivacyOptions>()
            .Bind(configuration.GetSection(PrivacyOptions.SectionName))
            .Configure(o =>
            {
                if (configuration["DataDirectory"] is { Length: > 0 } dataDirectory)
                {
                    o.DataDirectory = dataDirectory;
                }
            })
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PrivacyOptions>, PrivacyOptionsValidator>());

        services.AddSingleton(sp => RedactionLexicon.Load(Dialogs(sp)));
        services.AddSingleton<LocalRedactor>();
        services.AddHttpClient(AzureLanguageRedactor.HttpClientName);
        services.AddSingleton<AzureLanguageRedactor>();
        services.AddSingleton<IRedactor>(sp => CapturingRedactor.Around(
            sp.GetRequiredService<IOptions<PrivacyOptions>>().Value.Redactor == RedactorKind.AzureLanguage
                ? sp.GetRequiredService<AzureLanguageRedactor>()
                : sp.GetRequiredService<LocalRedactor>(),
            sp.GetServices<IInboundCapture>()));

        services.AddSingleton<PseudonymKey>();
        services.AddSingleton<IPseudonymizer, HmacPseudonymizer>();
        services.AddSingleton<IPrivacyNotice>(sp => PrivacyNotice.Load(
            Dialogs(sp),
            sp.GetRequiredService<IOptions<PrivacyOptions>>().Value,
            sp.GetRequiredService<IOptions<RetentionOptions>>().Value.ConversationDays,
            sp.GetService<IOptions<Assistance.AiOptions>>()?.Value.Enabled ?? false));
        services.AddSingleton<Microsoft.Bot.Builder.IMiddleware, RedactionMiddleware>();
        services.AddHostedService<PrivacyStartupCheck>();
        return services;
    }

    private static string Dialogs(IServiceProvider services) =>
        ContentPaths.Dialogs(services.GetRequiredService<IOptions<ContentOptions>>().Value);
}
