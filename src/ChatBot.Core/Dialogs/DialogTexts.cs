namespace ChatBot.Core.Dialogs;

/// <summary>The bot's own sentences that belong to no flow (from <c>dialogs/texts.yaml</c>): "I did not understand", headings of lists…</summary>
public sealed class DialogTexts
{
    private readonly IReadOnlyDictionary<string, LocalizedText> _texts;

    public DialogTexts(IReadOnlyDictionary<string, LocalizedText> texts)
    {
        _texts = texts;
    }

    public IReadOnlyDictionary<string, LocalizedText> All => _texts;

    public bool Contains(string key) => _texts.ContainsKey(key);

    /// <summary>The text for <paramref name="key"/>; the validator guarantees every key the code uses exists.</summary>
    public string Get(string key, string locale) =>
        _texts.TryGetValue(key, out var text) ? text.For(locale) : throw new KeyNotFoundException($"dialogs/texts.yaml has no text '{key}'.");
}
