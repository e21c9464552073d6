using YamlDotNet.RepresentationModel;

namespace ChatBot.Core.Dialogs.Content;

/// <summary>Reads one flow file (<c>dialogs/flows/*.yaml</c>) into a <see cref="Flow"/>, reporting what it cannot read.</summary>
internal static class FlowParser
{
    private static readonly string[] StepKinds = ["say", "ask", "branch", "set", "action", "goto", "resume", "end"];
    private static readonly string[] TargetKeys = ["next", "goto", "resume", "end"];

    public static Flow? Parse(YamlFile file, YamlNode root)
    {
        var map = file.Map(root, "a flow file");
        if (map is null)
        {
            return null;
        }

        file.OnlyKeys(map, "a flow file", "flow", "steps");
        var name = file.RequiredString(map, "flow", "a flow file");
        if (name is null || !file.CheckName(map, name, "the flow name"))
        {
            return null;
        }

        var stepsNode = YamlFile.Get(map, "steps");
        var list = file.List(stepsNode, "steps");
        if (list is null || list.Children.Count == 0)
        {
            file.Error(map, $"flow '{name}' has no steps");
            return null;
        }

        var steps = new List<Step>();
        for (var i = 0; i < list.Children.Count; i++)
        {
            var step = ParseStep(file, list.Children[i], i);
            if (step is not null)
            {
                steps.Add(step);
            }
        }

        return new Flow(name, steps, file.At(map));
    }

