using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using ChatBot.Web.Tests.DirectLine;
using ChatBot.Web.Tests.Hosting;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json.Linq;

namespace ChatBot.Web.Tests.Console;

/// <summary>
/// The bot hears the handoff protocol on Direct Line: <c>handoff.status</c> accepted when a counsellor claims,
/// completed when the conversation ends — here because the person leaves the chat (Web Chat's quick exit
/// sends endOfConversation), after which the counsellor can no longer write to them.
/// </summary>
public sealed class HandoffEventsTests
{
    [Fact]
    public async Task Claim_and_the_person_leaving_reach_the_bot_as_handoff_status_events()
    {
        var heard = new ConcurrentQueue<string>();
        await using var server = ChatBotServer.Start(configureServices: services =>
        {
            var original = services.Last(d => d.ServiceType == typeof(IBot));
            services.Add(ServiceDescriptor.Singleton<IBot>(sp => new Listening((IBot)ActivatorUtilities.CreateInstance(sp, original.ImplementationType!), heard)));
        });
        using var http = server.CreateClient();
        await ConsoleTestClient.CreateCounsellorAsync(server, "sato", "佐藤");
        using var sato = await ConsoleTestClient.SignedInAsync(server, "sato");
        var resident = await DirectLineTestClient.StartAsync(http);
        await resident.SayAsync("人と話したい", "r1");
        await resident.SayAsync("つないでほしい", "r2");
        await sato.WaitInQueueAsync(resident.ConversationId);

        await sato.PostAsync($"/api/console/conversations/{resident.ConversationId}/claim");
        await WaitForAsync(() => heard.Contains("accepted"));
        var (left, _) = await resident.PostAsync(new JsonObject { ["type"] = "endOfConversation" }.ToJsonString());
        await WaitForAsync(() => heard.Contains("completed"));
        var (afterwards, body) = await sato.PostAsync($"/api/console/conversations/{resident.ConversationId}/messages", new JsonObject { ["text"] = "まだいますか" });

        Assert.Equal(HttpStatusCode.OK, left);
        Assert.Equal(["accepted", "completed"], heard);
        Assert.Equal(HttpStatusCode.Conflict, afterwards);
        Assert.Equal("not_open", (string)body!["error"]!);
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        for (var attempt = 0; attempt < 100 && !condition(); attempt++)
        {
            await Task.Delay(100);
        }
    }

    private sealed class Listening(IBot inner, ConcurrentQueue<string> heard) : IBot
    {
        public Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
        {
            var activity = turnContext.Activity;
            if (activity.Type == ActivityTypes.Event && activity.Name == HandoffEventNames.HandoffStatus)
            {
                heard.Enqueue((string)((JObject)activity.Value)["state"]!);
            }

            return inner.OnTurnAsync(turnContext, cancellationToken);
        }
    }
}
