namespace ChatBot.Core.Dialogs;

/// <summary>A text written in every supported language (<see cref="DialogLocales.All"/>).</summary>
public sealed record LocalizedText(IReadOnlyDictionary<string, string> Values, SourceLocation Where)
{
    /// <summary>The text in <paramref name="locale"/>, falling back to Japanese.</summary>
    public string For(string locale) =>
        Values.TryGetValue(locale, out var text) ? text
        : Values.TryGetValue(DialogLocales.Japanese, out var ja) ? ja
        : string.Empty;

    public IEnumerable<string> All => Values.Values;
}
