using System.Text.RegularExpressions;

namespace ChatBot.Core.Privacy;

/// <summary>
/// Finds names people give for themselves or their family. Only names introduced as names are
/// redacted; the word lists come from <c>redaction-lexicon.yaml</c>.
/// <list type="bullet">
/// <item>After a label: 名前は / 本名は / 名字は / 氏名は … 花子です, 「My name is John」, "my son's name is Tom".</item>
/// <item>Before a naming verb: 山田といいます, 佐藤と申します, 高橋って言います, ケンと呼んでください — at the start
/// of a sentence, after 、。 or の, or after 私は/僕は (not 「それを引きこもりといいます」).</item>
/// <item>After 私は / 僕は / 俺は … です, or after a greeting (こんにちは、山本です): only a word that starts
/// with a known surname or is two or three kanji ending like a given name (田中太郎, 健太) —
/// 「私は大丈夫です」 stays. A message that opens with a surname and です (田中です。) counts too.</item>
/// <item>A hiragana given name before と申します (ゆうと申します).</item>
/// <item>After I'm / I am / call me: a capitalised word not in the English not-names list — "I'm tired",
/// "I'm Japanese" stay.</item>
/// </list>
/// </summary>
internal sealed class NameDetector(RedactionLexicon lexicon)
{
    private const RegexOptions Options = RegexOptions.NonBacktracking | RegexOptions.CultureInvariant;
    private const string Kanji = "[\\p{IsCJKUnifiedIdeographs}々]";
    private const string KanjiName = Kanji + "{1,4}(?: ?" + Kanji + "{1,4})?";
    private const string KatakanaName = "[\\p{IsKatakana}ー・]{2,10}";

    private static readonly Regex Labelled = new(
        "(?:名前|なまえ|本名|名字|苗字|氏名|フルネーム)は ?(?<name>" + KanjiName + "|" + KatakanaName + "|\\p{IsHiragana}{2,5}?)"
        + "(?:です|でーす|だ|と申|とい|と言|って|と呼|[。、！!？?\\s]|$)",
        Options);

    private static readonly Regex BeforeVerb = new(
        "(?<name>" + KanjiName + "|" + KatakanaName + ")(?:と申します|と申す|といいます|と言います|っていいます|って言います|っていう者|と呼んで)",
        Options);

    private static readonly Regex HiraganaBeforeVerb = new(
        "(?<name>\\p{IsHiragana}{2,4}?)(?:と申します|と申す)",
        Options);

    private static readonly Regex AfterGreeting = new(
        "(?:こんにちは|こんにちわ|こんばんは|こんばんわ|はじめまして|初めまして|おはようございます|夜分にすみません|夜分に失礼します)[、。!！ ]*(?<name>" + KanjiName + ")(?:です|でーす|と申|とい|と言|って)",
        Options);

    private static readonly Regex OpeningSentence = new(
        "(?:^|。)(?<name>" + KanjiName + ")(?:です|でーす)(?:[。!！、]|$)",
        Options);

    private static readonly Regex AfterFirstPerson = new(
        "(?:私|わたし|僕|ぼく|俺|おれ|あたし|自分)は ?(?<name>" + KanjiName + ")(?:です|でーす|だよ|だ|と申|とい|と言|って|[。、！!]|$)",
        Options);

    private static readonly Regex EnglishNameIs = new(
        "\\b(?<my>[Mm]y )?(?:[Nn]ame is|[Nn]ame's|[Nn]ame’s) (?<name>[A-Za-z][a-z]+(?: [A-Z][a-z]+){0,2})",
        Options);

    private static readonly Regex EnglishIAm = new(
        "\\b(?:I'm|I’m|I am|Im|i'm|i am) (?<name>[A-Z][a-z]+(?: [A-Z][a-z]+){0,2})",
        Options);

    private static readonly Regex EnglishCallMe = new("\\b[Cc]all me (?<name>[A-Z][a-z]+)", Options);

