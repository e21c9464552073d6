namespace ChatBot.Core.Tests.Dialogs;

/// <summary>Each kind of content error is reported with its file and line, so the person who wrote it can find it.</summary>
public sealed class DialogValidationTests : IDisposable
{
    private readonly DialogsFolder _dialogs = new();

    public void Dispose() => _dialogs.Dispose();

    [Fact]
    public void The_repository_content_has_no_errors()
    {
        Assert.Empty(_dialogs.Errors());
    }

    [Fact]
    public void Bad_yaml_is_reported_with_its_line()
    {
        _dialogs.Write("flows/broken.yaml", "flow: broken\nsteps:\n  - say: { ja: こんにちは, en: Hello\n  - end: true\n");

        var error = Assert.Single(_dialogs.Errors(), e => e.StartsWith("dialogs/flows/broken.yaml:", StringComparison.Ordinal));

        Assert.Contains("not valid YAML", error, StringComparison.Ordinal);
        Assert.Matches(@"^dialogs/flows/broken\.yaml:[34]:", error);
    }

    [Fact]
    public void An_unknown_step_is_reported_where_it_is_named()
    {
        _dialogs.Replace("flows/pause.yaml", "  - end: true", "    next: nowhere\n  - end: true");

        Assert.Contains("dialogs/flows/pause.yaml:9: unknown step 'nowhere' in flow 'pause'", _dialogs.Errors());
    }

    [Fact]
    public void An_unknown_flow_is_reported_where_it_is_named()
    {
        _dialogs.Replace("flows/closing.yaml", "  - action: end", "  - goto: good-bye");

        Assert.Contains("dialogs/flows/closing.yaml:9: unknown flow 'good-bye'", _dialogs.Errors());
    }

    [Fact]
    public void A_missing_translation_is_reported()
    {
        _dialogs.Replace("flows/pause.yaml", "      en: Of course. Let's pause here. Whenever you feel like talking again, just send a message.\n", string.Empty);

        Assert.Contains("dialogs/flows/pause.yaml:7: missing translation: the text of step #1 has no 'en' text", _dialogs.Errors());
    }

    [Fact]
    public void An_unknown_action_is_reported_with_the_known_ones()
    {
        _dialogs.Replace("flows/closing.yaml", "  - action: end", "  - action: fly-to-the-moon");

        var error = Assert.Single(_dialogs.Errors());
        Assert.StartsWith("dialogs/flows/closing.yaml:9: unknown action 'fly-to-the-moon' (known: ", error, StringComparison.Ordinal);
        Assert.Contains("show-resources", error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_action_argument_it_does_not_take_is_reported()
    {
        _dialogs.Replace("flows/closing.yaml", "  - action: end", "  - action: end\n    with: { quickly: \"yes\" }");

        Assert.Contains("dialogs/flows/closing.yaml:9: the action 'end' takes no argument 'quickly'", _dialogs.Errors());
    }

    [Fact]
    public void An_unreachable_step_is_reported()
    {
        _dialogs.Replace("flows/pause.yaml", "  - end: true", "  - end: true\n  - say: { ja: もう一度, en: Once more }");

        Assert.Contains("dialogs/flows/pause.yaml:10: step #3 of flow 'pause' can never be reached (no step leads to it)", _dialogs.Errors());
    }

    [Fact]
    public void A_flow_nothing_leads_to_is_reported()
    {
        _dialogs.Write("flows/lonely.yaml", "# nobody goes here\nflow: lonely\nsteps:\n  - say: { ja: だれも来ない, en: Nobody comes }\n");

        Assert.Contains("dialogs/flows/lonely.yaml:2: the flow 'lonely' can never be reached: no flow goes to it and no intent starts it", _dialogs.Errors());
    }

    [Fact]
    public void A_label_longer_than_twenty_characters_is_reported()
    {
        _dialogs.Replace("flows/welcome-back.yaml", "label: { ja: 続きから, en: Carry on }", "label: { ja: 続きから, en: Carry on from where we were }");

        Assert.Contains("dialogs/flows/welcome-back.yaml:13: the en label 'Carry on from where we were' has 27 characters; buttons allow at most 20", _dialogs.Errors());
    }

    [Fact]
    public void A_misspelt_key_is_reported_rather_than_ignored()
    {
        _dialogs.Replace("flows/pause.yaml", "  - say:", "  - sya:");

        var errors = _dialogs.Errors();
        Assert.Contains(errors, e => e.StartsWith("dialogs/flows/pause.yaml:6: step #1 does nothing", StringComparison.Ordinal));
    }

    [Fact]
    public void A_variable_that_is_never_set_is_reported()
    {
        _dialogs.Replace("flows/family.yaml", "when: { var: violence, is: afraid }", "when: { var: violense, is: afraid }");

        Assert.Contains("dialogs/flows/family.yaml:122: the variable 'violense' is never set by any flow (a typo?)", _dialogs.Errors());
    }

    [Fact]
    public void An_unknown_placeholder_is_reported()
    {
        _dialogs.Replace("flows/closing.yaml", "また来てください。", "また来てください。{see-you}");

        Assert.Contains(_dialogs.Errors(), e => e.StartsWith("dialogs/flows/closing.yaml:7: unknown placeholder {see-you}", StringComparison.Ordinal));
    }

    [Fact]
    public void A_missing_well_known_flow_is_reported()
    {
        _dialogs.Delete("flows/crisis.yaml");

        Assert.Contains("dialogs/flows:1: the flow 'crisis' is missing (the engine starts it by name)", _dialogs.Errors());
    }

    [Fact]
    public void The_high_risk_aside_cannot_ask_anything()
    {
        _dialogs.Replace("flows/high-risk.yaml", "  - action: show-crisis-lines", "  - id: question\n    ask: { ja: 大丈夫？, en: Are you okay? }\n    choices:\n      - id: ok\n        label: { ja: はい, en: \"Yes\" }\n  - action: show-crisis-lines");

        Assert.Contains("dialogs/flows/high-risk.yaml:10: the high-risk flow is an aside: it cannot ask or leave the flow, the conversation carries on after it", _dialogs.Errors());
    }

    [Fact]
    public void A_missing_text_the_bot_needs_is_reported()
    {
        _dialogs.Replace("texts.yaml", "  moving-on:\n", "  moving-away:\n");

        Assert.Contains("dialogs/texts.yaml:1: the text 'moving-on' is missing (the bot needs it)", _dialogs.Errors());
    }

    [Fact]
    public void An_intent_starting_an_unknown_flow_is_reported()
    {
        _dialogs.Replace("intents.yaml", "flow: pause", "flow: paws");

        Assert.Contains(_dialogs.Errors(), e => e.StartsWith("dialogs/intents.yaml:11: intent 'stop' starts unknown flow 'paws'", StringComparison.Ordinal));
    }

    [Fact]
    public void A_resource_with_an_unknown_need_is_reported()
    {
        _dialogs.Replace("resources/national.yaml", "needs: [family]", "needs: [famly]");

        Assert.Contains("dialogs/resources/national.yaml:23: resource 'khj' has unknown need 'famly' (defined in dialogs/resources/needs.yaml)", _dialogs.Errors());
    }

    [Fact]
    public void A_question_at_the_end_of_a_flow_needs_somewhere_to_go_when_not_understood()
    {
        _dialogs.Replace("flows/welcome-back.yaml", "    otherwise: { goto: menu }\n", string.Empty);

        Assert.Contains(_dialogs.Errors(), e => e.StartsWith("dialogs/flows/welcome-back.yaml:7: question continue is the last step: add 'otherwise:'", StringComparison.Ordinal));
    }
}
