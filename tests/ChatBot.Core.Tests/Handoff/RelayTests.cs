using ChatBot.Core.Handoff;
using Microsoft.Bot.Schema;

namespace ChatBot.Core.Tests.Handoff;

public sealed class RelayTests : IAsyncLifetime
{
    private HandoffHarness _h = null!;
    private Counsellor _sato = null!;
    private Counsellor _suzuki = null!;

    public async Task InitializeAsync()
    {
        _h = await HandoffHarness.StartAsync();
        _sato = await _h.SignInCounsellorAsync("sato", "佐藤");
        _suzuki = await _h.SignInCounsellorAsync("suzuki", "鈴木");
    }

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task While_a_counsellor_holds_the_conversation_the_bot_is_silent_and_every_message_is_relayed_in_order()
    {
        var person = await ConnectedPersonAsync("c-relay");
        var said = Enumerable.Range(1, 12).Select(i => $"メッセージ{i}").ToList();

        var replies = new List<Activity>();
        foreach (var text in said)
        {
            replies.AddRange(await person.SayAsync(text));
        }

        Assert.Empty(replies);
        Assert.Empty(_h.BotHeard);
        Assert.Equal(said, _h.Notifier.Messages.Where(m => m.From == "person").Select(m => m.Text));
    }

    [Fact]
    public async Task A_crisis_message_reaches_the_bot_crisis_path_and_the_counsellor_too()
    {
        var person = await ConnectedPersonAsync("c-crisis");

        var replies = await person.SayAsync("もう死にたい");

        Assert.Equal(["もう死にたい"], _h.BotHeard);
        Assert.Equal("bot: もう死にたい", Assert.Single(replies).Text);
        var relayed = Assert.Single(_h.Notifier.Messages, m => m.From == "person");
        Assert.Equal("crisis", relayed.Risk);
        Assert.Equal(ChatBot.Core.Triage.RiskLevel.Crisis, (await _h.Core.Get<HandoffStore>().GetOpenAsync("c-crisis", CancellationToken.None))!.Risk);
    }

    [Fact]
    public async Task Counsellor_messages_reach_the_person_in_order_under_the_display_name_none_lost_when_sent_at_once()
    {
        await ConnectedPersonAsync("c-burst");

        var sends = Enumerable.Range(1, 30).Select(i => _h.Desk.SendAsync("c-burst", _sato, $"返信{i}", CancellationToken.None)).ToList();
        var results = await Task.WhenAll(sends);

        Assert.All(results, r => Assert.Equal(DeskOutcome.Ok, r.Outcome));
        var sent = (await _h.ChannelMessenger.SentAsync("c-burst")).Where(a => a.From.Name == "佐藤").ToList();
        Assert.Equal(30, sent.Count);
        Assert.Equal(30, sent.Select(a => a.Text).Distinct().Count());
        Assert.All(sent, a => Assert.Equal(RoleTypes.Bot, a.From.Role));
        Assert.All(sent, a => Assert.StartsWith("counsellor-", a.From.Id, StringComparison.Ordinal));
        // The console sees the counsellor's messages in exactly the order the person received them.
        Assert.Equal(sent.Select(a => a.Id), _h.Notifier.Messages.Where(m => m.From == "counsellor").Select(m => m.Id));
        Assert.Equal(results.Select(r => r.Value!.Id).Order(StringComparer.Ordinal), sent.Select(a => a.Id));
    }

    [Fact]
    public async Task Messages_sent_one_after_another_arrive_in_that_order_after_the_joined_notice()
    {
        await ConnectedPersonAsync("c-order");

        foreach (var text in new[] { "はじめまして", "佐藤です", "ゆっくりで大丈夫です" })
        {
            await _h.Desk.SendAsync("c-order", _sato, text, CancellationToken.None);
        }

        var texts = (await _h.ChannelMessenger.SentAsync("c-order")).Select(a => a.Text).ToList();
        Assert.Equal(["相談員の佐藤さんが入りました。ここからは佐藤さんがお返事します。", "はじめまして", "佐藤です", "ゆっくりで大丈夫です"], texts);
    }

