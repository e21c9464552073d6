using System.Text;
using ChatBot.Core.Bot;
using ChatBot.Core.Dialogs.Content;
using ChatBot.Core.Handoff;
using ChatBot.Core.Triage;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Adapters;
using Microsoft.Bot.Schema;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ChatBot.Core.Dialogs.Testing;

/// <summary>
/// Plays the conversation tests against the real bot: the application's services, a real SQLite file
/// (a restart is a new bot on the same file), a clock the test sets, and — instead of the triage and
/// crisis-line services, which are tested on their own — a triage that says what the test says and the
/// crisis lines of <c>dialogs/tests/fixtures/crisis-lines.yaml</c>. Counsellors work weekdays 9:00–17:00 (closed on
/// holidays) and one is signed in unless the scenario says <c>counsellors: offline</c>. The bot runs behind the
/// same middleware the channels use (redaction, the handoff), so a consent answer is taken as it is in production.
/// Used by <c>chatbot dialogs test</c> and by <c>dotnet test</c>.
/// </summary>
public sealed class TranscriptRunner
{
    private readonly string _dialogsRoot;
    private readonly IReadOnlyList<FixtureCrisisLine> _fixtures;
    private readonly Lazy<DialogContentLoadResult> _content;

    public TranscriptRunner(string dialogsRoot, IReadOnlyList<FixtureCrisisLine> fixtures)
    {
        _dialogsRoot = Path.GetFullPath(dialogsRoot);
        _fixtures = fixtures;
        _content = new Lazy<DialogContentLoadResult>(LoadContent);
    }

