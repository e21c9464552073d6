using ChatBot.Core.Handoff;
using ChatBot.Core.Storage;
using ChatBot.Core.Triage;
using Microsoft.Extensions.Time.Testing;

namespace ChatBot.Core.Tests.Handoff;

public sealed class HandoffQueueTests : IAsyncLifetime
{
    private CoreServices _core = null!;

    public async Task InitializeAsync() => _core = await CoreServices.StartAsync();

    public async Task DisposeAsync() => await _core.DisposeAsync();

    private HandoffStore Store => _core.Get<HandoffStore>();

    [Fact]
    public async Task Queue_is_ordered_by_risk_then_by_waiting_time()
    {
        await EnqueueAsync("normal-early", RiskLevel.Normal);
        _core.Clock.Advance(TimeSpan.FromMinutes(1));
        await EnqueueAsync("high-early", RiskLevel.High);
        _core.Clock.Advance(TimeSpan.FromMinutes(1));
        await EnqueueAsync("normal-late", RiskLevel.Normal);
        _core.Clock.Advance(TimeSpan.FromMinutes(1));
        await EnqueueAsync("crisis-late", RiskLevel.Crisis);
        _core.Clock.Advance(TimeSpan.FromMinutes(1));
        await EnqueueAsync("high-late", RiskLevel.High);

        var queue = await _core.Get<ICounsellorDesk>().QueueAsync(CancellationToken.None);

        Assert.Equal(["crisis-late", "high-early", "high-late", "normal-early", "normal-late"], queue.Select(i => i.ConversationId));
        Assert.Equal([1, 2, 3, 4, 5], queue.Select(i => i.Position!.Value));
        Assert.Equal("crisis", queue[0].Risk);
    }

    [Fact]
    public async Task A_risk_raised_while_waiting_moves_the_entry_up_and_is_never_lowered()
    {
        await EnqueueAsync("first", RiskLevel.High);
        _core.Clock.Advance(TimeSpan.FromMinutes(5));
        var (later, _) = await EnqueueAsync("later", RiskLevel.Normal);

        Assert.True(await Store.RaiseRiskAsync(later.Id, RiskLevel.Crisis, CancellationToken.None));
        Assert.False(await Store.RaiseRiskAsync(later.Id, RiskLevel.Normal, CancellationToken.None));

        var queue = await Store.WaitingAsync(CancellationToken.None);
        Assert.Equal(["later", "first"], queue.Select(e => e.ConversationId));
        Assert.Equal(RiskLevel.Crisis, queue[0].Risk);
    }

    [Fact]
    public async Task Fifty_concurrent_claims_on_real_sqlite_have_exactly_one_winner()
    {
        await EnqueueAsync("contested", RiskLevel.High);
        // Separate database objects on the same file, as separate service instances would have.
        var schemas = new[] { HandoffStore.Schema };
        var stores = Enumerable.Range(0, 5).Select(_ => new HandoffStore(_core.Database.Open(schemas))).ToList();
        using var start = new ManualResetEventSlim();

        var claims = Enumerable.Range(0, 50).Select(i => Task.Run(async () =>
        {
            start.Wait();
            return await stores[i % stores.Count].ClaimAsync("contested", $"counsellor-{i}", _core.Clock.GetUtcNow(), CancellationToken.None);
        })).ToList();
        start.Set();
        var results = await Task.WhenAll(claims);

        var winners = results.Where(r => r.Outcome == ClaimOutcome.Claimed).ToList();
        Assert.Single(winners);
        Assert.Equal(49, results.Count(r => r.Outcome == ClaimOutcome.HeldByAnother));
        var entry = await Store.GetOpenAsync("contested", CancellationToken.None);
        Assert.Equal(HandoffState.Active, entry!.State);
        Assert.Equal(winners[0].Entry!.ClaimedBy, entry.ClaimedBy);
    }

    [Fact]
    public async Task Claiming_an_unknown_or_finished_conversation_changes_nothing()
    {
        var (entry, _) = await EnqueueAsync("cancelled", RiskLevel.Normal);
        await Store.EndAsync(entry.Id, HandoffState.Waiting, HandoffState.Cancelled, "resident", null, _core.Clock.GetUtcNow(), CancellationToken.None);

        var unknown = await Store.ClaimAsync("nobody-here", "c1", _core.Clock.GetUtcNow(), CancellationToken.None);
        var finished = await Store.ClaimAsync("cancelled", "c1", _core.Clock.GetUtcNow(), CancellationToken.None);

        Assert.Equal(ClaimOutcome.NotFound, unknown.Outcome);
        Assert.Equal(ClaimOutcome.NotOpen, finished.Outcome);
        var latest = await Store.GetLatestAsync("cancelled", CancellationToken.None);
        Assert.Equal(HandoffState.Cancelled, latest!.State);
        Assert.Null(latest.ClaimedBy);
    }

    [Fact]
    public async Task A_conversation_is_in_the_queue_at_most_once_at_a_time()
    {
        var (first, created) = await EnqueueAsync("twice", RiskLevel.Normal);
        var (second, createdAgain) = await EnqueueAsync("twice", RiskLevel.Crisis);

        Assert.True(created);
        Assert.False(createdAgain);
        Assert.Equal(first.Id, second.Id);
        Assert.Single(await Store.WaitingAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Delete_my_data_removes_queue_entries_consents_and_notes()
    {
        var (entry, _) = await EnqueueAsync("erase-me", RiskLevel.High);
        var counsellor = await _core.Get<ICounsellorDirectory>().CreateAsync("sato", "佐藤", CounsellorRole.Counsellor, "correct horse battery staple", CancellationToken.None);
        await Store.AddNoteAsync("erase-me", entry.Id, counsellor, "メモ", _core.Clock.GetUtcNow(), CancellationToken.None);

        var report = await _core.Get<ChatBot.Core.Retention.ConversationEraser>().EraseAsync("erase-me", "resident", CancellationToken.None);

        Assert.Null(await Store.GetLatestAsync("erase-me", CancellationToken.None));
        Assert.Null(await Store.GetConsentAsync(entry.Id, CancellationToken.None));
        Assert.Empty(await Store.NotesAsync("erase-me", CancellationToken.None));
        Assert.Contains(report.WhatWasDeleted, d => d["ja"].Contains("相談員", StringComparison.Ordinal));
    }

    private Task<(HandoffEntry Entry, bool Created)> EnqueueAsync(string conversationId, RiskLevel risk) =>
        Store.EnqueueAsync(
            new NewHandoff(conversationId, "test", "ja", new HandoffRequest(risk, Speaker.Self, [Topic.Family], "要約"), ShareScope.Full, false, "v-test", _core.Clock.GetUtcNow()),
            _core.Clock.GetUtcNow(),
            CancellationToken.None);
}
