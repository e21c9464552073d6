using System.Text.Json.Nodes;
using ChatBot.Core.Triage;
using ChatBot.Web.Tests.DirectLine;
using ChatBot.Web.Tests.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Web.Tests.Triage;

/// <summary>
/// The crisis path end to end, with the real triage and the real flows over Direct Line: whatever flow
/// is running, a crisis message gets the crisis lines in the same turn; idioms and questions about help
/// do not; and the event is recorded for the counsellors with the personal details taken out.
/// </summary>
public sealed class CrisisPathTests(ChatBotServerFixture server) : IClassFixture<ChatBotServerFixture>, IDisposable
{
    // Every test starts its own conversation, so one server serves the whole class.
    private readonly HttpClient _http = server.Host.CreateClient();

    public void Dispose() => _http.Dispose();

    [Theory]
    [InlineData("自分のこと", "薬ためてる。今夜全部飲む。")]
    [InlineData("家族・身近な人のこと", "息子が包丁を持って部屋から出てこない")]
    [InlineData("支援について知りたい", "今までありがとう。さようなら")]
    [InlineData("人と話したい", "薬ためてる。今夜全部飲む。")]
    public async Task Crisis_message_interrupts_any_flow_with_the_crisis_lines_in_the_same_turn(string flow, string crisis)
    {
        var client = await DirectLineTestClient.StartAsync(_http);
        await client.SayAndWaitAsync(flow);

        var replies = await client.RepliesToAsync(crisis, "crisis-test");

        Assert.Contains(replies, r => r.Contains("119", StringComparison.Ordinal) && r.Contains("110", StringComparison.Ordinal));
        Assert.Contains(replies, r => r.Contains("0120-279-338", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("死ぬほど眠い")]
    [InlineData("もし死にたくなったらどこに相談すればいい？")]
    public async Task Idioms_and_questions_about_help_do_not_raise_the_alarm(string text)
    {
        var client = await DirectLineTestClient.StartAsync(_http);
        await client.SayAndWaitAsync("自分のこと");

        var replies = await client.RepliesToAsync(text, "crisis-test");

        Assert.DoesNotContain(replies, r => r.Contains("0120-279-338", StringComparison.Ordinal));
        Assert.Empty(await server.Host.Services.GetRequiredService<IRiskEventLog>().ForConversationAsync(client.ConversationId, CancellationToken.None));
    }

    [Fact]
    public async Task Crisis_event_is_recorded_for_counsellors_with_personal_details_redacted()
    {
        var client = await DirectLineTestClient.StartAsync(_http);

        await client.RepliesToAsync("薬ためてる。今夜全部飲む。090-1234-5678 山田といいます", "crisis-test");
        var events = await server.Host.Services.GetRequiredService<IRiskEventLog>().ForConversationAsync(client.ConversationId, CancellationToken.None);

        var recorded = Assert.Single(events);
        Assert.Equal(RiskLevel.Crisis, recorded.Risk);
        Assert.NotEmpty(recorded.Matches);
        Assert.Contains("〔電話番号〕", recorded.Excerpt, StringComparison.Ordinal);
        Assert.DoesNotContain("090-1234-5678", recorded.Excerpt, StringComparison.Ordinal);
        Assert.DoesNotContain("山田", recorded.Excerpt, StringComparison.Ordinal);
    }
}
