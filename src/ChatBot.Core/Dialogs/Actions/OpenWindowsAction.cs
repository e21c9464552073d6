using ChatBot.Core.Hours;
using ChatBot.Core.Resources;

namespace ChatBot.Core.Dialogs.Actions;

/// <summary>
/// <c>open-windows</c>: the windows of the catalog (phone, online, in person) that are open now, with their
/// hours and how to reach them; when none is, when the next one opens. Used when no counsellor can chat now.
/// </summary>
internal sealed class OpenWindowsAction : IDialogAction
{
    public const string Name = "open-windows";

    public static readonly IReadOnlyCollection<string> Texts =
        ["open-now-intro", "open-now-none", "open-next", "sample-mark", "sample-note", "label-hours", "label-phone", "label-web", "label-online"];

    private const int MostShown = 3;

    public Task RunAsync(DialogActionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var content = context.Content;
        var catalog = content.Resources;
        var area = catalog.FindArea(context.State.Vars.GetValueOrDefault("area"));
        var open = catalog.OpenAt(context.LocalNow, content.Holidays, area).Take(MostShown).ToList();
        if (open.Count > 0)
        {
            context.Say(context.Text("open-now-intro"));
            foreach (var entry in open)
            {
                context.Say(ResourceText.Entry(entry, context.Locale, context.Content.Texts));
            }
        }
        else
        {
            context.Say(context.Text("open-now-none"));
            if (catalog.NextOpening(context.LocalNow, content.Holidays, area) is { } next)
            {
                context.Say(context.Text("open-next")
                    .Replace("{next}", HoursText.Moment(next.At, context.LocalNow, context.Locale), StringComparison.Ordinal)
                    .Replace("{name}", next.Entry.Name.For(context.Locale), StringComparison.Ordinal));
                open.Add(next.Entry);
                context.Say(ResourceText.Entry(next.Entry, context.Locale, context.Content.Texts));
            }
        }

        if (open.Any(e => e.Sample))
        {
            context.Say(context.Text("sample-note"));
        }

        return Task.CompletedTask;
    }
}
