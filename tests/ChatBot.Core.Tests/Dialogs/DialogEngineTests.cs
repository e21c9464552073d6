using ChatBot.Core.Dialogs;
using ChatBot.Core.Triage;
using Microsoft.Bot.Schema;
using Moq;

namespace ChatBot.Core.Tests.Dialogs;

public sealed class DialogEngineTests : IDisposable
{
    private readonly EngineHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    public static TheoryData<string, string> Questions()
    {
        using var harness = new EngineHarness();
        var data = new TheoryData<string, string>();
        foreach (var flow in harness.Content.Flows.Values)
        {
            foreach (var ask in flow.Steps.OfType<AskStep>())
            {
                data.Add(flow.Name, ask.Id);
            }
        }

        return data;
    }

    /// <summary>Whatever the person sends, no question in the content is shown more than twice in a row, and every message gets a reply.</summary>
    [Theory]
    [MemberData(nameof(Questions))]
    public async Task No_question_is_asked_more_than_twice_in_a_row(string flowName, string stepId)
    {
        var ask = (AskStep)_harness.Content.Flows[flowName].Steps.Single(s => s.Id == stepId);
        var question = ask.Text.For("ja");
        var state = new DialogState { Greeted = true, Flow = flowName, Step = stepId, AskCount = 1 };
        var inARow = 1;
        var most = 1;

        for (var i = 0; i < 6; i++)
        {
            // Free-text questions take any words; only an empty message is not an answer there.
            var turn = await _harness.SendAsync(state, ask.AcceptsText ? string.Empty : "ほげほげ");

            Assert.NotEmpty(turn.Replies);
            inARow = turn.Replies.Any(r => r.Text == question) ? inARow + 1 : 0;
            most = Math.Max(most, inARow);
        }

        Assert.True(most <= 2, $"'{question}' was shown {most} times in a row");
    }

    [Fact]
    public async Task The_highest_risk_never_drops_back_by_itself()
    {
        var state = new DialogState { Greeted = true };
        await _harness.SendAsync(state, "自分のこと");
        await _harness.SendAsync(state, "もう無理", RiskLevel.Crisis);
        var raisedAt = state.RiskRaisedAt;

        await _harness.SendAsync(state, "さっきの話に戻る");
        _harness.Clock.Advance(TimeSpan.FromHours(1));
        await _harness.SendAsync(state, "とばす", RiskLevel.High);

        Assert.Equal(RiskLevel.Crisis, state.HighestRisk);
        Assert.Equal(raisedAt, state.RiskRaisedAt);
    }

    [Fact]
    public async Task Crisis_message_interrupts_any_flow_in_the_same_turn()
    {
        var state = new DialogState { Greeted = true };
        await _harness.SendAsync(state, "家族のこと");
        await _harness.SendAsync(state, "はい");

        var turn = await _harness.SendAsync(state, "死にたい", RiskLevel.Crisis);

        Assert.Equal(["show-crisis-lines"], turn.Actions);
        Assert.Contains(turn.Replies, r => r.Text.Contains("[0120-279-338](tel:0120279338)", StringComparison.Ordinal));
        Assert.Equal(("crisis", "next"), (state.Flow, state.Step));
        Assert.Equal(("family", "age"), (state.ResumeFlow, state.ResumeStep));
    }

    [Fact]
    public async Task The_emergency_numbers_are_shown_even_when_the_crisis_line_catalog_fails()
    {
        _harness.CrisisLines.Setup(c => c.OpenAt(It.IsAny<DateTimeOffset>())).Throws(new IOException("catalog file missing"));
        var state = new DialogState { Greeted = true };

        var turn = await _harness.SendAsync(state, "今から死ぬ", RiskLevel.Crisis);

        Assert.Contains(turn.Replies, r => r.Text.Contains("[110](tel:110)", StringComparison.Ordinal) && r.Text.Contains("[119](tel:119)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Replies_carry_the_locale_and_offer_choices_as_suggested_actions()
    {
        var state = new DialogState();

        var turn = await _harness.SendAsync(state, "hello", locale: "en-US");

        Assert.All(turn.Replies, r => Assert.Equal("en", r.Locale));
        Assert.All(turn.Replies, r => Assert.Equal(TextFormatTypes.Markdown, r.TextFormat));
        var menu = turn.Replies[^1];
        Assert.Equal(["About me", "Someone close to me", "What support exists", "Talk to a person", "Ask for a call-back"], menu.SuggestedActions.Actions.Select(a => a.Title));
        Assert.All(menu.SuggestedActions.Actions, a =>
        {
            Assert.Equal(ActionTypes.ImBack, a.Type);
            Assert.Equal(a.Title, a.Value);
        });
    }

    [Fact]
    public async Task A_conversation_waiting_at_a_question_the_content_no_longer_has_starts_again_at_the_menu()
    {
        var state = new DialogState { Greeted = true, Flow = "self", Step = "removed-question", ResumeFlow = "old", ResumeStep = "gone", Interrupted = true };

        var turn = await _harness.SendAsync(state, "はい");

        Assert.Contains(turn.Replies, r => r.Text.Contains("さっきの続きが見つからなくなりました", StringComparison.Ordinal));
        Assert.Equal(("menu", "choose"), (state.Flow, state.Step));
        Assert.False(state.CanResume);
    }

    [Fact]
    public async Task Deleting_my_data_forgets_answers_topics_and_risk_but_keeps_the_language()
    {
        var state = new DialogState { Greeted = true, Locale = "en", LocaleChosen = true };
        await _harness.SendAsync(state, "Someone close to me");
        await _harness.SendAsync(state, "Yes");
        await _harness.SendAsync(state, "40s", RiskLevel.High);
        Assert.Equal("forties", state.Vars["relative-age"]);

        await _harness.SendAsync(state, "delete my data");
        var turn = await _harness.SendAsync(state, "Delete");

        Assert.Equal(["delete-my-data", "end"], turn.Actions);
        Assert.Empty(state.Vars);
        Assert.Equal(RiskLevel.Normal, state.HighestRisk);
        Assert.False(state.CanResume);
        Assert.Equal("en", state.Locale);
    }

    [Fact]
    public async Task Free_text_kept_in_a_variable_is_cut_short()
    {
        var state = new DialogState { Greeted = true, Flow = "support", Step = "area", AskCount = 1 };

        await _harness.SendAsync(state, new string('あ', 1000));

        Assert.Equal(200, state.Vars["area"].Length);
    }
}
