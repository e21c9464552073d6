using ChatBot.Core.Content;
using ChatBot.Core.Dialogs.Content;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatBot.Core.Dialogs;

/// <summary>The validated content of <c>dialogs/</c>, loaded once.</summary>
public interface IDialogContentProvider
{
    /// <summary>The content; throws <see cref="DialogContentException"/> (with every error) when it does not validate.</summary>
    DialogContent Current { get; }

    /// <summary>Loads and validates the folder again without keeping the result (for <c>chatbot dialogs validate</c>).</summary>
    DialogContentLoadResult Check();
}

internal sealed partial class DialogContentProvider : IDialogContentProvider
{
    private readonly ContentOptions _options;
    private readonly DialogActionRegistry _actions;
    private readonly ILogger<DialogContentProvider> _logger;
    private readonly Lazy<DialogContent> _current;

    public DialogContentProvider(IOptions<ContentOptions> options, DialogActionRegistry actions, ILogger<DialogContentProvider> logger)
    {
        _options = options.Value;
        _actions = actions;
        _logger = logger;
        _current = new Lazy<DialogContent>(LoadOrThrow, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public DialogContent Current => _current.Value;

    public DialogContentLoadResult Check() =>
        DialogContentLoader.Load(ContentPaths.Dialogs(_options), _actions.Registrations, DialogEngine.RequiredTexts);

    private DialogContent LoadOrThrow()
    {
        var result = Check();
        if (result.Content is null)
        {
            LogInvalid(_logger, result.Errors.Count);
            throw new DialogContentException(result.Errors);
        }

        LogLoaded(_logger, result.Content.Flows.Count, result.Content.Resources.Entries.Count, result.Content.Root);
        return result.Content;
    }

    [LoggerMessage(EventId = 1100, Level = LogLevel.Information, Message = "Dialog content loaded: {FlowCount} flows, {ResourceCount} resources from {Root}")]
    private static partial void LogLoaded(ILogger logger, int flowCount, int resourceCount, string root);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Critical, Message = "Dialog content has {ErrorCount} error(s); the bot will not start on it")]
    private static partial void LogInvalid(ILogger logger, int errorCount);
}
