using System.Text;
using ChatBot.Core.Conversations;
using ChatBot.Core.Retention;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace ChatBot.Core.Tests.Retention;

public sealed class RetentionTests : IAsyncLifetime
{
    private CoreServices _core = null!;

    public async Task InitializeAsync() => _core = await CoreServices.StartAsync();

    public async Task DisposeAsync() => await _core.DisposeAsync();

    [Fact]
    public async Task Delete_my_data_removes_log_and_state_and_keeps_only_an_audit_entry()
    {
        await SeedConversationAsync("conv-a", "user-a", "息子のことで相談したいです。合言葉はアサガオ。");
        await SeedConversationAsync("conv-b", "user-b", "別の人の会話です。");
        var risks = _core.Get<ChatBot.Core.Triage.IRiskEventLog>();
        await risks.RecordAsync("conv-a", ChatBot.Core.Triage.RiskLevel.High, ["ja.thought.wish"], "消えたい", CancellationToken.None);
        await risks.RecordAsync("conv-b", ChatBot.Core.Triage.RiskLevel.High, ["ja.thought.wish"], "消えたい", CancellationToken.None);

        var report = await _core.Get<ConversationEraser>().EraseAsync("conv-a", "resident", CancellationToken.None);

        var log = _core.Get<IConversationLog>();
        Assert.Null(await log.GetInfoAsync("conv-a", CancellationToken.None));
        Assert.Empty(await log.ReadAfterAsync("conv-a", 0, 10, CancellationToken.None));
        Assert.Empty(await _core.Get<IStorage>().ReadAsync(["directline/conversations/conv-a", "directline/users/user-a"]));
        Assert.True(report.ItemsDeleted >= 4);
        Assert.Contains(report.WhatWasDeleted, d => d["ja"].Contains("会話の記録", StringComparison.Ordinal));
        var audit = Assert.Single(await _core.Get<IAuditLog>().ReadAsync("conv-a", 10, CancellationToken.None));
        Assert.Equal("conversation.erased", audit.Action);

        Assert.Empty(await risks.ForConversationAsync("conv-a", CancellationToken.None));
        Assert.Single(await risks.ForConversationAsync("conv-b", CancellationToken.None));
        Assert.NotNull(await log.GetInfoAsync("conv-b", CancellationToken.None));
        Assert.Single(await log.ReadAfterAsync("conv-b", 0, 10, CancellationToken.None));
        Assert.Equal(2, (await _core.Get<IStorage>().ReadAsync(["directline/conversations/conv-b", "directline/users/user-b"])).Count);
    }

    [Fact]
    public async Task Erased_text_is_not_readable_anywhere_in_the_database_files()
    {
        const string secret = "合言葉はヒマワリ畑の向こう";
        await SeedConversationAsync("conv-a", "user-a", secret);
        Assert.True(await DatabaseFilesContainAsync(secret), "the text should be in the files before the erase, or this test proves nothing");

        await _core.Get<ConversationEraser>().EraseAsync("conv-a", "resident", CancellationToken.None);

        Assert.False(await DatabaseFilesContainAsync(secret));
    }

    [Fact]
    public async Task Purge_removes_conversations_past_retention_and_keeps_recent_ones()
    {
        await SeedConversationAsync("old", "user-old", "古い会話");
        _core.Clock.Advance(TimeSpan.FromDays(60));
        await SeedConversationAsync("recent", "user-recent", "新しい会話");
        _core.Clock.Advance(TimeSpan.FromDays(31));

        var report = await _core.Get<RetentionPurge>().RunOnceAsync(CancellationToken.None);

        var log = _core.Get<IConversationLog>();
        Assert.Null(await log.GetInfoAsync("old", CancellationToken.None));
        Assert.NotNull(await log.GetInfoAsync("recent", CancellationToken.None));
        Assert.Empty(await _core.Get<IStorage>().ReadAsync(["directline/conversations/old"]));
        Assert.Single(await _core.Get<IStorage>().ReadAsync(["directline/conversations/recent"]));
        Assert.True(report.ItemsDeleted > 0);
        Assert.False(await DatabaseFilesContainAsync("古い会話"));
    }

    [Fact]
    public async Task Audit_entries_outlive_conversations_but_not_the_record_retention()
    {
        await _core.Get<IAuditLog>().WriteAsync("resident", "conversation.erased", "gone", null, CancellationToken.None);
        _core.Clock.Advance(TimeSpan.FromDays(400));
        await _core.Get<RetentionPurge>().RunOnceAsync(CancellationToken.None);
        Assert.Single(await _core.Get<IAuditLog>().ReadAsync("gone", 10, CancellationToken.None));

        _core.Clock.Advance(TimeSpan.FromDays(800));
        await _core.Get<RetentionPurge>().RunOnceAsync(CancellationToken.None);

        Assert.Empty(await _core.Get<IAuditLog>().ReadAsync("gone", 10, CancellationToken.None));
    }

    private async Task SeedConversationAsync(string conversationId, string userId, string text)
    {
        var log = _core.Get<IConversationLog>();
        await log.CreateAsync(conversationId, "directline", userId, CancellationToken.None);
        await log.AppendAsync(conversationId, new Activity(ActivityTypes.Message, text: text, from: new ChannelAccount(userId, role: RoleTypes.User)), CancellationToken.None);
        await _core.Get<IStorage>().WriteAsync(new Dictionary<string, object>
        {
            [$"directline/conversations/{conversationId}"] = new Dictionary<string, object> { ["lastText"] = text },
            [$"directline/users/{userId}"] = new Dictionary<string, object> { ["locale"] = "ja" },
        });
    }

    private async Task<bool> DatabaseFilesContainAsync(string text)
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var bytes = await ChatBot.Tests.Shared.DatabaseBytes.ReadAsync(_core.Database.Folder);
        return bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(text)) >= 0;
    }
}