    [Fact]
    public async Task Claim_sends_accepted_close_sends_completed_and_the_bot_speaks_again_afterwards()
    {
        var person = await ConnectedPersonAsync("c-close");

        var closed = await _h.Desk.CloseAsync("c-close", _sato, "今日はありがとうございました。", CancellationToken.None);
        await _h.Core.Get<HandoffStatusOutbox>().DeliverPendingAsync(CancellationToken.None);
        var after = await person.SayAsync("こんにちは");

        Assert.Equal(DeskOutcome.Ok, closed.Outcome);
        Assert.Equal([("c-close", "accepted"), ("c-close", "completed")], _h.Dispatcher.Events);
        var texts = (await _h.ChannelMessenger.SentAsync("c-close")).Select(a => a.Text).ToList();
        Assert.Equal("今日はありがとうございました。", texts[^2]);
        Assert.Contains("終わります", texts[^1], StringComparison.Ordinal);
        Assert.Equal("bot: こんにちは", Assert.Single(after).Text);
    }

    [Fact]
    public async Task Posting_to_a_conversation_one_does_not_hold_is_refused_and_sends_nothing()
    {
        await ConnectedPersonAsync("c-held");
        var before = (await _h.ChannelMessenger.SentAsync("c-held")).Count;

        var message = await _h.Desk.SendAsync("c-held", _suzuki, "横から失礼します", CancellationToken.None);
        var close = await _h.Desk.CloseAsync("c-held", _suzuki, null, CancellationToken.None);
        var claim = await _h.Desk.ClaimAsync("c-held", _suzuki, CancellationToken.None);
        var view = await _h.Desk.ViewAsync("c-held", _suzuki, CancellationToken.None);

        Assert.Equal(DeskOutcome.HeldByAnother, message.Outcome);
        Assert.Equal(DeskOutcome.HeldByAnother, close.Outcome);
        Assert.Equal(DeskOutcome.HeldByAnother, claim.Outcome);
        Assert.Equal(DeskOutcome.HeldByAnother, view.Outcome);
        Assert.Equal(before, (await _h.ChannelMessenger.SentAsync("c-held")).Count);
        Assert.Equal(HandoffState.Active, (await _h.Core.Get<HandoffStore>().GetOpenAsync("c-held", CancellationToken.None))!.State);
    }

    [Fact]
    public async Task The_counsellor_sees_what_raised_each_message_and_when_it_was_only_a_resemblance()
    {
        await ConnectedPersonAsync("c-why");
        // The channels write what the person says to the conversation log; this harness's test channel does not.
        foreach (var text in new[] { "もう死にたい", "なんだかふわふわする", "こんにちは" })
        {
            var said = Microsoft.Bot.Builder.MessageFactory.Text(text);
            said.From = new Microsoft.Bot.Schema.ChannelAccount("user-c-why", role: Microsoft.Bot.Schema.RoleTypes.User);
            said.Timestamp = DateTimeOffset.UtcNow;
            await _h.Core.Get<ChatBot.Core.Conversations.IConversationLog>().AppendAsync("c-why", said, CancellationToken.None);
        }

        var view = await _h.Desk.ViewAsync("c-why", _sato, CancellationToken.None);

        Assert.Equal(DeskOutcome.Ok, view.Outcome);
        var crisis = Assert.Single(view.Value!.Triage, x => x.Risk == "crisis");
        Assert.Equal(["t.crisis"], crisis.Signals);
        Assert.False(crisis.Tentative);
        var unsure = Assert.Single(view.Value.Triage, x => x.Tentative);
        Assert.Equal("high", unsure.Risk);
        Assert.Equal(["examples.similar"], unsure.Signals);
        Assert.All(view.Value.Triage.Where(x => x.Risk == "normal"), x => Assert.Empty(x.Signals));
    }

    [Fact]
    public async Task Transfer_hands_the_conversation_to_another_counsellor_and_tells_the_person()
    {
        await ConnectedPersonAsync("c-transfer");

        var transfer = await _h.Desk.TransferAsync("c-transfer", _sato, "suzuki", CancellationToken.None);
        var oldHolder = await _h.Desk.SendAsync("c-transfer", _sato, "まだいますか", CancellationToken.None);
        var newHolder = await _h.Desk.SendAsync("c-transfer", _suzuki, "鈴木です", CancellationToken.None);

        Assert.Equal(DeskOutcome.Ok, transfer.Outcome);
        Assert.Equal(DeskOutcome.HeldByAnother, oldHolder.Outcome);
        Assert.Equal(DeskOutcome.Ok, newHolder.Outcome);
        var texts = (await _h.ChannelMessenger.SentAsync("c-transfer")).Select(a => a.Text).ToList();
        Assert.Contains("担当の相談員が鈴木さんに代わります。", texts);
    }

