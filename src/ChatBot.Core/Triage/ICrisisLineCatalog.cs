namespace ChatBot.Core.Triage;

/// <summary>The crisis lines of <c>dialogs/crisis-lines.yaml</c>.</summary>
public interface ICrisisLineCatalog
{
    /// <summary>The lines open at <paramref name="at"/>: 110/119 first, then those open around the clock, then the rest.</summary>
    IReadOnlyList<CrisisLine> OpenAt(DateTimeOffset at);
}

/// <param name="Always">Shown whatever else is shown (110 and 119).</param>
/// <param name="AroundTheClock">Open 24 hours every day (「24時間ひらいている相談先」).</param>
public sealed record CrisisLine(string Id, IReadOnlyDictionary<string, string> Name, string? Phone, string? Url, IReadOnlyDictionary<string, string> Hours, bool Always, bool AroundTheClock = false);