    private static readonly string[] FirstPersonTopics = ["私は", "わたしは", "僕は", "ぼくは", "俺は", "おれは", "あたしは", "自分は"];

    public void Find(string text, List<Candidate> found)
    {
        Collect(Labelled, text, found, name => !lexicon.NotNames.Contains(name.ToString()));
        Collect(BeforeVerb, text, found, name => !lexicon.NotNames.Contains(name.ToString()), OpensSentence);
        Collect(HiraganaBeforeVerb, text, found, name => !lexicon.NotNames.Contains(name.ToString()), OpensSentence);
        Collect(AfterGreeting, text, found, LooksLikeJapaneseName);
        Collect(OpeningSentence, text, found, StartsWithSurname);
        Collect(AfterFirstPerson, text, found, LooksLikeJapaneseName);
        Collect(EnglishNameIs, text, found, IsEnglishName, (t, m) => char.IsAsciiLetterUpper(m.Groups["name"].Value[0]) || m.Groups["my"].Success);
        Collect(EnglishIAm, text, found, IsEnglishName);
        Collect(EnglishCallMe, text, found, IsEnglishName);
    }

    private static void Collect(Regex regex, string text, List<Candidate> found, Func<ReadOnlySpan<char>, bool> acceptName, Func<string, Match, bool>? acceptContext = null)
    {
        var match = regex.Match(text);
        while (match.Success)
        {
            var name = match.Groups["name"];
            var accepted = acceptName(text.AsSpan(name.Index, name.Length)) && (acceptContext is null || acceptContext(text, match));
            if (accepted)
            {
                found.Add(new Candidate(name.Index, name.Length, RedactionKinds.Name));
            }

            // A rejected match may hide a name that starts inside it (の山口といいます): look again one
            // character on; an accepted one is skipped whole.
            match = regex.Match(text, accepted ? name.Index + name.Length : match.Index + 1);
        }
    }

    /// <summary>A naming verb counts when the name opens a sentence, follows 、。の, or follows 私は.</summary>
    private static bool OpensSentence(string text, Match match)
    {
        var start = match.Groups["name"].Index;
        if (start == 0)
        {
            return true;
        }

        var before = text[start - 1];
        if (before is '、' or '。' or '！' or '？' or '!' or '?' or ',' or '.' or '「' or '『' or '(' or 'の' || char.IsWhiteSpace(before))
        {
            return true;
        }

        var preceding = text.AsSpan(0, start);
        foreach (var topic in FirstPersonTopics)
        {
            if (preceding.EndsWith(topic, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private bool LooksLikeJapaneseName(ReadOnlySpan<char> candidate) =>
        StartsWithSurname(candidate) || LooksLikeGivenName(candidate.ToString().Replace(" ", string.Empty, StringComparison.Ordinal));

    private bool StartsWithSurname(ReadOnlySpan<char> candidate)
    {
        var name = candidate.ToString().Replace(" ", string.Empty, StringComparison.Ordinal);
        if (lexicon.NotNames.Contains(name))
        {
            return false;
        }

        foreach (var surname in lexicon.Surnames)
        {
            if (!name.StartsWith(surname, StringComparison.Ordinal))
            {
                continue;
            }

            var given = name[surname.Length..];
            if (given.Length == 0)
            {
                return true;
            }

            if (given.Length <= 3 && (surname.Length >= 2 || LooksLikeGivenName(given)))
            {
                return true;
            }
        }

        return false;
    }

    private bool LooksLikeGivenName(string name) =>
        name.Length is >= 2 and <= 3 && lexicon.GivenNameEndings.Contains(name[^1]) && !lexicon.NotNames.Contains(name);

    private bool IsEnglishName(ReadOnlySpan<char> name)
    {
        var space = name.IndexOf(' ');
        var first = space < 0 ? name : name[..space];
        return !lexicon.EnglishNotNames.Contains(first.ToString());
    }
}
