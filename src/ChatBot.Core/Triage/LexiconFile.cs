namespace ChatBot.Core.Triage;

// The shape of a lexicon file under dialogs/triage/ (see dialogs/triage/README.md). YamlDotNet fills
// these; TriageLexicon validates and compiles them. Unknown keys are an error, so a misspelt key
// stops the service instead of silently switching a rule off.
#pragma warning disable CA1812 // Instantiated by YamlDotNet.
#pragma warning disable CA2227 // Collection setters are how YamlDotNet fills them.
#pragma warning disable CA1002 // Lists are the YAML shape.

internal sealed class LexiconFile
{
    public string? Language { get; set; }

    public List<CueEntry>? Cues { get; set; }

    public List<ModifierEntry>? Modifiers { get; set; }

    public List<ExceptionEntry>? Exceptions { get; set; }

    public Dictionary<string, List<string>>? Concepts { get; set; }

    public Dictionary<string, List<string>>? Topics { get; set; }

    public SpeakerEntries? Speakers { get; set; }

    public Dictionary<string, List<string>>? Spellings { get; set; }
}

internal sealed class CueEntry
{
    public string? Id { get; set; }

    public string? Risk { get; set; }

    public string? RiskAboutOthers { get; set; }

    public bool Escalates { get; set; }

    public bool Past { get; set; }

    public List<string>? Topics { get; set; }

    public string? Note { get; set; }

    public List<string>? Terms { get; set; }

    public List<string>? FollowedBy { get; set; }

    public int Within { get; set; }

    public bool AcrossSentences { get; set; }

    /// <summary>Concept names; an item may itself be a list of names, any one of which will do.</summary>
    public List<object>? AllOf { get; set; }

    public string? Scope { get; set; }

    public bool InOrder { get; set; }
}

internal sealed class ModifierEntry
{
    public string? Id { get; set; }

    public string? Effect { get; set; }

    public string? Where { get; set; }

    public int Within { get; set; }

    public List<string>? AppliesTo { get; set; }

    public string? Note { get; set; }

    public List<string>? Terms { get; set; }
}

internal sealed class ExceptionEntry
{
    public string? Id { get; set; }

    public string? Note { get; set; }

    public List<string>? Terms { get; set; }
}

internal sealed class SpeakerEntries
{
    public List<string>? Family { get; set; }

    public List<string>? Other { get; set; }

    public List<string>? SelfAsVictim { get; set; }

    public List<string>? Self { get; set; }
}
