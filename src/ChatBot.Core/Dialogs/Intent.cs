namespace ChatBot.Core.Dialogs;

/// <summary>
/// Something a person can say at any moment ("やめる", "人と話したい", "English") that interrupts the
/// flow and starts <see cref="Flow"/>; the place they were at is kept so they can pick up again.
/// </summary>
/// <param name="Phrases">Whole messages, per language, that mean this intent (any language matches at any time).</param>
/// <param name="Contains">Distinctive phrases that mean this intent anywhere inside a message.</param>
public sealed record Intent(
    string Id,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Phrases,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Contains,
    string Flow,
    SourceLocation Where);
