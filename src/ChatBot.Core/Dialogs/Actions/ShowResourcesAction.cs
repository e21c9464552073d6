using ChatBot.Core.Resources;
using ChatBot.Core.Triage;

namespace ChatBot.Core.Dialogs.Actions;

/// <summary>
/// <c>show-resources</c>: windows from the catalog that fit what the person said — their area (variable
/// <c>area</c>, a name they chose or typed), the kind of support (variable <c>need</c>, or
/// <c>with: { need: … }</c>), and the topics triage noticed (money → 生活の困りごと…).
/// </summary>
internal sealed class ShowResourcesAction : IDialogAction
{
    public const string Name = "show-resources";

    /// <summary><c>need</c>: the kind of support (default: the variable <c>need</c>); <c>limit</c>: how many (default 3); <c>intro: no</c>: no heading line.</summary>
    public static readonly IReadOnlyCollection<string> Arguments = ["need", "limit", "intro"];

    public static readonly IReadOnlyCollection<string> Texts =
        ["resources-intro", "resources-intro-area", "resources-none", "resources-area-unknown", "sample-mark", "sample-note", "label-hours", "label-phone", "label-web", "label-online"];

    private const int DefaultLimit = 3;

    public Task RunAsync(DialogActionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var catalog = context.Content.Resources;
        var state = context.State;
        var areaText = state.Vars.GetValueOrDefault("area");
        var area = catalog.FindArea(areaText);
        if (area is null && !string.IsNullOrWhiteSpace(areaText))
        {
            context.Say(context.Text("resources-area-unknown"));
        }

        var needs = new List<string>();
        var asked = context.Arguments.GetValueOrDefault("need") ?? state.Vars.GetValueOrDefault("need");
        if (asked is not null)
        {
            needs.Add(asked);
        }

        var topics = state.Topics.Select(t => Enum.TryParse<Topic>(t, ignoreCase: true, out var topic) ? topic : (Topic?)null).OfType<Topic>();
        needs.AddRange(catalog.NeedsForTopics(topics).Where(n => !needs.Contains(n)));
        var limit = int.TryParse(context.Arguments.GetValueOrDefault("limit"), out var l) && l > 0 ? l : DefaultLimit;
        var found = catalog.Search(area, needs, limit);
        if (found.Count == 0)
        {
            // Nothing for this need here: the general windows, which can point further.
            found = catalog.Search(area, ["window"], limit);
        }

        if (found.Count == 0)
        {
            context.Say(context.Text("resources-none"));
            return Task.CompletedTask;
        }

        if (context.Arguments.GetValueOrDefault("intro") != "no")
        {
            context.Say(area is null
                ? context.Text("resources-intro")
                : context.Text("resources-intro-area").Replace("{area}", area.Name.For(context.Locale), StringComparison.Ordinal));
        }
        foreach (var entry in found)
        {
            context.Say(ResourceText.Entry(entry, context.Locale, context.Content.Texts));
        }

        if (found.Any(e => e.Sample))
        {
            context.Say(context.Text("sample-note"));
        }

        return Task.CompletedTask;
    }
}
