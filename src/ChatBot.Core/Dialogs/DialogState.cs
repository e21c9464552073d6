using ChatBot.Core.Triage;

namespace ChatBot.Core.Dialogs;

/// <summary>
/// Where a conversation is in its flows, kept in Bot Framework conversation state between turns (and
/// across restarts). The bot only ever waits at a question, so a position is a flow and an ask step.
/// </summary>
public sealed class DialogState
{
    /// <summary>"ja" or "en".</summary>
    public string Locale { get; set; } = DialogLocales.Japanese;

    /// <summary>The person chose the language (it then no longer follows the channel's locale).</summary>
    public bool LocaleChosen { get; set; }

    /// <summary>The welcome (anonymous, free, what is kept) has been shown.</summary>
    public bool Greeted { get; set; }

    /// <summary>The flow of the question the bot is waiting at; null when nothing is running.</summary>
    public string? Flow { get; set; }

    /// <summary>The id of the question the bot is waiting at.</summary>
    public string? Step { get; set; }

    /// <summary>How many times in a row the current question has been shown (never more than twice for not understanding).</summary>
    public int AskCount { get; set; }

    /// <summary>The question to go back to after an interruption (stop, talk to a person, crisis…).</summary>
    public string? ResumeFlow { get; set; }

    public string? ResumeStep { get; set; }

    /// <summary>An interruption is running (or paused): a second one keeps the original place to resume.</summary>
    public bool Interrupted { get; set; }

    /// <summary>Earlier questions (flow/step), newest last: a click on one of their buttons is a stale click.</summary>
    public List<string> RecentAsks { get; set; } = [];

    /// <summary>What the person chose or told, by variable name (choice values, area…).</summary>
    public Dictionary<string, string> Vars { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The value of the last button chosen (for <c>answer:</c> conditions).</summary>
    public string? LastAnswer { get; set; }

    /// <summary>The highest risk triage has seen in this conversation. It never goes down by itself.</summary>
    public RiskLevel HighestRisk { get; set; }

    public DateTimeOffset? RiskRaisedAt { get; set; }

    /// <summary>Topics triage has seen (lower-case names), to pick resources.</summary>
    public List<string> Topics { get; set; } = [];

    /// <summary>Who triage last thought was writing (lower-case name).</summary>
    public string? Speaker { get; set; }

    /// <summary>Messages since the high-risk aside was last shown (null: never shown).</summary>
    public int? MessagesSinceAside { get; set; }

    /// <summary>Whether the unsure check-in has been shown: once in a conversation is caring, more is nagging.</summary>
    public bool CheckedIn { get; set; }

    public bool IsWaiting => Flow is not null && Step is not null;

    public bool CanResume => ResumeFlow is not null && ResumeStep is not null;

    /// <summary>Forgets what the person told (delete my data): variables, answers, topics, risk, places. Keeps only the language and the fact that the welcome was shown.</summary>
    public void Forget()
    {
        Vars.Clear();
        LastAnswer = null;
        Topics.Clear();
        Speaker = null;
        HighestRisk = RiskLevel.Normal;
        RiskRaisedAt = null;
        MessagesSinceAside = null;
        CheckedIn = false;
        ResumeFlow = null;
        ResumeStep = null;
        Interrupted = false;
        RecentAsks.Clear();
    }
}