    private static Step? ParseStep(YamlFile file, YamlNode node, int index)
    {
        var map = file.Map(node, "a step");
        if (map is null)
        {
            return null;
        }

        var kinds = StepKinds.Where(k => YamlFile.Has(map, k)).ToList();
        var primary = kinds.Where(k => k is "say" or "ask" or "branch" or "set" or "action").ToList();
        var explicitId = file.String(YamlFile.Get(map, "id"), "the step id");
        if (explicitId is not null)
        {
            file.CheckName(map, explicitId, "the step id");
        }

        var id = explicitId ?? $"#{index + 1}";
        var where = file.At(map);
        if (primary.Count > 1)
        {
            file.Error(map, $"step {id} is both {string.Join(" and ", primary)}: write one step for each");
            return null;
        }

        var kind = primary.SingleOrDefault() ?? (kinds.Count == 1 ? kinds[0] : null);
        if (kind is null)
        {
            file.Error(map, kinds.Count == 0
                ? $"step {id} does nothing: it needs one of {string.Join(", ", StepKinds)}"
                : $"step {id} has more than one of goto, resume and end");
            return null;
        }

        switch (kind)
        {
            case "say":
            {
                file.OnlyKeys(map, "a say step", ["id", "say", .. TargetKeys]);
                var text = file.Text(YamlFile.Get(map, "say"), $"the text of step {id}");
                return text is null ? null : new SayStep(id, where, text) { Next = Target(file, map) };
            }

            case "ask":
                return ParseAsk(file, map, id, where);

            case "branch":
            {
                file.OnlyKeys(map, "a branch step", ["id", "branch", .. TargetKeys]);
                var rules = new List<BranchRule>();
                foreach (var item in file.List(YamlFile.Get(map, "branch"), $"the rules of step {id}")?.Children ?? [])
                {
                    var rule = ParseRule(file, item);
                    if (rule is not null)
                    {
                        rules.Add(rule);
                    }
                }

                return new BranchStep(id, where, rules) { Next = Target(file, map) };
            }

            case "set":
            {
                file.OnlyKeys(map, "a set step", ["id", "set", .. TargetKeys]);
                return new SetStep(id, where, Variables(file, YamlFile.Get(map, "set"), $"the variables of step {id}")) { Next = Target(file, map) };
            }

            case "action":
            {
                file.OnlyKeys(map, "an action step", ["id", "action", "with", .. TargetKeys]);
                var action = file.String(YamlFile.Get(map, "action"), "the action name");
                if (action is null)
                {
                    file.Error(map, $"step {id} names no action");
                    return null;
                }

                var args = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var (key, value) in Variables(file, YamlFile.Get(map, "with"), $"the arguments of step {id}"))
                {
                    if (value is not null)
                    {
                        args[key] = value;
                    }
                }

                return new ActionStep(id, where, action, args) { Next = Target(file, map) };
            }

            default:
            {
                file.OnlyKeys(map, $"a {kind} step", "id", kind);
                var target = Target(file, map);
                return target is null ? null : new JumpStep(id, where, target);
            }
        }
    }

    private static AskStep? ParseAsk(YamlFile file, YamlMappingNode map, string id, SourceLocation where)
    {
        file.OnlyKeys(map, "an ask step", ["id", "ask", "choices", "text", "save", "otherwise", .. TargetKeys]);
        var text = file.Text(YamlFile.Get(map, "ask"), $"the question of step {id}");
        var choices = new List<Choice>();
        foreach (var item in file.List(YamlFile.Get(map, "choices"), $"the choices of step {id}")?.Children ?? [])
        {
            var choice = ParseChoice(file, item);
            if (choice is not null)
            {
                choices.Add(choice);
            }
        }

        var acceptsText = file.Bool(YamlFile.Get(map, "text"), $"'text' of step {id}") ?? false;
        var save = file.String(YamlFile.Get(map, "save"), $"'save' of step {id}");
        if (save is not null)
        {
            file.CheckName(map, save, "the variable name");
        }

        Target? otherwise = null;
        var otherwiseNode = YamlFile.Get(map, "otherwise");
        if (otherwiseNode is YamlScalarNode scalar && !YamlFile.IsNull(scalar))
        {
            otherwise = new Target(TargetKind.Step, scalar.Value, file.At(scalar));
        }
        else if (otherwiseNode is not null)
        {
            var otherwiseMap = file.Map(otherwiseNode, $"'otherwise' of step {id}");
            if (otherwiseMap is not null)
            {
                file.OnlyKeys(otherwiseMap, "'otherwise'", TargetKeys);
                otherwise = Target(file, otherwiseMap);
            }
        }

        return text is null ? null : new AskStep(id, where, text, choices, acceptsText, save, otherwise) { Next = Target(file, map) };
    }

    private static Choice? ParseChoice(YamlFile file, YamlNode node)
    {
        var map = file.Map(node, "a choice");
        if (map is null)
        {
            return null;
        }

        file.OnlyKeys(map, "a choice", ["id", "label", "also", "set", .. TargetKeys]);
        var value = file.RequiredString(map, "id", "a choice");
        if (value is null || !file.CheckName(map, value, "the choice id"))
        {
            return null;
        }

        var label = file.Text(YamlFile.Get(map, "label"), $"the label of choice '{value}'");
        if (label is null)
        {
            file.Error(map, $"choice '{value}' needs a label (ja: and en:)");
            return null;
        }

        var also = file.PerLocaleStrings(YamlFile.Get(map, "also"), $"'also' of choice '{value}'");
        var set = Variables(file, YamlFile.Get(map, "set"), $"'set' of choice '{value}'");
        return new Choice(value, label, also, Target(file, map), set, file.At(map));
    }

    private static BranchRule? ParseRule(YamlFile file, YamlNode node)
    {
        var map = file.Map(node, "a branch rule");
        if (map is null)
        {
            return null;
        }

        file.OnlyKeys(map, "a branch rule", ["when", .. TargetKeys]);
        var target = Target(file, map);
        if (target is null)
        {
            file.Error(map, "a branch rule needs where to go: next, goto, resume or end");
            return null;
        }

        var whenNode = YamlFile.Get(map, "when");
        Condition? condition = null;
        if (whenNode is not null)
        {
            condition = ParseCondition(file, whenNode);
            if (condition is null)
            {
                return null;
            }
        }

        return new BranchRule(condition, target, file.At(map));
    }

    private static Condition? ParseCondition(YamlFile file, YamlNode node)
    {
        var map = file.Map(node, "a condition");
        if (map is null)
        {
            return null;
        }

        var where = file.At(map);
        if (YamlFile.Has(map, "var"))
        {
            file.OnlyKeys(map, "a variable condition", "var", "is", "in", "set");
            var name = file.String(YamlFile.Get(map, "var"), "the variable name");
            if (name is null || !file.CheckName(map, name, "the variable name"))
            {
                return null;
            }

            var isSet = file.Bool(YamlFile.Get(map, "set"), "'set'");
            var values = file.Strings(YamlFile.Get(map, "is"), "'is'").Concat(file.Strings(YamlFile.Get(map, "in"), "'in'")).ToList();
            if (isSet is null && values.Count == 0)
            {
                file.Error(map, $"the condition on '{name}' needs 'is', 'in' or 'set'");
                return null;
            }

            return new Condition(ConditionKind.Var, name, values, isSet, where);
        }

        var kinds = new (string Key, ConditionKind Kind)[]
        {
            ("answer", ConditionKind.Answer), ("risk", ConditionKind.Risk), ("topic", ConditionKind.Topic),
            ("speaker", ConditionKind.Speaker), ("counsellors", ConditionKind.Counsellors),
        };
        var present = kinds.Where(k => YamlFile.Has(map, k.Key)).ToList();
        if (present.Count != 1 || map.Children.Count != 1)
        {
            file.Error(map, "a condition is one of: var (with is, in or set), answer, risk, topic, speaker, counsellors");
            return null;
        }

        var (key, kind) = present[0];
        var list = file.Strings(YamlFile.Get(map, key), $"'{key}'");
        if (list.Count == 0)
        {
            file.Error(map, $"the '{key}' condition needs a value");
            return null;
        }

        return new Condition(kind, null, list, null, where);
    }

    /// <summary>The target keys of a mapping: at most one of next, goto, resume: true, end: true.</summary>
    private static Target? Target(YamlFile file, YamlMappingNode map)
    {
        var present = TargetKeys.Where(k => YamlFile.Has(map, k)).ToList();
        if (present.Count == 0)
        {
            return null;
        }

        if (present.Count > 1)
        {
            file.Error(map, $"only one of {string.Join(", ", present)} can say where to go next");
            return null;
        }

        var key = present[0];
        var node = YamlFile.Get(map, key)!;
        var where = file.At(node);
        switch (key)
        {
            case "next" or "goto":
            {
                var name = file.String(node, $"'{key}'");
                return name is null ? null : new Target(key == "next" ? TargetKind.Step : TargetKind.Flow, name, where);
            }

            default:
                if (file.Bool(node, $"'{key}'") != true)
                {
                    file.Error(node, $"'{key}' can only be true");
                    return null;
                }

                return new Target(key == "resume" ? TargetKind.Resume : TargetKind.End, null, where);
        }
    }

    private static Dictionary<string, string?> Variables(YamlFile file, YamlNode? node, string what)
    {
        var result = new Dictionary<string, string?>(StringComparer.Ordinal);
        var map = file.Map(node, what);
        if (map is null)
        {
            return result;
        }

        foreach (var (key, value) in map.Children)
        {
            var name = (key as YamlScalarNode)?.Value;
            if (!file.CheckName(key, name, "the name"))
            {
                continue;
            }

            result[name!] = file.String(value, $"the value of '{name}'");
        }

        return result;
    }
}
