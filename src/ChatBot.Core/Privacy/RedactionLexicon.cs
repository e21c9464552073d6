using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace ChatBot.Core.Privacy;

/// <summary>
/// The data the local redactor decides with, read from <c>dialogs/privacy/</c>: the public help-line
/// numbers that stay readable (<c>public-numbers.yaml</c>) and the word lists that tell a name or a
/// personal web page from ordinary words (<c>redaction-lexicon.yaml</c>). A missing file, an unknown
/// key or an empty list stops the service at start with the file named.
/// </summary>
internal sealed class RedactionLexicon
{
    public const string PublicNumbersFile = "public-numbers.yaml";
    public const string LexiconFile = "redaction-lexicon.yaml";

    private RedactionLexicon(
        HashSet<string> publicNumbers,
        string[] surnames,
        HashSet<char> givenNameEndings,
        HashSet<string> notNames,
        HashSet<string> englishNotNames,
        string[] personalUrlHosts,
        string[] publicUrlSuffixes)
    {
        PublicNumbers = publicNumbers;
        Surnames = surnames;
        GivenNameEndings = givenNameEndings;
        NotNames = notNames;
        EnglishNotNames = englishNotNames;
        PersonalUrlHosts = personalUrlHosts;
        PublicUrlSuffixes = publicUrlSuffixes;
    }

    /// <summary>Digits of the public numbers (0120279338, 110, …).</summary>
    public IReadOnlySet<string> PublicNumbers { get; }

    /// <summary>Common surnames, longest first so 佐々木 is tried before 佐.</summary>
    public IReadOnlyList<string> Surnames { get; }

    public IReadOnlySet<char> GivenNameEndings { get; }

    public IReadOnlySet<string> NotNames { get; }

    /// <summary>Compared without regard to case.</summary>
    public IReadOnlySet<string> EnglishNotNames { get; }

    public IReadOnlyList<string> PersonalUrlHosts { get; }

    public IReadOnlyList<string> PublicUrlSuffixes { get; }

    public static string Folder(string dialogsDirectory) => Path.Combine(dialogsDirectory, "privacy");

    public static RedactionLexicon Load(string dialogsDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dialogsDirectory);
        var folder = Folder(dialogsDirectory);
        var numbersPath = Path.Combine(folder, PublicNumbersFile);
        var lexiconPath = Path.Combine(folder, LexiconFile);
        var numbers = Read<PublicNumbersDocument>(numbersPath);
        var lexicon = Read<LexiconDocument>(lexiconPath);

        if (numbers.Numbers is not { Count: > 0 })
        {
            throw Invalid(numbersPath, "'numbers' must list at least one number.");
        }

        var publicNumbers = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in numbers.Numbers)
        {
            var digits = new string((entry.Number ?? string.Empty).Where(TextNormalizer.IsAsciiDigit).ToArray());
            if (digits.Length < 3 || string.IsNullOrWhiteSpace(entry.Name))
            {
                throw Invalid(numbersPath, $"every entry needs a 'number' of at least three digits and a 'name' (found '{entry.Number}').");
            }

            publicNumbers.Add(digits);
        }

        var surnames = Required(lexiconPath, "surnames", lexicon.Surnames)
            .OrderByDescending(s => s.Length).ThenBy(s => s, StringComparer.Ordinal).ToArray();
        var endings = Required(lexiconPath, "given_name_endings", lexicon.GivenNameEndings);
        if (endings.Any(e => e.Length != 1))
        {
            throw Invalid(lexiconPath, "'given_name_endings' must be single characters.");
        }

        var hosts = Required(lexiconPath, "personal_url_hosts", lexicon.PersonalUrlHosts)
            .Select(h => h.ToLowerInvariant()).ToArray();
        var suffixes = Required(lexiconPath, "public_url_suffixes", lexicon.PublicUrlSuffixes)
            .Select(h => h.ToLowerInvariant()).ToArray();

        return new RedactionLexicon(
            publicNumbers,
            surnames,
            endings.Select(e => e[0]).ToHashSet(),
            Required(lexiconPath, "not_names", lexicon.NotNames).ToHashSet(StringComparer.Ordinal),
            Required(lexiconPath, "english_not_names", lexicon.EnglishNotNames).ToHashSet(StringComparer.OrdinalIgnoreCase),
            hosts,
            suffixes);
    }

    private static T Read<T>(string path)
        where T : new()
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Privacy content file is missing: {path}", path);
        }

        var deserializer = new DeserializerBuilder()
            .WithNamingConvention(UnderscoredNamingConvention.Instance)
            .Build();
        try
        {
            return deserializer.Deserialize<T>(File.ReadAllText(path)) ?? new T();
        }
        catch (YamlException ex)
        {
            throw Invalid(path, ex.Message, ex);
        }
    }

    private static List<string> Required(string path, string key, List<string>? values)
    {
        if (values is not { Count: > 0 } || values.Any(string.IsNullOrWhiteSpace))
        {
            throw Invalid(path, $"'{key}' must be a non-empty list without blank entries.");
        }

        return values.Select(v => v.Trim()).ToList();
    }

    private static InvalidDataException Invalid(string path, string message, Exception? inner = null) =>
        new($"{path}: {message}", inner);

    private sealed class PublicNumbersDocument
    {
        public List<PublicNumberEntry>? Numbers { get; set; }
    }

    private sealed class PublicNumberEntry
    {
        public string? Number { get; set; }

        public string? Name { get; set; }
    }

    private sealed class LexiconDocument
    {
        public List<string>? Surnames { get; set; }

        public List<string>? GivenNameEndings { get; set; }

        public List<string>? NotNames { get; set; }

        public List<string>? EnglishNotNames { get; set; }

        public List<string>? PersonalUrlHosts { get; set; }

        public List<string>? PublicUrlSuffixes { get; set; }
    }
}
