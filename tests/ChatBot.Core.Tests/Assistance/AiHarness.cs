using ChatBot.Core.Tests.Privacy;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.SemanticKernel.ChatCompletion;

namespace ChatBot.Core.Tests.Assistance;

/// <summary>
/// ChatBot.Core as the host wires it with AI configured (an endpoint that is never reached: the model is
/// <see cref="FakeModel"/> at the chat-completion boundary), a fake clock and every log line captured.
/// </summary>
internal sealed class AiHarness : IAsyncDisposable
{
    private AiHarness(CoreServices core, FakeModel model, CapturedLogs logs)
    {
        Core = core;
        Model = model;
        Logs = logs;
    }

    public CoreServices Core { get; }

    public FakeModel Model { get; }

    public CapturedLogs Logs { get; }

    public static async Task<AiHarness> StartAsync(bool ai = true, bool secondOpinion = true, IDictionary<string, string?>? settings = null)
    {
        var model = new FakeModel();
        var logs = new CapturedLogs();
        var all = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>());
        if (ai)
        {
            all["Ai:Endpoint"] = "http://127.0.0.1:9/v1";
            all["Ai:Model"] = "test-model";
            all["Ai:RiskSecondOpinion"] = secondOpinion ? "true" : "false";
        }

        var core = await CoreServices.StartAsync(all, services =>
        {
            services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
            services.AddSingleton<IChatCompletionService>(model.Mock.Object);
        });
        return new AiHarness(core, model, logs);
    }

    public T Get<T>()
        where T : notnull => Core.Get<T>();

    public async ValueTask DisposeAsync() => await Core.DisposeAsync();
}
