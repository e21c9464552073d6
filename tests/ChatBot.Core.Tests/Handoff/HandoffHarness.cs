using System.Collections.Concurrent;
using ChatBot.Core.Conversations;
using ChatBot.Core.Handoff;
using ChatBot.Core.Triage;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Adapters;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Core.Tests.Handoff;

/// <summary>
/// The handoff as the host wires it (real SQLite, fake clock) with Bot Framework's TestAdapter as the channel,
/// a bot that answers everything it hears (so the middleware recognises requests for a person, <c>Handoff:RecogniseRequests</c>), and recorders at the true boundaries: the console notifier, the
/// channel delivering counsellor messages (it appends to the real conversation log as Direct Line does),
/// and the channel's handoff.status dispatcher.
/// </summary>
internal sealed class HandoffHarness : IAsyncDisposable
{
    public const string Channel = "test";

    private HandoffHarness(CoreServices core, RecordingNotifier notifier, RecordingChannel channel, RecordingDispatcher dispatcher)
    {
        Core = core;
        Notifier = notifier;
        ChannelMessenger = channel;
        Dispatcher = dispatcher;
    }

    public CoreServices Core { get; }

    public RecordingNotifier Notifier { get; }

    public RecordingChannel ChannelMessenger { get; }

    public RecordingDispatcher Dispatcher { get; }

    /// <summary>What the bot heard (it answers "bot: TEXT" to each).</summary>
    public ConcurrentQueue<string> BotHeard { get; } = new();

    public ICounsellorDesk Desk => Core.Get<ICounsellorDesk>();

