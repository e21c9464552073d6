using System.Net;
using ChatBot.Web.Tests.Console;
using ChatBot.Web.Tests.DirectLine;

namespace ChatBot.Web.Tests.Triage;

/// <summary>
/// The crisis path's offer of a person, end to end with the real triage and flows: a person who wrote a crisis
/// message and then accepts a counsellor goes to the head of the queue, ahead of people who were waiting longer,
/// and every counsellor online is alerted.
/// </summary>
public sealed class CrisisQueuePriorityTests : CounsellorServerTest
{
    [Fact]
    public async Task A_crisis_conversation_that_accepts_a_counsellor_jumps_the_queue()
    {
        using var counsellor = await ConsoleTestClient.SignedInAsync(Server, "sato");
        var earlier = await DirectLineTestClient.StartAsync(Http);
        await earlier.SayAndWaitAsync("人と話したい");
        await earlier.SayAndWaitAsync("つないでほしい");
        await counsellor.WaitInQueueAsync(earlier.ConversationId);

        var resident = await DirectLineTestClient.StartAsync(Http);
        await resident.SayAndWaitAsync("自分のこと");
        var crisis = await resident.SayAndWaitAsync("薬ためてる。今夜全部飲む。");
        Assert.Contains(crisis[^1]!["suggestedActions"]!["actions"]!.AsArray(), a => (string)a!["title"]! == "人と話したい");
        await resident.SayAndWaitAsync("人と話したい");
        await resident.SayAndWaitAsync("つないでほしい");
        var item = await counsellor.WaitInQueueAsync(resident.ConversationId);

        var (status, queue) = await counsellor.GetAsync("/api/console/queue");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("crisis", (string)item["risk"]!);
        Assert.Equal([resident.ConversationId, earlier.ConversationId], queue!.AsArray().Select(i => (string)i!["conversationId"]!));
        Assert.Equal(1, (int)queue[0]!["position"]!);
    }
}
