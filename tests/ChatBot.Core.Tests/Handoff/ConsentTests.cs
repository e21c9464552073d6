using ChatBot.Core.Handoff;
using Microsoft.Bot.Schema;

namespace ChatBot.Core.Tests.Handoff;

public sealed class ConsentTests : IAsyncLifetime
{
    private HandoffHarness _h = null!;

    public async Task InitializeAsync()
    {
        _h = await HandoffHarness.StartAsync();
        await _h.SignInCounsellorAsync("sato", "佐藤");
    }

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task Asking_for_a_person_shows_what_will_be_shared_and_three_choices_and_queues_nothing()
    {
        var person = await _h.OpenConversationAsync("c-ask");

        var replies = await person.SayAsync("人と話したい");

        var prompt = Assert.Single(replies);
        Assert.Contains("要約", prompt.Text, StringComparison.Ordinal);
        Assert.Contains("緊急度", prompt.Text, StringComparison.Ordinal);
        Assert.Contains("伏せた会話", prompt.Text, StringComparison.Ordinal);
        Assert.Contains("社会福祉士", prompt.Text, StringComparison.Ordinal);
        Assert.Contains("待ち時間の目安", prompt.Text, StringComparison.Ordinal);
        Assert.Equal(["つないでほしい", "要約だけ共有してつなぐ", "まだいい"], prompt.SuggestedActions.Actions.Select(a => a.Title));
        Assert.Empty(await _h.Desk.QueueAsync(CancellationToken.None));
        Assert.Empty(_h.BotHeard);
    }

    [Fact]
    public async Task With_request_phrases_left_to_the_dialog_engine_the_phrase_goes_to_the_bot()
    {
        await using var h = await HandoffHarness.StartAsync(new Dictionary<string, string?> { ["Handoff:RecogniseRequests"] = "false" });
        var person = await h.OpenConversationAsync("c-engine");

        var replies = await person.SayAsync("人と話したい");

        Assert.Equal("bot: 人と話したい", Assert.Single(replies).Text);
    }

    [Fact]
    public async Task A_prepared_offer_is_returned_not_sent_and_the_answer_is_still_taken_on_the_next_message()
    {
        var person = await _h.OpenConversationAsync("c-engine-offer");
        Activity? prepared = null;

        await person.Adapter.ProcessActivityAsync(
            (Activity)Microsoft.Bot.Builder.MessageFactory.Text("相談員と話せますか"),
            async (turn, ct) => prepared = await _h.Core.Get<IHandoffService>().PrepareOfferAsync(
                turn, new HandoffRequest(ChatBot.Core.Triage.RiskLevel.High, ChatBot.Core.Triage.Speaker.Family, [], "息子が部屋から出てこない"), ct),
            CancellationToken.None);
        var sentMeanwhile = person.Adapter.ActiveQueue.Count;
        var replies = await person.SayAsync("つないでほしい");

        Assert.Equal(0, sentMeanwhile);
        Assert.Equal(["つないでほしい", "要約だけ共有してつなぐ", "まだいい"], prepared!.SuggestedActions.Actions.Select(a => a.Title));
        Assert.Contains("1番目", Assert.Single(replies).Text, StringComparison.Ordinal);
        var entry = await _h.Core.Get<HandoffStore>().GetOpenAsync("c-engine-offer", CancellationToken.None);
        Assert.Equal(ChatBot.Core.Triage.RiskLevel.High, entry!.Risk);
        Assert.Equal("息子が部屋から出てこない", entry.Summary);
    }

    [Fact]
    public async Task Declining_queues_nothing_and_stores_no_consent()
    {
        var person = await _h.OpenConversationAsync("c-decline");

        var replies = await person.AskAndConsentAsync("まだいい");

        Assert.Contains("つながなくても大丈夫", Assert.Single(replies).Text, StringComparison.Ordinal);
        Assert.Empty(await _h.Desk.QueueAsync(CancellationToken.None));
        Assert.Null(await _h.Core.Get<HandoffStore>().GetLatestAsync("c-decline", CancellationToken.None));
    }

