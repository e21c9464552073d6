using System.ClientModel;
using System.ClientModel.Primitives;
using ChatBot.Core.Content;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using Microsoft.SemanticKernel.Connectors.OpenAI;
using OpenAI;

namespace ChatBot.Core.Assistance;

public static class AssistanceServiceCollectionExtensions
{
    /// <summary>The named HttpClient every call to the AI endpoint goes through.</summary>
    public const string HttpClientName = "ChatBot.Ai";

    /// <summary>
    /// The AI helpers: the handoff summariser (<see cref="IHandoffSummarizer"/>) and the risk second opinion
    /// (<see cref="IRiskSecondOpinion"/>). With <c>Ai:Endpoint</c> empty (the default) nothing leaves the
    /// machine: the summary is the person's last messages and the rule-based risk stands. With it set, a
    /// Semantic Kernel over an OpenAI-compatible chat-completions endpoint runs the prompt functions of
    /// <c>prompts/</c>, through an <see cref="IHttpClientFactory"/> client with a timeout, one retry and a
    /// circuit breaker. The prompt files are checked at every start, AI on or off, like the rest of the content.
    /// </summary>
    public static IServiceCollection AddAiHelpers(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<AiOptions>().Bind(configuration.GetSection(AiOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AiOptions>, AiOptionsValidator>());

        services.AddSingleton(sp => AiPrompts.Load(ContentPaths.Prompts(sp.GetRequiredService<IOptions<ContentOptions>>().Value)));
        services.AddHostedService<AiPromptCheck>();

        services.AddHttpClient(HttpClientName)
            .ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan) // the resilience pipeline below bounds every call
            .AddStandardResilienceHandler()
            .Configure((HttpStandardResilienceOptions resilience, IServiceProvider sp) =>
            {
                var timeout = sp.GetRequiredService<IOptions<AiOptions>>().Value.Timeout;
                resilience.AttemptTimeout.Timeout = timeout;
                resilience.Retry.MaxRetryAttempts = 1;
                resilience.Retry.Delay = TimeSpan.FromMilliseconds(500);
                resilience.TotalRequestTimeout.Timeout = (timeout * 2) + TimeSpan.FromSeconds(1);
                // A service with few conversations: a handful of failures in a row is enough to stop asking for a while,
                // so that nobody waits for a timeout while the endpoint is down.
                resilience.CircuitBreaker.MinimumThroughput = 5;
                resilience.CircuitBreaker.FailureRatio = 0.5;
                resilience.CircuitBreaker.SamplingDuration = TimeSpan.FromTicks(Math.Max(TimeSpan.FromSeconds(30).Ticks, timeout.Ticks * 2));
                resilience.CircuitBreaker.BreakDuration = TimeSpan.FromSeconds(30);
            });

        // The kernel gets no logger factory on purpose: Semantic Kernel traces rendered prompts and answers,
        // and those hold what people wrote, which never goes into a log.
        services.AddSingleton<IChatCompletionService>(sp =>
        {
            var ai = sp.GetRequiredService<IOptions<AiOptions>>().Value;
            if (!ai.Enabled)
            {
                throw new InvalidOperationException("The AI chat completion service was asked for while Ai:Endpoint is empty.");
            }

            // The OpenAI client over our HttpClient: its own retries are off (the resilience pipeline retries once),
            // and a server that needs no key (Ollama, vLLM) is sent a placeholder it ignores.
            var client = new OpenAIClient(
                new ApiKeyCredential(string.IsNullOrWhiteSpace(ai.ApiKey) ? "unused" : ai.ApiKey),
                new OpenAIClientOptions
                {
                    Endpoint = new Uri(ai.Endpoint!),
                    Transport = new HttpClientPipelineTransport(sp.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName)),
                    RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
                    NetworkTimeout = Timeout.InfiniteTimeSpan,
                });
            return new OpenAIChatCompletionService(ai.Model!, client, NullLoggerFactory.Instance);
        });
        services.AddSingleton(sp =>
        {
            var kernel = Kernel.CreateBuilder();
            kernel.Services.AddSingleton(sp.GetRequiredService<IChatCompletionService>());
            return new AiFunctions(kernel.Build(), sp.GetRequiredService<KernelPlugin>());
        });

        services.AddSingleton<ExcerptHandoffSummary>();
        services.AddSingleton<IHandoffSummarizer>(sp => Ai(sp).Enabled
            ? ActivatorUtilities.CreateInstance<AiHandoffSummary>(sp)
            : sp.GetRequiredService<ExcerptHandoffSummary>());
        services.AddSingleton<IRiskSecondOpinion>(sp => Ai(sp).SecondOpinionEnabled
            ? ActivatorUtilities.CreateInstance<AiRiskSecondOpinion>(sp)
            : new RuleRiskStands());
        return services;
    }

    private static AiOptions Ai(IServiceProvider services) => services.GetRequiredService<IOptions<AiOptions>>().Value;
}
