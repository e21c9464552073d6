using System.Text.RegularExpressions;
using ChatBot.Core.Triage;

namespace ChatBot.Core.Dialogs;

/// <summary>
/// Checks a loaded flow set for what would otherwise surprise a person mid-conversation: a step or
/// flow that does not exist, an action nobody registered, a button label too long for LINE, a
/// variable tested but never set, a step nothing leads to, a text the code needs but nobody wrote.
/// </summary>
internal static partial class DialogValidator
{
    /// <summary>LINE quick reply labels are cut at 20 characters.</summary>
    public const int MaxLabelLength = 20;

    /// <summary>Placeholders any flow text may use; the engine fills them in.</summary>
    public static readonly IReadOnlySet<string> Placeholders = new HashSet<string>(StringComparer.Ordinal)
    {
        "privacy-url", "counsellor-hours", "counsellors-next",
    };

    public static IReadOnlyList<DialogError> Validate(DialogContent content, IReadOnlyDictionary<string, DialogActionRegistration> actions, IEnumerable<string> requiredTexts)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(actions);
        var errors = new List<DialogError>();
        var root = new SourceLocation(Display(content.Root, Path.Combine(content.Root, "flows")), 1);
        foreach (var name in WellKnownFlows.All.Where(n => !content.Flows.ContainsKey(n)))
        {
            errors.Add(new DialogError(root, $"the flow '{name}' is missing (the engine starts it by name)"));
        }

        var setVariables = content.Flows.Values.SelectMany(f => f.Steps).SelectMany(VariablesSet).ToHashSet(StringComparer.Ordinal);
        foreach (var flow in content.Flows.Values)
        {
            ValidateFlow(flow, content, actions, setVariables, errors);
        }