    public async Task<TranscriptOutcome> RunAsync(TranscriptScenario scenario, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        if (_content.Value.Content is not { } content)
        {
            return new TranscriptOutcome(false, "The dialog content does not validate:\n" + string.Join('\n', _content.Value.Errors), string.Empty);
        }

        var folder = Path.Combine(Path.GetTempPath(), "chatbot-transcripts", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var clock = new ScenarioClock(scenario.Start);
        var triage = new ScriptedTriage();
        var presence = new FixturePresence(scenario.CounsellorsOnline);
        var services = Build(Path.Combine(folder, "chatbot.db"), content, clock, triage, presence);
        var transcript = new StringBuilder();
        try
        {
            var adapter = NewAdapter(services);
            var bot = services.GetRequiredService<IBot>();
            for (var i = 0; i < scenario.Turns.Count; i++)
            {
                var turn = scenario.Turns[i];
                switch (turn.Kind)
                {
                    case TranscriptTurnKind.Restart:
                        await services.DisposeAsync();
                        services = Build(Path.Combine(folder, "chatbot.db"), content, clock, triage, presence);
                        bot = services.GetRequiredService<IBot>();
                        adapter = NewAdapter(services, adapter.Conversation);
                        continue;
                    case TranscriptTurnKind.Clock:
                        clock.Now = turn.At!.Value;
                        continue;
                }

                var activity = turn.Kind == TranscriptTurnKind.Join
                    ? new Activity(ActivityTypes.ConversationUpdate) { MembersAdded = [adapter.Conversation.User] }
                    : adapter.MakeActivity(turn.Text);
                activity.Locale = ChannelLocale(scenario.Locale);
                triage.Next = new TriageResult(turn.Risk, turn.Speaker, turn.Topics ?? [], []) { Tentative = turn.Tentative };

                DialogTurnOutcome? outcome = null;
                try
                {
                    await adapter.ProcessActivityAsync(
                        activity,
                        async (context, ct) =>
                        {
                            await bot.OnTurnAsync(context, ct);
                            outcome = context.TurnState.Get<DialogTurnOutcome>();
                        },
                        cancellationToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    return new TranscriptOutcome(false, $"{scenario.Where}: scenario '{scenario.Name}'\n  turn {i + 1} ({turn.Where}) {turn.Describe()}\n  the bot failed: {ex}", transcript.ToString());
                }
                var replies = new List<IActivity>();
                while (adapter.ActiveQueue.Count > 0)
                {
                    replies.Add(adapter.ActiveQueue.Dequeue());
                }

                transcript.Append("> ").AppendLine(turn.Describe());
                AppendReplies(transcript, replies);
                var problems = Check(turn, replies, outcome);
                if (problems.Count > 0)
                {
                    return new TranscriptOutcome(false, Describe(scenario, i, turn, problems, replies, outcome), transcript.ToString());
                }
            }

            return new TranscriptOutcome(true, string.Empty, transcript.ToString());
        }
        finally
        {
            await services.DisposeAsync();
            SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // Left for the system's temporary-file cleanup.
            }
        }
    }

    private static string ChannelLocale(string locale) => locale switch
    {
        DialogLocales.Japanese => "ja-JP",
        DialogLocales.English => "en-US",
        _ => locale,
    };

    private DialogContentLoadResult LoadContent()
    {
        using var services = Build(":memory:", content: null, new ScenarioClock(TranscriptSuite.DefaultStart), new ScriptedTriage(), new FixturePresence(online: true));
        return services.GetRequiredService<IDialogContentProvider>().Check();
    }

    private static TestAdapter NewAdapter(IServiceProvider services, ConversationReference? conversation = null)
    {
        var adapter = new TestAdapter(conversation ?? TestAdapter.CreateConversation("transcript-" + Guid.NewGuid().ToString("N")));
        foreach (var middleware in services.GetServices<IMiddleware>())
        {
            adapter.Use(middleware);
        }

        return adapter;
    }

    private ServiceProvider Build(string database, DialogContent? content, ScenarioClock clock, ScriptedTriage triage, FixturePresence presence)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ConnectionStrings:ChatBot"] = $"Data Source={database}",
                ["Content:DialogsPath"] = _dialogsRoot,
                ["Counsellors:OfficeHours:Weekly:0"] = "Mon-Fri 09:00-17:00",
            })
            .Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(clock);
        services.AddChatBotCore(configuration);
        services.Replace(ServiceDescriptor.Singleton<ITriage>(triage));
        services.Replace(ServiceDescriptor.Singleton<ICrisisLineCatalog>(new FixtureCrisisLineCatalog(_fixtures)));
        services.Replace(ServiceDescriptor.Singleton<ICounsellorPresence>(presence));
        if (content is not null)
        {
            services.Replace(ServiceDescriptor.Singleton<IDialogContentProvider>(new FixedContentProvider(content)));
        }

        return services.BuildServiceProvider();
    }

    private static List<string> Check(TranscriptTurn turn, IReadOnlyList<IActivity> replies, DialogTurnOutcome? outcome)
    {
        var problems = new List<string>();
        var messages = replies.OfType<IMessageActivity>().ToList();
        var text = string.Join('\n', messages.Select(m => m.Text));
        if (turn.Silent == true && messages.Count > 0)
        {
            problems.Add("expected no reply");
        }

        if (turn.Kind == TranscriptTurnKind.User && turn.Silent != true && messages.Count == 0)
        {
            problems.Add("expected a reply: a message is never left unanswered");
        }

        foreach (var expected in turn.Says ?? [])
        {
            if (!text.Contains(expected, StringComparison.Ordinal))
            {
                problems.Add($"expected the bot to say \"{expected}\"");
            }
        }

        foreach (var unexpected in turn.NotSays ?? [])
        {
            if (text.Contains(unexpected, StringComparison.Ordinal))
            {
                problems.Add($"expected the bot not to say \"{unexpected}\"");
            }
        }

        if (turn.Choices is not null)
        {
            var shown = Choices(messages);
            if (!shown.SequenceEqual(turn.Choices, StringComparer.Ordinal))
            {
                problems.Add($"expected the choices [{string.Join(" | ", turn.Choices)}], got [{string.Join(" | ", shown)}]");
            }
        }

        var actions = outcome?.Turn.Actions ?? [];
        if (turn.Actions is { Count: 0 } && actions.Count > 0)
        {
            problems.Add($"expected no action, got {string.Join(", ", actions)}");
        }

        foreach (var action in turn.Actions ?? [])
        {
            if (!actions.Contains(action, StringComparer.Ordinal))
            {
                problems.Add($"expected the action {action} to run");
            }
        }

        foreach (var (name, expected) in turn.Vars ?? new Dictionary<string, string?>())
        {
            var actual = outcome?.State.Vars.GetValueOrDefault(name);
            if (!string.Equals(actual, expected, StringComparison.Ordinal))
            {
                problems.Add($"expected the variable {name} to be {expected ?? "unset"}, got {actual ?? "unset"}");
            }
        }

        if (turn.ReplyLocale is not null && messages.Any(m => !string.Equals(m.Locale, turn.ReplyLocale, StringComparison.Ordinal)))
        {
            problems.Add($"expected every reply to carry the locale {turn.ReplyLocale}, got {string.Join(", ", messages.Select(m => m.Locale ?? "none").Distinct())}");
        }

        return problems;
    }

    /// <summary>The buttons a person sees after the turn: those of its last message.</summary>
    private static List<string> Choices(IReadOnlyList<IMessageActivity> messages) =>
        messages.Count == 0 || messages[^1].SuggestedActions?.Actions is not { } actions
            ? []
            : actions.Select(a => a.Title).ToList();

    private static string Describe(TranscriptScenario scenario, int index, TranscriptTurn turn, List<string> problems, IReadOnlyList<IActivity> replies, DialogTurnOutcome? outcome)
    {
        var text = new StringBuilder();
        text.Append(scenario.Where).Append(": scenario '").Append(scenario.Name).Append('\'').AppendLine();
        text.Append("  turn ").Append(index + 1).Append(" (").Append(turn.Where).Append(") ").AppendLine(turn.Describe());
        text.AppendLine("  expected:");
        foreach (var problem in problems)
        {
            text.Append("    - ").AppendLine(problem);
        }

        text.AppendLine("  actual turn:");
        AppendReplies(text, replies);
        if (outcome is not null)
        {
            text.Append("    actions: ").AppendLine(outcome.Turn.Actions.Count == 0 ? "none" : string.Join(", ", outcome.Turn.Actions));
            text.Append("    vars: ").AppendLine(outcome.State.Vars.Count == 0 ? "none" : string.Join(", ", outcome.State.Vars.Select(v => $"{v.Key}={v.Value}")));
            text.Append("    waiting at: ").AppendLine(outcome.State.IsWaiting ? $"{outcome.State.Flow}/{outcome.State.Step}" : "nothing");
        }

        return text.ToString();
    }

    private static void AppendReplies(StringBuilder text, IReadOnlyList<IActivity> replies)
    {
        foreach (var message in replies.OfType<IMessageActivity>())
        {
            text.Append("    bot [").Append(message.Locale).Append("]: ").AppendLine(message.Text?.Replace("\n", "\n         ", StringComparison.Ordinal));
            if (message.SuggestedActions?.Actions is { Count: > 0 } actions)
            {
                text.Append("         choices: ").AppendLine(string.Join(" | ", actions.Select(a => a.Title)));
            }
        }

        if (replies.Count == 0)
        {
            text.AppendLine("    (no reply)");
        }
    }

    private sealed class ScenarioClock(DateTimeOffset start) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = start;

        public override DateTimeOffset GetUtcNow() => Now.ToUniversalTime();
    }

    private sealed class ScriptedTriage : ITriage
    {
        public TriageResult Next { get; set; } = TriageResult.Empty;

        public TriageResult Classify(string text) => Next;
    }

    private sealed class FixtureCrisisLineCatalog(IReadOnlyList<FixtureCrisisLine> lines) : ICrisisLineCatalog
    {
        private static readonly TimeZoneInfo Tokyo = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");

        public IReadOnlyList<CrisisLine> OpenAt(DateTimeOffset at)
        {
            var local = TimeZoneInfo.ConvertTime(at, Tokyo).DateTime;
            return lines.Where(l => l.Open.IsOpen(local, _ => false)).Select(l => l.Line).ToList();
        }
    }

    private sealed class FixedContentProvider(DialogContent content) : IDialogContentProvider
    {
        public DialogContent Current => content;

        public DialogContentLoadResult Check() => new(content, []);
    }
}

/// <summary>Whether a scenario passed; when not, the expected and the actual turn. <see cref="Transcript"/> is the whole conversation as played.</summary>
public sealed record TranscriptOutcome(bool Passed, string Message, string Transcript);

/// <summary>A signed-in counsellor, or nobody, as the scenario says.</summary>
internal sealed class FixturePresence(bool online) : ICounsellorPresence
{
    private static readonly Counsellor OnDuty = new("fixture-counsellor", "fixture", "相談員", CounsellorRole.Counsellor, DateTimeOffset.UnixEpoch);

    public Task<IReadOnlyList<Counsellor>> ActiveAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Counsellor>>(online ? [OnDuty] : []);
}
