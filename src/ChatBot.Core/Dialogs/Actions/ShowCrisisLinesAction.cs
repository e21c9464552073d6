using System.Text;
using ChatBot.Core.Resources;
using ChatBot.Core.Triage;
using Microsoft.Extensions.Logging;

namespace ChatBot.Core.Dialogs.Actions;

/// <summary>
/// <c>show-crisis-lines</c>: the crisis lines open now (or, <c>with: { which: always }</c>, those open
/// 24 hours), from <see cref="ICrisisLineCatalog"/>, phone numbers as <c>tel:</c> links — and always
/// 110 and 119 for danger right now, even if the catalog cannot be read.
/// </summary>
internal sealed partial class ShowCrisisLinesAction : IDialogAction
{
    public const string Name = "show-crisis-lines";

    public static readonly IReadOnlyCollection<string> Arguments = ["which"];

    public static readonly IReadOnlyCollection<string> Texts = ["crisis-lines-intro", "always-lines-intro", "emergency-line"];

    private static readonly string[] EmergencyNumbers = ["110", "119"];

    private readonly ICrisisLineCatalog _catalog;
    private readonly ILogger<ShowCrisisLinesAction> _logger;

    public ShowCrisisLinesAction(ICrisisLineCatalog catalog, ILogger<ShowCrisisLinesAction> logger)
    {
        _catalog = catalog;
        _logger = logger;
    }

    public Task RunAsync(DialogActionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var alwaysOnly = context.Arguments.GetValueOrDefault("which") == "always";
        IReadOnlyList<CrisisLine> lines;
        try
        {
            lines = _catalog.OpenAt(context.Now);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The emergency numbers below must reach the person whatever happened to the catalog.
            LogCatalogFailed(_logger, ex);
            lines = [];
        }

        var shown = lines
            .Where(l => !alwaysOnly || l.AroundTheClock)
            .Where(l => l.Phone is null || !EmergencyNumbers.Contains(Digits(l.Phone)))
            .ToList();
        if (shown.Count > 0)
        {
            var text = new StringBuilder(context.Text(alwaysOnly ? "always-lines-intro" : "crisis-lines-intro"));
            foreach (var line in shown)
            {
                text.Append("\n- **").Append(Localized(line.Name, context.Locale)).Append("**");
                var hours = Localized(line.Hours, context.Locale);
                if (hours.Length > 0)
                {
                    var english = context.Locale == DialogLocales.English;
                    text.Append(english ? " (" : "（").Append(hours).Append(english ? ")" : "）");
                }

                if (line.Phone is not null)
                {
                    text.Append(' ').Append(ResourceText.Phone(line.Phone));
                }

                if (line.Url is not null)
                {
                    text.Append(' ').Append(line.Url);
                }
            }

            context.Say(text.ToString());
        }

        context.Say(context.Text("emergency-line"));
        return Task.CompletedTask;
    }

    private static string Digits(string phone) => new(phone.Where(char.IsAsciiDigit).ToArray());

    private static string Localized(IReadOnlyDictionary<string, string> values, string locale) =>
        values.TryGetValue(locale, out var text) ? text : values.TryGetValue(DialogLocales.Japanese, out var ja) ? ja : values.Values.FirstOrDefault() ?? string.Empty;

    [LoggerMessage(EventId = 1120, Level = LogLevel.Error, Message = "The crisis line catalog could not be read; only the emergency numbers were shown")]
    private static partial void LogCatalogFailed(ILogger logger, Exception exception);
}
