using System.Collections.Concurrent;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using Moq;

namespace ChatBot.Core.Tests.Assistance;

/// <summary>
/// The chat-completion boundary (<see cref="IChatCompletionService"/>) as a Moq double: records every chat
/// history the kernel sends and answers with what the test says — a text, an exception, or nothing until
/// the call is cancelled.
/// </summary>
internal sealed class FakeModel
{
    private Func<ChatHistory, CancellationToken, Task<string>> _answer = (_, _) => Task.FromResult("normal");

    public FakeModel()
    {
        Mock.SetupGet(m => m.Attributes).Returns(new Dictionary<string, object?>());
        Mock.Setup(m => m.GetChatMessageContentsAsync(It.IsAny<ChatHistory>(), It.IsAny<PromptExecutionSettings?>(), It.IsAny<Kernel?>(), It.IsAny<CancellationToken>()))
            .Returns(async (ChatHistory history, PromptExecutionSettings? _, Kernel? _, CancellationToken cancellationToken) =>
            {
                Requests.Enqueue(history);
                Called.TrySetResult();
                IReadOnlyList<ChatMessageContent> reply = [new ChatMessageContent(AuthorRole.Assistant, await _answer(history, cancellationToken))];
                return reply;
            });
    }

    public Mock<IChatCompletionService> Mock { get; } = new();

    public ConcurrentQueue<ChatHistory> Requests { get; } = new();

    /// <summary>Completes when the model is first asked.</summary>
    public TaskCompletionSource Called { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Every text sent to the model so far, system and user parts, one message a line.</summary>
    public string AllSent => string.Join("\n", Requests.SelectMany(h => h).Select(m => m.Content));

    public void Answers(string text) => _answer = (_, _) => Task.FromResult(text);

    public void Fails(Exception exception) => _answer = (_, _) => Task.FromException<string>(exception);

    /// <summary>Never answers: the call ends only when its token is cancelled.</summary>
    public void Hangs() => _answer = async (_, cancellationToken) =>
    {
        await Task.Delay(Timeout.Infinite, cancellationToken);
        return "unreachable";
    };
}
