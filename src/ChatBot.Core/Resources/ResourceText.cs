using System.Text;
using ChatBot.Core.Dialogs;

namespace ChatBot.Core.Resources;

/// <summary>
/// How a window of the catalog is written in a message (Markdown; phone numbers as <c>tel:</c> links): the same
/// words whether the bot shows it in a flow or a counsellor sends it from the console.
/// </summary>
public static class ResourceText
{
    /// <summary>A Markdown hard line break: Web Chat joins plain newlines into one paragraph.</summary>
    private const string Break = "  \n";

    public static string Entry(ResourceEntry entry, string locale, DialogTexts texts)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(texts);
        var text = new StringBuilder();
        text.Append("**").Append(entry.Name.For(locale)).Append("**");
        if (entry.Sample)
        {
            text.Append(texts.Get("sample-mark", locale));
        }

        text.Append(Break).Append(entry.Services.For(locale));
        text.Append(Break).Append(texts.Get("label-hours", locale)).Append(entry.Hours.For(locale));
        if (entry.Phone is not null)
        {
            text.Append(Break).Append(texts.Get("label-phone", locale)).Append(Phone(entry.Phone));
        }

        if (entry.Web is not null)
        {
            text.Append(Break).Append(texts.Get("label-web", locale)).Append(entry.Web);
        }

        if (entry.Online is not null)
        {
            text.Append(Break).Append(texts.Get("label-online", locale)).Append(entry.Online.For(locale));
        }

        return text.ToString();
    }

    /// <summary><c>[0120-279-338](tel:0120279338)</c>: a tap calls the number on a phone.</summary>
    public static string Phone(string number) => $"[{number}](tel:{new string(number.Where(char.IsAsciiDigit).ToArray())})";
}
