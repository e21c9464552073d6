using ChatBot.Core.Counsellors;
using ChatBot.Core.Dialogs.Actions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ChatBot.Core.Dialogs;

public static class DialogsServiceCollectionExtensions
{
    /// <summary>
    /// The dialog engine over the flows of <c>dialogs/</c>, its built-in actions, and counsellor office
    /// hours. The content is loaded and validated when the host starts; a broken flow set stops it.
    /// </summary>
    public static IServiceCollection AddDialogs(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<DialogOptions>().Bind(configuration.GetSection(DialogOptions.SectionName));
        services.AddOptions<OfficeHoursOptions>().Bind(configuration.GetSection(OfficeHoursOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<OfficeHoursOptions>, OfficeHoursOptionsValidator>());
        services.TryAddSingleton<ICounsellorAvailability, OfficeHoursAvailability>();

        services.TryAddSingleton<DialogActionRegistry>();
        services.TryAddSingleton<IDialogContentProvider, DialogContentProvider>();
        services.TryAddSingleton<IDialogEngine, DialogEngine>();
        services.AddHostedService<DialogContentStartupCheck>();

        services.AddDialogAction<ShowResourcesAction>(ShowResourcesAction.Name, ShowResourcesAction.Arguments, ShowResourcesAction.Texts);
        services.AddDialogAction<OpenWindowsAction>(OpenWindowsAction.Name, texts: OpenWindowsAction.Texts);
        services.AddDialogAction<ShowCrisisLinesAction>(ShowCrisisLinesAction.Name, ShowCrisisLinesAction.Arguments, ShowCrisisLinesAction.Texts);
        services.AddDialogAction<DeleteMyDataAction>("delete-my-data");
        services.AddDialogAction<SwitchLanguageAction>("switch-language", ["to"]);
        services.AddDialogAction<EndAction>("end");
        return services;
    }
}

/// <summary>Loads and validates the dialog content as the host starts: the service refuses to start on a broken flow set.</summary>
internal sealed class DialogContentStartupCheck(IDialogContentProvider content) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = content.Current;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
