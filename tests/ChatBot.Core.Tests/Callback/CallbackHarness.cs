using System.Text;
using ChatBot.Core.Callback;
using ChatBot.Core.Conversations;
using ChatBot.Core.Handoff;
using ChatBot.Core.Privacy;
using ChatBot.Core.Storage;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Adapters;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Core.Tests.Callback;

/// <summary>
/// The call-back step as the host wires it: the real bot, flows, triage, redaction and middleware, on a real
/// SQLite file with a fake clock (Saturday 21:00 in Tokyo: nobody on duty). Each message goes the way a channel
/// sends it: redacted (the capture sees it first), appended to the conversation log, then the turn.
/// </summary>
internal sealed class CallbackHarness : IAsyncDisposable
{
    private CallbackHarness(CoreServices core) => Core = core;

    public CoreServices Core { get; }

    public CallbackStore Store => Core.Get<CallbackStore>();

    public ICallbackDesk Desk => Core.Get<ICallbackDesk>();

    public static async Task<CallbackHarness> StartAsync(IDictionary<string, string?>? settings = null) =>
        new(await CoreServices.StartAsync(settings, services => services.AddDataProtection().UseEphemeralDataProtectionProvider()));

    public async Task<Person> OpenAsync(string conversationId, string locale = "ja-JP")
    {
        await Core.Get<IConversationLog>().CreateAsync(conversationId, "test", "user-" + conversationId, CancellationToken.None);
        var adapter = new TestAdapter(TestAdapter.CreateConversation(conversationId)) { Locale = locale };
        foreach (var middleware in Core.Services.GetServices<IMiddleware>())
        {
            adapter.Use(middleware);
        }

        return new Person(this, adapter, conversationId);
    }

    public async Task<Counsellor> CounsellorAsync(string username, CounsellorRole role = CounsellorRole.Counsellor) =>
        await Core.Get<ICounsellorDirectory>().CreateAsync(username, username + "さん", role, "correct horse battery staple", CancellationToken.None);

    /// <summary>Every byte of the database files (main file, write-ahead log, shared memory) after a checkpoint.</summary>
    public async Task<byte[]> DatabaseBytesAsync()
    {
        await Core.Get<SqliteDatabase>().CheckpointAsync(CancellationToken.None);
        return await ChatBot.Tests.Shared.DatabaseBytes.ReadAsync(Core.Database.Folder);
    }

    /// <summary>Whether <paramref name="text"/> appears in <paramref name="bytes"/> as UTF-8 or UTF-16.</summary>
    public static bool Holds(byte[] bytes, string text) => ChatBot.Tests.Shared.DatabaseBytes.Hold(bytes, text);

    public async ValueTask DisposeAsync() => await Core.DisposeAsync();

    internal sealed class Person(CallbackHarness harness, TestAdapter adapter, string conversationId)
    {
        public string ConversationId => conversationId;

        /// <summary>Sends a message as a channel does; returns the texts of the replies of that turn.</summary>
        public async Task<List<Activity>> SayAsync(string text)
        {
            var activity = adapter.MakeActivity(text);
            activity.From.Role = RoleTypes.User;
            await harness.Core.Get<IRedactor>().RedactInboundAsync(activity, CancellationToken.None);
            await harness.Core.Get<IConversationLog>().AppendAsync(conversationId, activity, CancellationToken.None);
            await adapter.ProcessActivityAsync(activity, harness.Core.Get<IBot>().OnTurnAsync, CancellationToken.None);
            var replies = new List<Activity>();
            while (adapter.ActiveQueue.Count > 0)
            {
                replies.Add(adapter.ActiveQueue.Dequeue());
            }

            return replies;
        }

        public async Task<string> SayTextAsync(string text) => string.Join('\n', (await SayAsync(text)).Select(r => r.Text));

        /// <summary>Asks for a call-back, agrees, leaves <paramref name="contact"/> and picks a time.</summary>
        public async Task<CallbackRequest> LeaveContactAsync(string contact, string window = "平日夜")
        {
            await SayAsync("折り返し連絡がほしい");
            await SayAsync("同意する");
            await SayAsync(contact);
            await SayAsync(window);
            return (await harness.Store.GetLiveAsync(conversationId, CancellationToken.None))!;
        }

        /// <summary>What the person wrote, as the conversation log keeps it.</summary>
        public async Task<List<string>> LoggedUserTextsAsync() =>
            [.. (await harness.Core.Get<IConversationLog>().ReadAfterAsync(conversationId, 0, 1000, CancellationToken.None))
                .Select(l => l.Activity)
                .Where(a => a.From?.Role == RoleTypes.User)
                .Select(a => a.Text ?? string.Empty)];
    }
}
