using ChatBot.Core.Handoff;
using ChatBot.Core.Retention;
using ChatBot.Core.Triage;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;

namespace ChatBot.Core.Tests.Handoff;

public sealed class HandoffProtocolTests
{
    [Fact]
    public async Task With_an_external_desk_handoff_initiate_goes_to_the_channel_with_context_and_transcript_and_nothing_is_queued()
    {
        await using var h = await HandoffHarness.StartAsync(new Dictionary<string, string?> { ["Handoff:Desk"] = "external" });
        await h.SignInCounsellorAsync("sato", "佐藤");
        var person = await h.OpenConversationAsync("c-external");
        await h.Core.Get<ChatBot.Core.Conversations.IConversationLog>().AppendAsync(
            "c-external", new Activity(ActivityTypes.Message) { Text = "息子の仕事のことで", From = new ChannelAccount("u", role: RoleTypes.User) }, CancellationToken.None);

        var replies = await person.AskAndConsentAsync();

        var initiation = Assert.Single(replies);
        Assert.Equal(ActivityTypes.Event, initiation.Type);
        Assert.Equal(HandoffEventNames.InitiateHandoff, initiation.Name);
        var context = ((JObject)initiation.Value).ToObject<HandoffContext>()!;
        Assert.Equal("c-external", context.ConversationId);
        Assert.Equal("family", context.Speaker);
        Assert.Equal(["work"], context.Topics);
        Assert.Equal("full", context.Consent.Scope);
        Assert.Equal(h.Core.Get<ChatBot.Core.Privacy.IPrivacyNotice>().Version + "/handoff-consent-2026-11", context.Consent.NoticeVersion);
        var attachment = Assert.Single(initiation.Attachments);
        Assert.Equal("application/json", attachment.ContentType);
        Assert.Equal("Transcript", attachment.Name);
        var transcript = JObject.FromObject(attachment.Content);
        Assert.Contains(transcript["activities"]!, a => (string?)a["text"] == "息子の仕事のことで");
        Assert.Empty(await h.Desk.QueueAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_summary_only_consent_sends_no_transcript()
    {
        await using var h = await HandoffHarness.StartAsync(new Dictionary<string, string?> { ["Handoff:Desk"] = "external" });
        var person = await h.OpenConversationAsync("c-summary-only");

        var replies = await person.AskAndConsentAsync("要約だけ共有してつなぐ");

        var initiation = Assert.Single(replies);
        Assert.Equal("summary", ((JObject)initiation.Value).ToObject<HandoffContext>()!.Consent.Scope);
        Assert.True(initiation.Attachments is null || initiation.Attachments.Count == 0);
    }

    [Fact]
    public async Task Retention_removes_old_handoffs_and_notes_but_keeps_consent_records_for_the_record_period()
    {
        await using var h = await HandoffHarness.StartAsync();
        var sato = await h.SignInCounsellorAsync("sato", "佐藤");
        var person = await h.OpenConversationAsync("c-old");
        await person.AskAndConsentAsync();
        await h.Desk.ClaimAsync("c-old", sato, CancellationToken.None);
        await h.Desk.AddNoteAsync("c-old", sato, "メモ", CancellationToken.None);
        await h.Desk.CloseAsync("c-old", sato, null, CancellationToken.None);
        var store = h.Core.Get<HandoffStore>();
        var entryId = (await store.GetLatestAsync("c-old", CancellationToken.None))!.Id;

        h.Core.Clock.Advance(TimeSpan.FromDays(91));
        await h.Core.Get<RetentionPurge>().RunOnceAsync(CancellationToken.None);

        Assert.Null(await store.GetLatestAsync("c-old", CancellationToken.None));
        Assert.Empty(await store.NotesAsync("c-old", CancellationToken.None));
        Assert.NotNull(await store.GetConsentAsync(entryId, CancellationToken.None));

        h.Core.Clock.Advance(TimeSpan.FromDays(1100));
        await h.Core.Get<RetentionPurge>().RunOnceAsync(CancellationToken.None);

        Assert.Null(await store.GetConsentAsync(entryId, CancellationToken.None));
    }

    [Fact]
    public async Task The_status_events_follow_the_protocol_accepted_then_completed_or_failed_when_the_person_stops_waiting()
    {
        await using var h = await HandoffHarness.StartAsync();
        var sato = await h.SignInCounsellorAsync("sato", "佐藤");
        var waiting = await h.OpenConversationAsync("c-gave-up");
        await waiting.AskAndConsentAsync();
        await waiting.SayAsync("キャンセル");
        var released = await h.OpenConversationAsync("c-released");
        await released.AskAndConsentAsync();
        await h.Desk.ClaimAsync("c-released", sato, CancellationToken.None);
        await h.Desk.ReleaseAsync("c-released", sato, CancellationToken.None);

        await h.Core.Get<HandoffStatusOutbox>().DeliverPendingAsync(CancellationToken.None);

        Assert.Equal([("c-gave-up", "failed"), ("c-released", "accepted"), ("c-released", "completed")], h.Dispatcher.Events);
    }

    [Fact]
    public async Task Asking_again_while_waiting_tells_the_place_instead_of_asking_consent_twice()
    {
        await using var h = await HandoffHarness.StartAsync();
        await h.SignInCounsellorAsync("sato", "佐藤");
        var first = await h.OpenConversationAsync("c-first");
        await first.AskAndConsentAsync();
        h.Core.Clock.Advance(TimeSpan.FromMinutes(1));
        var second = await h.OpenConversationAsync("c-second");
        await second.AskAndConsentAsync();

        var again = await second.SayAsync("人と話したい");

        Assert.Contains("2番目", Assert.Single(again).Text, StringComparison.Ordinal);
        Assert.Equal(2, (await h.Desk.QueueAsync(CancellationToken.None)).Count);
        Assert.Equal(RiskLevel.Normal, (await h.Core.Get<HandoffStore>().GetOpenAsync("c-second", CancellationToken.None))!.Risk);
    }
}
