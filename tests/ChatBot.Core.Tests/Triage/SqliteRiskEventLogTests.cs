using ChatBot.Core.Storage;
using ChatBot.Core.Triage;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace ChatBot.Core.Tests.Triage;

public sealed class SqliteRiskEventLogTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 11, 18, 3, 12, 0, TimeSpan.Zero);
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"chatbot-risk-{Guid.NewGuid():N}.db");
    private readonly FakeTimeProvider _clock = new(Start);
    private readonly SqliteRiskEventLog _log;

    public SqliteRiskEventLogTests()
    {
        var database = new SqliteDatabase(
            Options.Create(new DatabaseOptions { ConnectionString = $"Data Source={_file}" }),
            [SqliteRiskEventLog.Schema]);
        _log = new SqliteRiskEventLog(database, _clock);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var path in new[] { _file, _file + "-wal", _file + "-shm" })
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task A_recorded_event_is_read_back_with_its_rules_excerpt_and_time()
    {
        await _log.RecordAsync("conv-1", RiskLevel.Crisis, ["ja.intent", "ja.speaker.self"], "〔名前〕です。今から…", CancellationToken.None);

        var events = await _log.ForConversationAsync("conv-1", CancellationToken.None);

        var e = Assert.Single(events);
        Assert.Equal(RiskLevel.Crisis, e.Risk);
        Assert.Equal(["ja.intent", "ja.speaker.self"], e.Matches);
        Assert.Equal("〔名前〕です。今から…", e.Excerpt);
        Assert.Equal(Start, e.At);
    }

    [Fact]
    public async Task Events_are_kept_per_conversation_in_order()
    {
        await _log.RecordAsync("conv-1", RiskLevel.High, ["ja.thought.die"], "a", CancellationToken.None);
        _clock.Advance(TimeSpan.FromMinutes(3));
        await _log.RecordAsync("conv-2", RiskLevel.High, ["ja.abuse"], "b", CancellationToken.None);
        _clock.Advance(TimeSpan.FromMinutes(3));
        await _log.RecordAsync("conv-1", RiskLevel.Crisis, ["ja.intent"], "c", CancellationToken.None);

        var events = await _log.ForConversationAsync("conv-1", CancellationToken.None);

        Assert.Equal(["a", "c"], events.Select(e => e.Excerpt));
        Assert.Equal([RiskLevel.High, RiskLevel.Crisis], events.Select(e => e.Risk));
    }

    [Fact]
    public async Task Events_can_be_queried_by_time_and_minimum_risk()
    {
        await _log.RecordAsync("conv-1", RiskLevel.High, ["ja.thought.die"], "early", CancellationToken.None);
        _clock.Advance(TimeSpan.FromHours(1));
        await _log.RecordAsync("conv-2", RiskLevel.Crisis, ["ja.intent"], "crisis", CancellationToken.None);
        _clock.Advance(TimeSpan.FromHours(1));
        await _log.RecordAsync("conv-3", RiskLevel.High, ["ja.abuse"], "late", CancellationToken.None);

        var window = await _log.BetweenAsync(Start.AddMinutes(30), Start.AddHours(3), RiskLevel.High, CancellationToken.None);
        var crises = await _log.BetweenAsync(Start, Start.AddHours(3), RiskLevel.Crisis, CancellationToken.None);

        Assert.Equal(["crisis", "late"], window.Select(e => e.Excerpt));
        Assert.Equal(["crisis"], crises.Select(e => e.Excerpt));
    }

    [Fact]
    public async Task A_long_excerpt_is_cut_and_normal_messages_are_not_events()
    {
        var recorded = await _log.RecordAsync("conv-1", RiskLevel.High, ["ja.thought.die"], new string('あ', 1000), CancellationToken.None);
        Assert.Equal(SqliteRiskEventLog.MaxExcerptLength + 1, recorded.Excerpt.Length);

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() =>
            _log.RecordAsync("conv-1", RiskLevel.Normal, [], "x", CancellationToken.None));
    }

    [Fact]
    public async Task Events_survive_a_new_store_on_the_same_file()
    {
        await _log.RecordAsync("conv-1", RiskLevel.Crisis, ["ja.goodbye"], "x", CancellationToken.None);
        var reopened = new SqliteRiskEventLog(
            new SqliteDatabase(Options.Create(new DatabaseOptions { ConnectionString = $"Data Source={_file}" }), [SqliteRiskEventLog.Schema]),
            _clock);

        Assert.Single(await reopened.ForConversationAsync("conv-1", CancellationToken.None));
    }
}
