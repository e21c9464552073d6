using ChatBot.Core.Dialogs;
using ChatBot.Core.Triage;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Adapters;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace ChatBot.Core.Tests.Dialogs;

/// <summary>
/// The application's services around the repository's dialogs, with a fake clock (a Tuesday, 10:00 in
/// Tokyo), a triage double and a crisis-line catalog double, for tests that drive the engine directly.
/// </summary>
internal sealed class EngineHarness : IDisposable
{
    private readonly DialogsFolder _folder = new();
    private readonly ServiceProvider _services;

    public EngineHarness(Action<IServiceCollection>? configure = null)
    {
        var services = new ServiceCollection().AddLogging();
        services.AddSingleton<TimeProvider>(Clock);
        services.AddChatBotCore(_folder.Configuration());
        services.Replace(ServiceDescriptor.Singleton<ITriage>(Triage.Object));
        services.Replace(ServiceDescriptor.Singleton<ICrisisLineCatalog>(CrisisLines.Object));
        configure?.Invoke(services);
        _services = services.BuildServiceProvider();
        Triage.Setup(t => t.Classify(It.IsAny<string>())).Returns(TriageResult.Empty);
        CrisisLines.Setup(c => c.OpenAt(It.IsAny<DateTimeOffset>())).Returns(
        [
            new CrisisLine("yorisoi", new Dictionary<string, string> { ["ja"] = "よりそいホットライン", ["en"] = "Yorisoi Hotline" }, "0120-279-338", null, new Dictionary<string, string> { ["ja"] = "24時間", ["en"] = "24 hours" }, Always: false, AroundTheClock: true),
        ]);
    }

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.FromHours(9)));

    public Mock<ITriage> Triage { get; } = new();

    public Mock<ICrisisLineCatalog> CrisisLines { get; } = new();

    public IServiceProvider Services => _services;

    public IDialogEngine Engine => _services.GetRequiredService<IDialogEngine>();

    public DialogContent Content => _services.GetRequiredService<IDialogContentProvider>().Current;

    public Task<DialogTurn> SendAsync(DialogState state, string? text, RiskLevel risk = RiskLevel.Normal, string locale = "ja-JP")
    {
        var activity = MessageFactory.Text(text);
        activity.Locale = locale;
        return Engine.MessageAsync(Turn(activity), state, text, new TriageResult(risk, Speaker.Unknown, [], []), CancellationToken.None);
    }

    public void Dispose()
    {
        _services.Dispose();
        _folder.Dispose();
    }

    private static TurnContext Turn(Activity activity)
    {
        var adapter = new TestAdapter(TestAdapter.CreateConversation("engine-test"));
        activity.Conversation = adapter.Conversation.Conversation;
        activity.From = adapter.Conversation.User;
        activity.Recipient = adapter.Conversation.Bot;
        activity.ChannelId = adapter.Conversation.ChannelId;
        return new TurnContext(adapter, activity);
    }
}
