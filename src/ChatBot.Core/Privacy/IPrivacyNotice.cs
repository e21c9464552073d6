namespace ChatBot.Core.Privacy;

/// <summary>
/// The privacy notice people are shown before they say anything (linked from the welcome), in Japanese
/// and English. Its <see cref="Version"/> is stored with each consent, so it is always known which
/// wording a person agreed to.
/// </summary>
public interface IPrivacyNotice
{
    /// <summary>The version of the notice (the same in every language), e.g. <c>2026-11-28</c>.</summary>
    string Version { get; }

    /// <summary>The languages the notice is written in (<c>ja</c>, <c>en</c>).</summary>
    IReadOnlyList<string> Languages { get; }

    /// <summary>The notice as Markdown in the language of <paramref name="locale"/>; Japanese when that language is not available.</summary>
    string Text(string? locale);
}