        ValidateFlowsAreUsed(content, errors);
        ValidateIntents(content, errors);
        ValidateTexts(content, actions, requiredTexts, errors);
        ValidateSynonyms(content, errors);
        ValidateResources(content, errors);
        return errors;
    }

    internal static string Display(string root, string fullPath)
    {
        var parent = Path.GetDirectoryName(Path.GetFullPath(root)) ?? root;
        return Path.GetRelativePath(parent, fullPath).Replace('\\', '/');
    }

    private static void ValidateFlow(Flow flow, DialogContent content, IReadOnlyDictionary<string, DialogActionRegistration> actions, HashSet<string> setVariables, List<DialogError> errors)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var step in flow.Steps)
        {
            if (!ids.Add(step.Id))
            {
                errors.Add(new DialogError(step.Where, $"two steps of flow '{flow.Name}' have the id '{step.Id}'"));
            }
        }

        foreach (var step in flow.Steps)
        {
            CheckTarget(flow, step.Next, content, errors);
            switch (step)
            {
                case SayStep say:
                    CheckPlaceholders(say.Text, errors);
                    break;
                case AskStep ask:
                    ValidateAsk(flow, ask, content, errors);
                    break;
                case BranchStep branch:
                    ValidateBranch(flow, branch, content, setVariables, errors);
                    break;
                case ActionStep action:
                    if (!actions.TryGetValue(action.Action, out var registration))
                    {
                        errors.Add(new DialogError(action.Where, $"unknown action '{action.Action}' (known: {string.Join(", ", actions.Keys.Order(StringComparer.Ordinal))})"));
                    }
                    else
                    {
                        foreach (var argument in action.Arguments.Keys.Where(a => !registration.Arguments.Contains(a)))
                        {
                            errors.Add(new DialogError(action.Where, $"the action '{action.Action}' takes no argument '{argument}'"
                                + (registration.Arguments.Count > 0 ? $" (it takes: {string.Join(", ", registration.Arguments)})" : string.Empty)));
                        }
                    }

                    break;
                case JumpStep jump:
                    CheckTarget(flow, jump.Target, content, errors);
                    break;
            }
        }

        if (flow.Name is WellKnownFlows.HighRisk or WellKnownFlows.CheckIn)
        {
            foreach (var step in flow.Steps.Where(s => s is AskStep or JumpStep || s.Next is { Kind: not TargetKind.Step }))
            {
                errors.Add(new DialogError(step.Where, $"the {flow.Name} flow is an aside: it cannot ask or leave the flow, the conversation carries on after it"));
            }
        }

        var reachable = Reachable(flow);
        for (var i = 0; i < flow.Steps.Count; i++)
        {
            if (!reachable.Contains(i))
            {
                errors.Add(new DialogError(flow.Steps[i].Where, $"step {flow.Steps[i].Id} of flow '{flow.Name}' can never be reached (no step leads to it)"));
            }
        }
    }

    private static void ValidateAsk(Flow flow, AskStep ask, DialogContent content, List<DialogError> errors)
    {
        if (ask.Id.StartsWith('#'))
        {
            errors.Add(new DialogError(ask.Where, "a question needs an id (the conversation is saved at its questions, to resume there)"));
        }

        CheckPlaceholders(ask.Text, errors);
        if (ask.Choices.Count == 0 && !ask.AcceptsText)
        {
            errors.Add(new DialogError(ask.Where, $"question {ask.Id} has no choices and does not take text: the person could not answer"));
        }

        if (!ask.AcceptsText && ask.Choices.Count > 0 && ask.Choices.All(c => c.Target?.Kind == TargetKind.Resume))
        {
            errors.Add(new DialogError(ask.Where, $"question {ask.Id} only offers to resume: with nothing to resume it would have no buttons"));
        }

        var labels = new Dictionary<string, Choice>(StringComparer.Ordinal);
        var values = new HashSet<string>(StringComparer.Ordinal);
        foreach (var choice in ask.Choices)
        {
            if (!values.Add(choice.Value))
            {
                errors.Add(new DialogError(choice.Where, $"two choices of question {ask.Id} have the id '{choice.Value}'"));
            }

            foreach (var (locale, label) in choice.Label.Values)
            {
                if (label.Length > MaxLabelLength)
                {
                    errors.Add(new DialogError(choice.Label.Where, $"the {locale} label '{label}' has {label.Length} characters; buttons allow at most {MaxLabelLength}"));
                }

                var normalized = TextMatcher.Normalize(label);
                if (labels.TryGetValue(normalized, out var other) && other != choice)
                {
                    errors.Add(new DialogError(choice.Where, $"choices '{other.Value}' and '{choice.Value}' of question {ask.Id} read the same ('{label}')"));
                }

                labels[normalized] = choice;
            }

            CheckTarget(flow, choice.Target, content, errors);
        }

        if (ask.Otherwise is { Kind: TargetKind.Step } otherwise && otherwise.Name == ask.Id)
        {
            errors.Add(new DialogError(otherwise.Where, $"'otherwise' of question {ask.Id} leads back to the same question: it would repeat it a third time"));
        }

        if (ask.Otherwise is null && flow.IndexOf(ask.Id) == flow.Steps.Count - 1)
        {
            errors.Add(new DialogError(ask.Where, $"question {ask.Id} is the last step: add 'otherwise:' to say where to go when the answer is not understood twice"));
        }

        CheckTarget(flow, ask.Otherwise, content, errors);
    }

    private static void ValidateBranch(Flow flow, BranchStep branch, DialogContent content, HashSet<string> setVariables, List<DialogError> errors)
    {
        if (branch.Rules.Count == 0)
        {
            errors.Add(new DialogError(branch.Where, $"branch {branch.Id} has no rules"));
        }

        for (var i = 0; i < branch.Rules.Count; i++)
        {
            var rule = branch.Rules[i];
            CheckTarget(flow, rule.Target, content, errors);
            if (rule.When is null)
            {
                if (i != branch.Rules.Count - 1)
                {
                    errors.Add(new DialogError(rule.Where, "a rule without 'when' always holds, so the rules below it can never be used: put it last"));
                }

                continue;
            }

            var condition = rule.When;
            var known = condition.Kind switch
            {
                ConditionKind.Risk => ["normal", "high", "crisis"],
                ConditionKind.Topic => Enum.GetNames<Topic>().Select(n => n.ToLowerInvariant()).ToArray(),
                ConditionKind.Speaker => Enum.GetNames<Speaker>().Select(n => n.ToLowerInvariant()).ToArray(),
                ConditionKind.Counsellors => ["available", "unavailable", "out-of-hours", "nobody-online"],
                _ => null,
            };
            foreach (var value in condition.Values.Where(v => known is not null && !known.Contains(v)))
            {
                errors.Add(new DialogError(condition.Where, $"'{value}' is not a {condition.Kind.ToString().ToLowerInvariant()} value (one of: {string.Join(", ", known!)})"));
            }

            if (condition.Kind == ConditionKind.Var && !setVariables.Contains(condition.Name!))
            {
                errors.Add(new DialogError(condition.Where, $"the variable '{condition.Name}' is never set by any flow (a typo?)"));
            }
        }
    }

    private static void CheckTarget(Flow flow, Target? target, DialogContent content, List<DialogError> errors)
    {
        switch (target)
        {
            case { Kind: TargetKind.Step } t when flow.IndexOf(t.Name!) < 0:
                errors.Add(new DialogError(t.Where, $"unknown step '{t.Name}' in flow '{flow.Name}'"));
                break;
            case { Kind: TargetKind.Flow } t when !content.Flows.ContainsKey(t.Name!):
                errors.Add(new DialogError(t.Where, $"unknown flow '{t.Name}'"));
                break;
        }
    }

    private static void CheckPlaceholders(LocalizedText text, List<DialogError> errors)
    {
        foreach (var value in text.All)
        {
            foreach (Match match in PlaceholderPattern().Matches(value))
            {
                var name = match.Groups[1].Value;
                if (!Placeholders.Contains(name))
                {
                    errors.Add(new DialogError(text.Where, $"unknown placeholder {{{name}}} (known: {string.Join(", ", Placeholders.Select(p => "{" + p + "}"))})"));
                }
            }
        }
    }

    /// <summary>The steps a conversation can get to from the top of the flow.</summary>
    internal static HashSet<int> Reachable(Flow flow)
    {
        var seen = new HashSet<int>();
        var queue = new Queue<int>();
        queue.Enqueue(0);
        while (queue.Count > 0)
        {
            var i = queue.Dequeue();
            if (i < 0 || i >= flow.Steps.Count || !seen.Add(i))
            {
                continue;
            }

            foreach (var next in Successors(flow, i))
            {
                queue.Enqueue(next);
            }
        }

        return seen;
    }

    private static IEnumerable<int> Successors(Flow flow, int i)
    {
        var step = flow.Steps[i];
        int Resolve(Target? target) => target switch
        {
            null => i + 1,
            { Kind: TargetKind.Step } t => flow.IndexOf(t.Name!),
            _ => -1,
        };

        switch (step)
        {
            case AskStep ask:
                foreach (var choice in ask.Choices)
                {
                    yield return Resolve(choice.Target ?? ask.Next);
                }

                if (ask.AcceptsText)
                {
                    yield return Resolve(ask.Next);
                }

                // Not understood twice: 'otherwise', or the step below.
                yield return Resolve(ask.Otherwise);
                break;
            case BranchStep branch:
                foreach (var rule in branch.Rules)
                {
                    yield return Resolve(rule.Target);
                }

                if (branch.Rules.Count == 0 || branch.Rules[^1].When is not null)
                {
                    yield return Resolve(branch.Next);
                }

                break;
            case JumpStep jump:
                yield return Resolve(jump.Target);
                break;
            default:
                yield return Resolve(step.Next);
                break;
        }
    }

    private static IEnumerable<string> VariablesSet(Step step) => step switch
    {
        SetStep set => set.Values.Keys,
        AskStep ask => ask.Choices.SelectMany(c => c.Set.Keys).Concat(ask.Save is null ? [] : [ask.Save]),
        _ => [],
    };

    private static void ValidateFlowsAreUsed(DialogContent content, List<DialogError> errors)
    {
        var used = new HashSet<string>(WellKnownFlows.All.Concat(content.Intents.Select(i => i.Flow)), StringComparer.Ordinal);
        var queue = new Queue<string>(used);
        while (queue.Count > 0)
        {
            if (!content.Flows.TryGetValue(queue.Dequeue(), out var flow))
            {
                continue;
            }

            var targets = flow.Steps.SelectMany(s => s switch
            {
                AskStep ask => ask.Choices.Select(c => c.Target).Append(ask.Otherwise).Append(ask.Next),
                BranchStep branch => branch.Rules.Select(r => r.Target).Append(branch.Next),
                JumpStep jump => [jump.Target],
                _ => [s.Next],
            });
            foreach (var target in targets.Where(t => t?.Kind == TargetKind.Flow))
            {
                if (used.Add(target!.Name!))
                {
                    queue.Enqueue(target.Name!);
                }
            }
        }

        foreach (var flow in content.Flows.Values.Where(f => !used.Contains(f.Name)))
        {
            errors.Add(new DialogError(flow.Where, $"the flow '{flow.Name}' can never be reached: no flow goes to it and no intent starts it"));
        }
    }

    private static void ValidateIntents(DialogContent content, List<DialogError> errors)
    {
        var phrases = new Dictionary<string, Intent>(StringComparer.Ordinal);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var intent in content.Intents)
        {
            if (!ids.Add(intent.Id))
            {
                errors.Add(new DialogError(intent.Where, $"two intents have the id '{intent.Id}'"));
            }

            if (!content.Flows.ContainsKey(intent.Flow))
            {
                errors.Add(new DialogError(intent.Where, $"intent '{intent.Id}' starts unknown flow '{intent.Flow}'"));
            }

            foreach (var phrase in intent.Phrases.Values.Concat(intent.Contains.Values).SelectMany(p => p))
            {
                var normalized = TextMatcher.Normalize(phrase);
                if (normalized.Length == 0)
                {
                    errors.Add(new DialogError(intent.Where, $"the phrase '{phrase}' of intent '{intent.Id}' has no letters or digits"));
                }
                else if (phrases.TryGetValue(normalized, out var other) && other != intent)
                {
                    errors.Add(new DialogError(intent.Where, $"the phrase '{phrase}' belongs to both '{other.Id}' and '{intent.Id}'"));
                }
                else
                {
                    phrases[normalized] = intent;
                }
            }
        }
    }

    private static void ValidateTexts(DialogContent content, IReadOnlyDictionary<string, DialogActionRegistration> actions, IEnumerable<string> requiredTexts, List<DialogError> errors)
    {
        var where = new SourceLocation(Display(content.Root, Path.Combine(content.Root, "texts.yaml")), 1);
        var needed = requiredTexts.Concat(actions.Values.SelectMany(a => a.Texts)).Distinct(StringComparer.Ordinal);
        foreach (var key in needed.Where(k => !content.Texts.Contains(k)))
        {
            errors.Add(new DialogError(where, $"the text '{key}' is missing (the bot needs it)"));
        }
    }

    private static void ValidateSynonyms(DialogContent content, List<DialogError> errors)
    {
        var seen = new Dictionary<string, SynonymGroup>(StringComparer.Ordinal);
        foreach (var group in content.Synonyms)
        {
            foreach (var word in group.Words)
            {
                var normalized = TextMatcher.Normalize(word);
                if (seen.TryGetValue(normalized, out var other) && other != group)
                {
                    errors.Add(new DialogError(group.Where, $"'{word}' is also in the group at line {other.Where.Line}: a word can mean only one thing"));
                }

                seen[normalized] = group;
            }
        }
    }

    private static void ValidateResources(DialogContent content, List<DialogError> errors)
    {
        var catalog = content.Resources;
        var needs = new HashSet<string>(StringComparer.Ordinal);
        foreach (var need in catalog.Needs.Where(n => !needs.Add(n.Id)))
        {
            errors.Add(new DialogError(need.Where, $"the need '{need.Id}' is defined twice"));
        }

        var areas = new HashSet<string>(StringComparer.Ordinal);
        foreach (var area in catalog.Areas.Where(a => !areas.Add(a.Id)))
        {
            errors.Add(new DialogError(area.Where, $"the area '{area.Id}' is defined twice"));
        }

        foreach (var area in catalog.Areas.Where(a => a.Within is not null && !areas.Contains(a.Within)))
        {
            errors.Add(new DialogError(area.Where, $"area '{area.Id}' is within unknown area '{area.Within}'"));
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in catalog.Entries)
        {
            if (!ids.Add(entry.Id))
            {
                errors.Add(new DialogError(entry.Where, $"the resource '{entry.Id}' is defined twice"));
            }

            if (entry.Area is not null && !areas.Contains(entry.Area))
            {
                errors.Add(new DialogError(entry.Where, $"resource '{entry.Id}' is in unknown area '{entry.Area}'"));
            }

            foreach (var need in entry.Needs.Where(n => !needs.Contains(n)))
            {
                errors.Add(new DialogError(entry.Where, $"resource '{entry.Id}' has unknown need '{need}' (defined in dialogs/resources/needs.yaml)"));
            }
        }
    }

    [GeneratedRegex(@"\{([a-z0-9-]+)\}")]
    private static partial Regex PlaceholderPattern();
}
