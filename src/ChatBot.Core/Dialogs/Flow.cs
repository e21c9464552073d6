namespace ChatBot.Core.Dialogs;

/// <summary>
/// One conversation flow, from one file in <c>dialogs/flows/</c>: a list of steps run from the top.
/// A step goes on to the one below it unless it says otherwise (<c>next</c>, <c>goto</c>, <c>resume</c>, <c>end</c>).
/// </summary>
public sealed record Flow(string Name, IReadOnlyList<Step> Steps, SourceLocation Where)
{
    /// <summary>The position of the step with this id, or -1.</summary>
    public int IndexOf(string stepId)
    {
        for (var i = 0; i < Steps.Count; i++)
        {
            if (string.Equals(Steps[i].Id, stepId, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}

/// <summary>Where the conversation goes next.</summary>
public enum TargetKind
{
    /// <summary>A step of the same flow (<c>next: step-id</c>).</summary>
    Step,

    /// <summary>The start of another flow (<c>goto: flow-name</c>).</summary>
    Flow,

    /// <summary>Back to the question the person was at before an interruption (<c>resume: true</c>); the menu when there is none.</summary>
    Resume,

    /// <summary>The flow stops here and the bot waits (<c>end: true</c>); the place to resume is kept.</summary>
    End,
}

public sealed record Target(TargetKind Kind, string? Name, SourceLocation Where)
{
    public override string ToString() => Kind switch
    {
        TargetKind.Step => $"next: {Name}",
        TargetKind.Flow => $"goto: {Name}",
        TargetKind.Resume => "resume",
        _ => "end",
    };
}

/// <summary>A step. <see cref="Id"/> is written in the file or, for steps nobody refers to, made from the position (<c>#3</c>).</summary>
public abstract record Step(string Id, SourceLocation Where)
{
    /// <summary>Where to go after this step, when not simply the step below.</summary>
    public Target? Next { get; init; }
}

/// <summary><c>say</c>: a message.</summary>
public sealed record SayStep(string Id, SourceLocation Where, LocalizedText Text) : Step(Id, Where);

/// <summary>
/// <c>ask</c>: a question with buttons (<see cref="Choices"/>) and/or free text (<see cref="AcceptsText"/>).
/// The answer's value is kept in the variable <see cref="Save"/> when one is named.
/// </summary>
public sealed record AskStep(
    string Id,
    SourceLocation Where,
    LocalizedText Text,
    IReadOnlyList<Choice> Choices,
    bool AcceptsText,
    string? Save,
    Target? Otherwise) : Step(Id, Where);

/// <summary>One button of an <see cref="AskStep"/>.</summary>
/// <param name="Value">What is kept when it is chosen (and what <c>answer:</c> conditions compare with).</param>
/// <param name="Label">The button text, at most 20 characters in every language (LINE quick replies).</param>
/// <param name="Also">Other words, per language, that mean this choice when typed.</param>
/// <param name="Target">Where the choice leads; the step below the question when null.</param>
/// <param name="Set">Variables set when the choice is made.</param>
public sealed record Choice(
    string Value,
    LocalizedText Label,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Also,
    Target? Target,
    IReadOnlyDictionary<string, string?> Set,
    SourceLocation Where);

/// <summary><c>branch</c>: the first rule whose condition holds decides where to go; none holding, the step below.</summary>
public sealed record BranchStep(string Id, SourceLocation Where, IReadOnlyList<BranchRule> Rules) : Step(Id, Where);

/// <summary>A rule of a <see cref="BranchStep"/>; without a condition it always holds (an "otherwise").</summary>
public sealed record BranchRule(Condition? When, Target Target, SourceLocation Where);

/// <summary><c>set</c>: sets (or, with an empty value, clears) variables.</summary>
public sealed record SetStep(string Id, SourceLocation Where, IReadOnlyDictionary<string, string?> Values) : Step(Id, Where);

/// <summary><c>action</c>: runs a named action registered by the application (<c>show-resources</c>, <c>handoff</c>…).</summary>
public sealed record ActionStep(string Id, SourceLocation Where, string Action, IReadOnlyDictionary<string, string> Arguments) : Step(Id, Where);

/// <summary><c>goto</c>, <c>resume</c> or <c>end</c> on its own.</summary>
public sealed record JumpStep(string Id, SourceLocation Where, Target Target) : Step(Id, Where);

public enum ConditionKind
{
    /// <summary><c>{ var: name, is: value }</c>, <c>{ var: name, in: [a, b] }</c>, <c>{ var: name, set: true }</c>.</summary>
    Var,

    /// <summary><c>{ answer: value }</c> or <c>{ answer: [a, b] }</c>: the value of the last button chosen.</summary>
    Answer,

    /// <summary><c>{ risk: high }</c>: the conversation's highest risk so far is at least this (<c>normal</c> means exactly normal).</summary>
    Risk,

    /// <summary><c>{ topic: money }</c>: triage has seen this topic in the conversation.</summary>
    Topic,

    /// <summary><c>{ speaker: family }</c>: triage's latest idea of who is writing.</summary>
    Speaker,

    /// <summary><c>{ counsellors: available }</c> or <c>unavailable</c>: whether counsellors are on duty now.</summary>
    Counsellors,
}

/// <summary>A condition of a branch rule. <see cref="Values"/>: any of them holds. <see cref="IsSet"/> only for <c>var … set:</c>.</summary>
public sealed record Condition(ConditionKind Kind, string? Name, IReadOnlyList<string> Values, bool? IsSet, SourceLocation Where);
