using System.Text.RegularExpressions;

namespace ChatBot.Core.Privacy;

/// <summary>
/// Finds e-mail addresses, account ids (LINE IDs, @handles) and URLs that point at a person.
/// <para>
/// A URL is personal — and redacted whole — when its host is a social or blogging site from
/// <c>personal_url_hosts</c> (a profile, a blog, an add-friend link), or it carries a user name
/// (user@, /~name, /@name), a query string, or a path segment that looks like an id (six digits or
/// more, or a long mix of letters and digits). Plain public pages stay readable: a city's homepage,
/// anything under the public-sector domains in <c>public_url_suffixes</c> (go.jp, lg.jp), and .jp
/// hosts with a city/pref/town/vill label (www.city.sapporo.jp).
/// </para>
/// </summary>
internal sealed class OnlineIdentifierDetector(RedactionLexicon lexicon)
{
    private const RegexOptions Options = RegexOptions.NonBacktracking | RegexOptions.CultureInvariant;
    private const string AccountValue = "(?<id>@?[A-Za-z0-9][A-Za-z0-9._-]+)";

    private static readonly Regex Email = new(
        "[A-Za-z0-9][A-Za-z0-9._%+-]*@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,24}",
        Options);

    private static readonly Regex LineId = new(
        "(?:LINE|Line|line|ライン|らいん)(?: ?の)? ?(?:ID|Id|id|アイディー|アイディ)(?: ?(?:は|:|=|->|→|って|を|is))? ?" + AccountValue,
        Options);

    private static readonly Regex LineColon = new(
        "(?:LINE|Line|line|ライン|らいん)(?: ?の)? ?(?::|→|->) ?" + AccountValue,
        Options);

    private static readonly Regex BareId = new(
        "(?:ID|Id|id)(?: ?(?:は|:|=|→)) ?" + AccountValue,
        Options);

    /// <summary>Longer than any page address a person would share: redacted without parsing.</summary>
    private const int MaxUrlLength = 2048;

    private static readonly Regex Handle = new("@[A-Za-z0-9_][A-Za-z0-9._]{2,}", Options);

    private static readonly string[] PublicJapaneseHostLabels = ["city", "pref", "town", "vill", "metro"];

    public void Find(string text, List<Candidate> found)
    {
        for (var match = Email.Match(text); match.Success; match = match.NextMatch())
        {
            found.Add(new Candidate(match.Index, match.Length, RedactionKinds.Email));
        }

        FindUrls(text, found);

        foreach (var regex in (Regex[])[LineId, LineColon, BareId])
        {
            for (var match = regex.Match(text); match.Success; match = regex.Match(text, match.Index + 1))
            {
                var id = match.Groups["id"];
                var keywordStart = match.Index;
                if (regex == BareId && keywordStart > 0 && char.IsAsciiLetter(text[keywordStart - 1]))
                {
                    continue;
                }

                var value = text.AsSpan(id.Index, id.Length).TrimEnd("._-");
                if (value.Length < 2 || (regex == BareId && !ContainsLetter(value)))
                {
                    continue;
                }

                found.Add(new Candidate(id.Index, value.Length, RedactionKinds.AccountId));
            }
        }

        for (var match = Handle.Match(text); match.Success; match = match.NextMatch())
        {
            if (match.Index > 0 && (char.IsAsciiLetterOrDigit(text[match.Index - 1]) || text[match.Index - 1] is '.' or '_' or '%' or '+' or '-' or '/'))
            {
                continue;
            }

            var value = text.AsSpan(match.Index, match.Length).TrimEnd("._");
            found.Add(new Candidate(match.Index, value.Length, RedactionKinds.AccountId));
        }
    }

    /// <summary>
    /// URLs start at http://, https:// or www. and run over the characters a URL may hold. A plain
    /// scan rather than a regular expression: one 100 KB "URL" costs one pass.
    /// </summary>
    private void FindUrls(string text, List<Candidate> found)
    {
        var i = 0;
        while (i < text.Length)
        {
            var prefix = UrlPrefixLength(text, i);
            if (prefix == 0)
            {
                i++;
                continue;
            }

            var end = i + prefix;
            while (end < text.Length && IsUrlCharacter(text[end]))
            {
                end++;
            }

            var length = TrimUrl(text.AsSpan(i, end - i));
            if (length > prefix && (length > MaxUrlLength || IsPersonalUrl(text.Substring(i, length))))
            {
                found.Add(new Candidate(i, length, RedactionKinds.Url));
            }

            i = end;
        }
    }

    private static int UrlPrefixLength(string text, int i)
    {
        var rest = text.AsSpan(i);
        if (rest.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            return 8;
        }

        if (rest.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
        {
            return 7;
        }

        return rest.StartsWith("www.", StringComparison.OrdinalIgnoreCase) && (i == 0 || !char.IsAsciiLetterOrDigit(text[i - 1])) ? 4 : 0;
    }

    private static bool IsUrlCharacter(char c) =>
        char.IsAsciiLetterOrDigit(c) || "-._~:/?#[]@!$&'()*+,;=%".Contains(c, StringComparison.Ordinal);

    internal bool IsPersonalUrl(string url)
    {
        var absolute = url.StartsWith("www.", StringComparison.OrdinalIgnoreCase) ? "http://" + url : url;
        if (!Uri.TryCreate(absolute, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
        {
            return true;
        }

        var host = uri.Host.ToLowerInvariant();
        if (lexicon.PublicUrlSuffixes.Any(s => HostIs(host, s))
            || (host.EndsWith(".jp", StringComparison.Ordinal) && host.Split('.').Any(label => PublicJapaneseHostLabels.Contains(label, StringComparer.Ordinal))))
        {
            return false;
        }

        if (uri.UserInfo.Length > 0 || lexicon.PersonalUrlHosts.Any(h => HostIs(host, h)) || uri.Query.Length > 1)
        {
            return true;
        }

        var path = uri.AbsolutePath;
        if (path.Contains('@', StringComparison.Ordinal) || path.Contains('~', StringComparison.Ordinal)
            || path.Contains("%40", StringComparison.OrdinalIgnoreCase) || path.Contains("%7E", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        foreach (var segment in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var digits = segment.Count(char.IsAsciiDigit);
            if (digits >= 6 || (segment.Length >= 16 && digits > 0 && segment.Any(char.IsAsciiLetter)))
            {
                return true;
            }
        }

        return false;
    }

    private static bool HostIs(string host, string domain) =>
        host == domain || host.EndsWith("." + domain, StringComparison.Ordinal);

    private static bool ContainsLetter(ReadOnlySpan<char> value)
    {
        foreach (var c in value)
        {
            if (char.IsAsciiLetter(c))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Leaves out trailing punctuation and a closing bracket that does not belong to the URL.</summary>
    private static int TrimUrl(ReadOnlySpan<char> url)
    {
        var length = url.Length;
        int openRound = url.Count('('), closeRound = url.Count(')'), openSquare = url.Count('['), closeSquare = url.Count(']');
        while (length > 0)
        {
            var last = url[length - 1];
            if (last is '.' or ',' or ';' or ':' or '!' or '?' or '\'' or '"')
            {
                length--;
            }
            else if (last == ')' && openRound < closeRound)
            {
                closeRound--;
                length--;
            }
            else if (last == ']' && openSquare < closeSquare)
            {
                closeSquare--;
                length--;
            }
            else
            {
                break;
            }
        }

        return length;
    }
}
