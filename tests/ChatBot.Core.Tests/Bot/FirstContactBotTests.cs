using ChatBot.Core.Dialogs;
using ChatBot.Core.Tests.Dialogs;
using ChatBot.Core.Triage;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Adapters;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.DependencyInjection;
using Moq;

namespace ChatBot.Core.Tests.Bot;

public sealed class FirstContactBotTests : IDisposable
{
    private readonly EngineHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    [Fact]
    public async Task Every_message_with_text_is_triaged_and_an_empty_one_is_not()
    {
        var adapter = new TestAdapter(TestAdapter.CreateConversation("bot-test"));
        var bot = _harness.Services.GetRequiredService<IBot>();

        await adapter.ProcessActivityAsync(adapter.MakeActivity("こんにちは"), bot.OnTurnAsync, CancellationToken.None);
        await adapter.ProcessActivityAsync(adapter.MakeActivity(string.Empty), bot.OnTurnAsync, CancellationToken.None);
        await adapter.ProcessActivityAsync(adapter.MakeActivity("自分のこと"), bot.OnTurnAsync, CancellationToken.None);

        _harness.Triage.Verify(t => t.Classify("こんにちは"), Times.Once);
        _harness.Triage.Verify(t => t.Classify("自分のこと"), Times.Once);
        _harness.Triage.Verify(t => t.Classify(It.Is<string>(s => string.IsNullOrWhiteSpace(s))), Times.Never);
    }

    [Fact]
    public async Task The_greeting_comes_when_the_person_joins_and_the_state_is_saved_before_replies_go_out()
    {
        var adapter = new TestAdapter(TestAdapter.CreateConversation("bot-test"));
        var bot = _harness.Services.GetRequiredService<IBot>();
        var joined = new Activity(ActivityTypes.ConversationUpdate) { MembersAdded = [adapter.Conversation.User] };
        var storage = _harness.Services.GetRequiredService<IStorage>();
        var savedBeforeSending = false;
        adapter.OnTurnError = (_, ex) => throw ex;
        adapter.Use(new SendHook(async ct =>
        {
            var key = $"{adapter.Conversation.ChannelId}/conversations/{adapter.Conversation.Conversation.Id}";
            var stored = await storage.ReadAsync([key], ct);
            savedBeforeSending = stored.ContainsKey(key);
        }));

        await adapter.ProcessActivityAsync(joined, bot.OnTurnAsync, CancellationToken.None);

        var greeting = (IMessageActivity)adapter.ActiveQueue.Dequeue();
        Assert.Contains("匿名・無料", greeting.Text, StringComparison.Ordinal);
        Assert.True(savedBeforeSending, "the conversation state was not saved before the first reply was sent");
    }

    /// <summary>Runs a check when the bot sends its first activities of a turn.</summary>
    private sealed class SendHook(Func<CancellationToken, Task> onSend) : IMiddleware
    {
        public async Task OnTurnAsync(ITurnContext turnContext, NextDelegate next, CancellationToken cancellationToken)
        {
            var checkedOnce = false;
            turnContext.OnSendActivities(async (context, activities, nextSend) =>
            {
                if (!checkedOnce)
                {
                    checkedOnce = true;
                    await onSend(cancellationToken);
                }

                return await nextSend();
            });
            await next(cancellationToken);
        }
    }
}