    [Fact]
    public async Task Release_gives_the_conversation_back_to_the_bot()
    {
        var person = await ConnectedPersonAsync("c-release");

        var released = await _h.Desk.ReleaseAsync("c-release", _sato, CancellationToken.None);
        var after = await person.SayAsync("メニュー");

        Assert.Equal(DeskOutcome.Ok, released.Outcome);
        Assert.Equal("released", released.Value!.State);
        Assert.Equal("bot: メニュー", Assert.Single(after).Text);
    }

    [Fact]
    public async Task The_person_can_end_the_conversation_with_the_counsellor()
    {
        var person = await ConnectedPersonAsync("c-end");

        var replies = await person.SayAsync("終わりにする");
        await _h.Core.Get<HandoffStatusOutbox>().DeliverPendingAsync(CancellationToken.None);
        var message = await _h.Desk.SendAsync("c-end", _sato, "もしもし", CancellationToken.None);

        Assert.Contains("終わりました", Assert.Single(replies).Text, StringComparison.Ordinal);
        Assert.Equal(DeskOutcome.NotOpen, message.Outcome);
        Assert.Equal("completed", _h.Dispatcher.Events.Last().State);
        Assert.Contains(_h.Notifier.Changes, c => c.ConversationId == "c-end" && c.State == "ended");
    }

    [Fact]
    public async Task While_waiting_the_person_can_cancel_and_is_acknowledged_at_most_once_per_interval()
    {
        var person = await _h.OpenConversationAsync("c-wait");
        await person.AskAndConsentAsync();

        var first = await person.SayAsync("まだですか");
        var second = await person.SayAsync("待っています");
        _h.Core.Clock.Advance(TimeSpan.FromMinutes(5));
        var third = await person.SayAsync("まだかな");
        var cancelled = await person.SayAsync("キャンセル");

        Assert.Contains("受け取りました", Assert.Single(first).Text, StringComparison.Ordinal);
        Assert.Empty(second);
        Assert.Single(third);
        Assert.Contains("やめました", Assert.Single(cancelled).Text, StringComparison.Ordinal);
        Assert.Empty(await _h.Desk.QueueAsync(CancellationToken.None));
        Assert.Empty(_h.BotHeard);
    }

    [Fact]
    public async Task Waiting_people_are_reassured_every_few_minutes_not_more()
    {
        var person = await _h.OpenConversationAsync("c-reassure");
        await person.AskAndConsentAsync();
        var reassurance = _h.Core.Get<HandoffReassurance>();

        var atOnce = await reassurance.RunOnceAsync(CancellationToken.None);
        _h.Core.Clock.Advance(TimeSpan.FromMinutes(4));
        var afterFour = await reassurance.RunOnceAsync(CancellationToken.None);
        _h.Core.Clock.Advance(TimeSpan.FromMinutes(1));
        var afterFive = await reassurance.RunOnceAsync(CancellationToken.None);
        _h.Core.Clock.Advance(TimeSpan.FromMinutes(4));
        var afterNine = await reassurance.RunOnceAsync(CancellationToken.None);

        Assert.Equal([0, 1, 0, 1], [atOnce, afterFour, afterFive, afterNine]);
        var sent = await _h.ChannelMessenger.SentAsync("c-reassure");
        Assert.Equal(2, sent.Count(a => a.Text.Contains("1番目", StringComparison.Ordinal)));
    }

    private async Task<HandoffHarness.Person> ConnectedPersonAsync(string conversationId)
    {
        var person = await _h.OpenConversationAsync(conversationId);
        await person.AskAndConsentAsync();
        var claim = await _h.Desk.ClaimAsync(conversationId, _sato, CancellationToken.None);
        Assert.Equal(DeskOutcome.Ok, claim.Outcome);
        return person;
    }
}
