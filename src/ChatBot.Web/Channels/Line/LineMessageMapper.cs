using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Bot.Schema;

namespace ChatBot.Web.Channels.Line;

/// <summary>
/// Bot Framework activities to LINE message objects: text split within LINE's 5,000 UTF-16 units,
/// markdown links made plain (LINE shows no markdown; phone numbers become tappable by themselves),
/// and the last activity's suggested actions as quick replies (at most 13, labels within 20 characters)
/// on the last message, the only one LINE shows them on.
/// </summary>
internal static partial class LineMessageMapper
{
    public const int MaxTextLength = 5000;
    public const int MaxQuickReplies = 13;
    public const int MaxLabelGraphemes = 20;
    public const int MaxActionText = 300;
    public const int MessagesPerCall = 5;

    public static JsonArray ToMessages(IEnumerable<Activity> activities)
    {
        ArgumentNullException.ThrowIfNull(activities);
        var messages = new JsonArray();
        SuggestedActions? lastSuggestions = null;
        foreach (var activity in activities.Where(a => a.Type == ActivityTypes.Message))
        {
            var text = PlainText(activity.Text);
            var sender = CounsellorName(activity);
            foreach (var part in Split(text))
            {
                var message = new JsonObject { ["type"] = "text", ["text"] = part };
                if (sender is not null)
                {
                    // A counsellor's words show their display name, so the person knows a human is writing.
                    message["sender"] = new JsonObject { ["name"] = sender };
                }

                messages.Add(message);
            }

            lastSuggestions = activity.SuggestedActions?.Actions?.Count > 0 ? activity.SuggestedActions : null;
        }

        if (lastSuggestions is not null)
        {
            if (messages.Count == 0)
            {
                messages.Add(new JsonObject { ["type"] = "text", ["text"] = "…" });
            }

            var items = new JsonArray();
            foreach (var action in lastSuggestions.Actions.Take(MaxQuickReplies))
            {
                if (QuickReplyAction(action) is { } mapped)
                {
                    items.Add(new JsonObject { ["type"] = "action", ["action"] = mapped });
                }
            }

            if (items.Count > 0)
            {
                ((JsonObject)messages[^1]!)["quickReply"] = new JsonObject { ["items"] = items };
            }
        }

        return messages;
    }

    /// <summary>Cuts a message list into LINE calls of at most five messages.</summary>
    public static IEnumerable<JsonArray> Batches(JsonArray messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        for (var i = 0; i < messages.Count; i += MessagesPerCall)
        {
            var batch = new JsonArray();
            foreach (var message in messages.Skip(i).Take(MessagesPerCall))
            {
                batch.Add(message!.DeepClone());
            }

            yield return batch;
        }
    }

    /// <summary>Markdown links become "label (url)", or just the label for tel: links; emphasis marks go.</summary>
    public static string PlainText(string? markdown)
    {
        if (string.IsNullOrEmpty(markdown))
        {
            return string.Empty;
        }

        var text = MarkdownLink().Replace(markdown, m =>
        {
            var label = m.Groups["label"].Value;
            var url = m.Groups["url"].Value;
            return url.StartsWith("tel:", StringComparison.OrdinalIgnoreCase) || label == url ? label : $"{label} ( {url} )";
        });
        return text.Replace("**", string.Empty, StringComparison.Ordinal).Replace("__", string.Empty, StringComparison.Ordinal)
            .Replace("  \n", "\n", StringComparison.Ordinal); // Markdown hard line breaks
    }

    /// <summary>Splits at paragraph or line breaks where possible, never inside a surrogate pair.</summary>
    public static IEnumerable<string> Split(string text)
    {
        if (text.Length == 0)
        {
            yield break;
        }

        var rest = text;
        while (rest.Length > MaxTextLength)
        {
            var cut = rest.LastIndexOf('\n', MaxTextLength - 1);
            if (cut < MaxTextLength / 2)
            {
                cut = MaxTextLength;
                if (char.IsHighSurrogate(rest[cut - 1]))
                {
                    cut--;
                }
            }
            else
            {
                cut++;
            }

            yield return rest[..cut].TrimEnd('\n');
            rest = rest[cut..];
        }

        if (rest.Length > 0)
        {
            yield return rest;
        }
    }

    /// <summary>The counsellor's display name as LINE allows a sender name: at most 20 characters, never containing "LINE".</summary>
    public static string? CounsellorName(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var name = activity.Properties?[ChatBot.Core.Handoff.HandoffMiddleware.CounsellorProperty]?["name"]?.ToString();
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        name = name.Replace("LINE", string.Empty, StringComparison.OrdinalIgnoreCase).Trim();
        return name.Length == 0 ? null : Label(name);
    }

    public static string Label(string? title)
    {
        var label = (title ?? string.Empty).Trim();
        var graphemes = new StringInfo(label);
        return graphemes.LengthInTextElements <= MaxLabelGraphemes ? label : graphemes.SubstringByTextElements(0, MaxLabelGraphemes - 1) + "…";
    }

    private static JsonObject? QuickReplyAction(CardAction action)
    {
        var value = action.Value as string ?? action.Value?.ToString() ?? action.Title;
        var label = Label(action.Title ?? value);
        if (string.IsNullOrEmpty(label) || string.IsNullOrEmpty(value))
        {
            return null;
        }

        return action.Type switch
        {
            ActionTypes.ImBack or ActionTypes.MessageBack => new JsonObject { ["type"] = "message", ["label"] = label, ["text"] = Truncate(value, MaxActionText) },
            ActionTypes.PostBack => new JsonObject { ["type"] = "postback", ["label"] = label, ["data"] = Truncate(value, MaxActionText), ["displayText"] = Truncate(action.Title ?? value, MaxActionText) },
            ActionTypes.OpenUrl or ActionTypes.Call => new JsonObject { ["type"] = "uri", ["label"] = label, ["uri"] = value },
            _ => null,
        };
    }

    private static string Truncate(string value, int max)
    {
        if (value.Length <= max)
        {
            return value;
        }

        var cut = char.IsHighSurrogate(value[max - 1]) ? max - 1 : max;
        return value[..cut];
    }

    [GeneratedRegex(@"\[(?<label>[^\]\n]{1,200})\]\((?<url>[^)\s]{1,2000})\)", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex MarkdownLink();
}