    public static async Task<HandoffHarness> StartAsync(IDictionary<string, string?>? settings = null)
    {
        var notifier = new RecordingNotifier();
        var dispatcher = new RecordingDispatcher();
        RecordingChannel? channel = null;
        // This harness's bot has no flows: the middleware itself recognises 「人と話したい」, as it does for such a bot.
        var all = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>());
        all.TryAdd("Handoff:RecogniseRequests", "true");
        var core = await CoreServices.StartAsync(all, services =>
        {
            services.AddSingleton<ITriage, KeywordTriage>();
            services.AddSingleton<IHandoffNotifier>(notifier);
            services.AddSingleton<IHandoffEventDispatcher>(dispatcher);
            services.AddSingleton<IChannelMessenger>(sp => channel = new RecordingChannel(sp.GetRequiredService<IConversationLog>()));
        });
        _ = core.Get<IConversationMessenger>();
        return new HandoffHarness(core, notifier, channel!, dispatcher);
    }

    /// <summary>A person's conversation on the test channel, known to the conversation log.</summary>
    public async Task<Person> OpenConversationAsync(string conversationId, string locale = "ja-JP")
    {
        await Core.Get<IConversationLog>().CreateAsync(conversationId, Channel, "user-" + conversationId, CancellationToken.None);
        var adapter = new TestAdapter(TestAdapter.CreateConversation(conversationId)) { Locale = locale };
        adapter.Use(Core.Get<IMiddleware>());
        return new Person(this, adapter, conversationId);
    }

    /// <summary>A counsellor signed in with a session (so present and active).</summary>
    public async Task<Counsellor> SignInCounsellorAsync(string username, string displayName, CounsellorRole role = CounsellorRole.Counsellor)
    {
        var directory = Core.Get<ICounsellorDirectory>();
        var counsellor = await directory.CreateAsync(username, displayName, role, "correct horse battery staple", CancellationToken.None);
        await directory.StartSessionAsync(counsellor, CancellationToken.None);
        return counsellor;
    }

    public async ValueTask DisposeAsync() => await Core.DisposeAsync();

    internal sealed class Person(HandoffHarness harness, TestAdapter adapter, string conversationId)
    {
        public string ConversationId => conversationId;

        public TestAdapter Adapter => adapter;

        /// <summary>Sends a message as the person; returns what they saw in reply during that turn.</summary>
        public async Task<List<Activity>> SayAsync(string text)
        {
            await adapter.SendTextToBotAsync(text, BotAsync, CancellationToken.None);
            var replies = new List<Activity>();
            while (adapter.ActiveQueue.Count > 0)
            {
                replies.Add(adapter.ActiveQueue.Dequeue());
            }

            return replies;
        }

        /// <summary>Asks for a person and consents.</summary>
        public async Task<List<Activity>> AskAndConsentAsync(string consent = "つないでほしい")
        {
            await SayAsync("人と話したい");
            return await SayAsync(consent);
        }

        private async Task BotAsync(ITurnContext turn, CancellationToken cancellationToken)
        {
            if (turn.Activity.Type == ActivityTypes.Message)
            {
                harness.BotHeard.Enqueue(turn.Activity.Text);
                await turn.SendActivityAsync(MessageFactory.Text("bot: " + turn.Activity.Text), cancellationToken);
            }
        }
    }

    internal sealed class RecordingNotifier : IHandoffNotifier
    {
        public ConcurrentQueue<RelayedMessage> Messages { get; } = new();

        public ConcurrentQueue<QueueItem> CrisisAlerts { get; } = new();

        public ConcurrentQueue<(string ConversationId, string State, string? Holder)> Changes { get; } = new();

        public int QueueChanges;

        public Task QueueChangedAsync(CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref QueueChanges);
            return Task.CompletedTask;
        }

        public Task CrisisAsync(QueueItem item, CancellationToken cancellationToken)
        {
            CrisisAlerts.Enqueue(item);
            return Task.CompletedTask;
        }

        public Task MessageAsync(RelayedMessage message, string? holderId, CancellationToken cancellationToken)
        {
            Messages.Enqueue(message);
            return Task.CompletedTask;
        }

        public Task ConversationChangedAsync(string conversationId, string state, string? holderId, string? previousHolderId, CancellationToken cancellationToken)
        {
            Changes.Enqueue((conversationId, state, holderId));
            return Task.CompletedTask;
        }
    }

    /// <summary>Delivers proactive activities the way the Direct Line channel does: appended to the conversation log, in order.</summary>
    internal sealed class RecordingChannel(IConversationLog log) : IChannelMessenger
    {
        private readonly SemaphoreSlim _turn = new(1, 1);

        public string ChannelId => Channel;

        public async Task<IReadOnlyList<string>> SendAsync(ConversationInfo conversation, IReadOnlyList<Activity> activities, CancellationToken cancellationToken)
        {
            await _turn.WaitAsync(cancellationToken);
            try
            {
                var ids = new List<string>();
                foreach (var activity in activities)
                {
                    if (activity.Properties[HandoffMiddleware.CounsellorProperty] is Newtonsoft.Json.Linq.JObject counsellor)
                    {
                        // What the middleware does on a real channel's continuation turn.
                        activity.From = new ChannelAccount((string?)counsellor["id"], (string?)counsellor["name"], RoleTypes.Bot);
                        activity.Properties.Remove(HandoffMiddleware.CounsellorProperty);
                    }

                    activity.From ??= new ChannelAccount("bot", "ChatBot", RoleTypes.Bot);
                    if (activity.Type != ActivityTypes.Message)
                    {
                        continue;
                    }

                    var logged = await log.AppendAsync(conversation.Id, activity, cancellationToken);
                    ids.Add(logged.Activity.Id);
                }

                return ids;
            }
            finally
            {
                _turn.Release();
            }
        }

        public async Task<List<Activity>> SentAsync(string conversationId) =>
            [.. (await log.ReadAfterAsync(conversationId, 0, 1000, CancellationToken.None)).Select(l => l.Activity)];
    }

    internal sealed class RecordingDispatcher : IHandoffEventDispatcher
    {
        public ConcurrentQueue<(string ConversationId, string State)> Events { get; } = new();

        public bool Handles(string channelId) => channelId == Channel;

        public Task DispatchAsync(ConversationInfo conversation, Activity statusEvent, CancellationToken cancellationToken)
        {
            Assert.Equal(HandoffEventNames.HandoffStatus, statusEvent.Name);
            Events.Enqueue((conversation.Id, (string)((Newtonsoft.Json.Linq.JObject)statusEvent.Value)["state"]!));
            return Task.CompletedTask;
        }
    }

    /// <summary>A stand-in for the triage engine (built elsewhere): a few fixed words.</summary>
    internal sealed class KeywordTriage : ITriage
    {
        public TriageResult Classify(string text)
        {
            var risk = text.Contains("死にたい", StringComparison.Ordinal) ? RiskLevel.Crisis
                : text.Contains("つらい", StringComparison.Ordinal) || text.Contains("ふわふわ", StringComparison.Ordinal) ? RiskLevel.High
                : RiskLevel.Normal;
            var speaker = text.Contains("息子", StringComparison.Ordinal) ? Speaker.Family : Speaker.Unknown;
            List<Topic> topics = text.Contains("仕事", StringComparison.Ordinal) ? [Topic.Work] : [];
            // ふわふわ stands for a message only the examples raise (tentatively); the others for rules.
            var tentative = risk == RiskLevel.High && text.Contains("ふわふわ", StringComparison.Ordinal);
            List<string> matches = risk == RiskLevel.Normal ? [] : tentative ? ["examples.similar"] : [$"t.{risk.ToString().ToLowerInvariant()}", "t.negation/t.not", "t.speaker.self"];
            return new TriageResult(risk, speaker, topics, matches) { Tentative = tentative };
        }
    }
}
