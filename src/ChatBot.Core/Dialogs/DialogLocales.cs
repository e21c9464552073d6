namespace ChatBot.Core.Dialogs;

/// <summary>The languages every text is written in. Japanese first: it is the default.</summary>
public static class DialogLocales
{
    public const string Japanese = "ja";
    public const string English = "en";

    public static IReadOnlyList<string> All { get; } = [Japanese, English];

    /// <summary>English when a channel's locale starts with "en", Japanese otherwise.</summary>
    public static string FromActivity(string? locale) =>
        locale is not null && locale.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? English : Japanese;

    public static bool IsSupported(string? locale) => locale is Japanese or English;
}