    [Fact]
    public async Task Anything_but_an_answer_lets_the_offer_lapse_and_goes_to_the_bot()
    {
        var person = await _h.OpenConversationAsync("c-lapse");
        await person.SayAsync("人と話したい");

        var replies = await person.SayAsync("やっぱり、仕事のことを先に聞きたい");
        var later = await person.SayAsync("はい");

        Assert.Equal("bot: やっぱり、仕事のことを先に聞きたい", Assert.Single(replies).Text);
        Assert.Equal("bot: はい", Assert.Single(later).Text);
        Assert.Empty(await _h.Desk.QueueAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Consenting_stores_what_when_and_which_notice_then_queues_and_tells_the_place()
    {
        var person = await _h.OpenConversationAsync("c-yes");

        var replies = await person.AskAndConsentAsync();

        var told = Assert.Single(replies);
        Assert.Contains("1番目", told.Text, StringComparison.Ordinal);
        Assert.Equal(["キャンセル"], told.SuggestedActions.Actions.Select(a => a.Title));
        Assert.DoesNotContain(replies, a => a.Type == ActivityTypes.Event);
        var store = _h.Core.Get<HandoffStore>();
        var entry = await store.GetOpenAsync("c-yes", CancellationToken.None);
        Assert.Equal(HandoffState.Waiting, entry!.State);
        var consent = await store.GetConsentAsync(entry.Id, CancellationToken.None);
        Assert.Equal(ShareScope.Full, consent!.Scope);
        var privacy = _h.Core.Get<ChatBot.Core.Privacy.IPrivacyNotice>().Version;
        Assert.Equal(privacy + "/handoff-consent-2026-11", consent.NoticeVersion);
        Assert.Equal(_h.Core.Clock.GetUtcNow(), consent.GivenAt);
        var audit = await _h.Core.Get<ChatBot.Core.Retention.IAuditLog>().ReadAsync("c-yes", 10, CancellationToken.None);
        Assert.Contains(audit, a => a.Action == "handoff.consented" && a.Detail!.Contains($"notice={privacy}/handoff-consent-2026-11", StringComparison.Ordinal));
        Assert.True(_h.Notifier.QueueChanges > 0);
    }

    [Fact]
    public async Task Summary_only_consent_hides_the_conversation_before_the_handoff_from_the_counsellor()
    {
        var person = await _h.OpenConversationAsync("c-summary");
        var log = _h.Core.Get<ChatBot.Core.Conversations.IConversationLog>();
        await log.AppendAsync("c-summary", new Activity(ActivityTypes.Message) { Text = "昔のつらい話", From = new ChannelAccount("u", role: RoleTypes.User) }, CancellationToken.None);
        _h.Core.Clock.Advance(TimeSpan.FromMinutes(1));

        await person.AskAndConsentAsync("要約だけ共有してつなぐ");
        _h.Core.Clock.Advance(TimeSpan.FromMinutes(1));
        var counsellor = await _h.Core.Get<ICounsellorDirectory>().FindByUsernameAsync("sato", CancellationToken.None);
        var claimed = await _h.Desk.ClaimAsync("c-summary", counsellor!, CancellationToken.None);

        Assert.Equal(DeskOutcome.Ok, claimed.Outcome);
        Assert.Equal("summary", claimed.Value!.Consent!.Scope);
        Assert.DoesNotContain(claimed.Value.Transcript, l => l.Text.Contains("昔のつらい話", StringComparison.Ordinal));
        Assert.Contains(claimed.Value.Transcript, l => l.Text.Contains("佐藤さんが入りました", StringComparison.Ordinal));
        Assert.Contains(claimed.Value.Triage, t => t.Risk == "high");
    }

    [Fact]
    public async Task With_nobody_on_duty_the_person_may_leave_a_message_and_is_shown_the_crisis_lines()
    {
        _h.Core.Clock.Advance(TimeSpan.FromHours(1)); // the counsellor's session has lapsed
        var person = await _h.OpenConversationAsync("c-night");

        var offer = await person.SayAsync("人と話したい");
        var replies = await person.SayAsync("つないでほしい");

        Assert.Contains("相談員がいない時間", Assert.Single(offer).Text, StringComparison.Ordinal);
        var told = Assert.Single(replies).Text;
        Assert.Contains("メッセージは残ります", told, StringComparison.Ordinal);
        Assert.Contains("110", told, StringComparison.Ordinal);
        Assert.Contains("0120-279-338", told, StringComparison.Ordinal);
        var entry = await _h.Core.Get<HandoffStore>().GetOpenAsync("c-night", CancellationToken.None);
        Assert.True(entry!.LeftMessage);
    }

    [Fact]
    public async Task English_speakers_get_the_english_notice_and_labels()
    {
        var person = await _h.OpenConversationAsync("c-en", "en-US");

        var prompt = Assert.Single(await person.SayAsync("Talk to a person"));

        Assert.Contains("summary", prompt.Text, StringComparison.Ordinal);
        Assert.Equal(["Yes, connect me", "Share summary only", "Not now"], prompt.SuggestedActions.Actions.Select(a => a.Title));
    }

    [Fact]
    public async Task A_crisis_consent_alerts_every_counsellor_at_once()
    {
        var person = await _h.OpenConversationAsync("c-crisis");
        await _h.Core.Get<ChatBot.Core.Conversations.IConversationLog>().AppendAsync(
            "c-crisis", new Activity(ActivityTypes.Message) { Text = "もう死にたい", From = new ChannelAccount("u", role: RoleTypes.User) }, CancellationToken.None);

        await person.AskAndConsentAsync();

        var alert = Assert.Single(_h.Notifier.CrisisAlerts);
        Assert.Equal("c-crisis", alert.ConversationId);
        Assert.Equal("crisis", alert.Risk);
    }
}
