using System.Text;
using ChatBot.Core.Resources;

namespace ChatBot.Core.Dialogs.Actions;

/// <summary>How a window of the catalog is written in a message (Markdown; phone numbers as <c>tel:</c> links).</summary>
internal static class ResourceText
{
    public static string Entry(ResourceEntry entry, DialogActionContext context)
    {
        var locale = context.Locale;
        var text = new StringBuilder();
        text.Append("**").Append(entry.Name.For(locale)).Append("**");
        if (entry.Sample)
        {
            text.Append(context.Text("sample-mark"));
        }

        text.Append('\n').Append(entry.Services.For(locale));
        text.Append('\n').Append(context.Text("label-hours")).Append(entry.Hours.For(locale));
        if (entry.Phone is not null)
        {
            text.Append('\n').Append(context.Text("label-phone")).Append(Phone(entry.Phone));
        }

        if (entry.Web is not null)
        {
            text.Append('\n').Append(context.Text("label-web")).Append(entry.Web);
        }

        if (entry.Online is not null)
        {
            text.Append('\n').Append(context.Text("label-online")).Append(entry.Online.For(locale));
        }

        return text.ToString();
    }

    /// <summary><c>[0120-279-338](tel:0120279338)</c>: a tap calls the number on a phone.</summary>
    public static string Phone(string number) => $"[{number}](tel:{new string(number.Where(char.IsAsciiDigit).ToArray())})";
}
