using System.Text;
using ChatBot.Core.Bot;
using ChatBot.Core.Privacy;
using ChatBot.Core.Triage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel;

namespace ChatBot.Core.Assistance;

/// <summary>
/// The handoff summary written by the configured model (prompt <c>prompts/HandoffSummary</c>) from the
/// person's messages, each passed through <see cref="IRedactor"/> before it is sent, and what triage found.
/// Its answer is redacted as well, cut to four lines and marked as an AI summary. On any error, an empty or
/// unusable answer, or after <see cref="AiOptions.Timeout"/>, the excerpt summary is used; the log says
/// which, never with any text.
/// </summary>
internal sealed partial class AiHandoffSummary(
    AiFunctions functions,
    IRedactor redactor,
    ExcerptHandoffSummary fallback,
    IOptions<AiOptions> options,
    TimeProvider time,
    ILogger<AiHandoffSummary> logger) : IHandoffSummarizer
{
    /// <summary>Opens the first line, so a counsellor always knows a model wrote it.</summary>
    public const string Marker = "AI要約：";

    private const int MaxMessages = 30;
    private const int MaxTranscriptLength = 4_000;
    private const int MaxLines = 4;
    private const int MaxLineLength = 200;

    public async Task<string> SummarizeAsync(HandoffSummaryInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.PersonMessages.Count == 0)
        {
            return await fallback.SummarizeAsync(input, cancellationToken);
        }

        var started = time.GetTimestamp();
        using var timeout = new CancellationTokenSource(options.Value.Timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            var arguments = new KernelArguments
            {
                ["facts"] = Facts(input),
                ["transcript"] = await TranscriptAsync(input, linked.Token),
            };
            var answer = await functions.InvokeAsync(AiPrompts.HandoffSummary, arguments, linked.Token);
            var summary = await CleanAsync(answer, input.Locale, linked.Token);
            if (summary.Length > 0)
            {
                LogSummarized(logger, input.ConversationId, (long)time.GetElapsedTime(started).TotalMilliseconds);
                return summary;
            }

            LogUnusable(logger, input.ConversationId);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            LogTimedOut(logger, input.ConversationId, options.Value.Timeout);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogFailed(logger, new WithheldMessageException(ex), input.ConversationId);
        }

        return await fallback.SummarizeAsync(input, cancellationToken);
    }

    /// <summary>The latest messages that fit, oldest first, one a line, numbered; each redacted again here.</summary>
    private async Task<string> TranscriptAsync(HandoffSummaryInput input, CancellationToken cancellationToken)
    {
        var lines = new List<string>();
        var length = 0;
        foreach (var message in input.PersonMessages.TakeLast(MaxMessages).Reverse())
        {
            var text = (await redactor.RedactAsync(message, input.Locale, cancellationToken)).Text.ReplaceLineEndings(" ").Trim();
            if (text.Length == 0)
            {
                continue;
            }

            if (length + text.Length > MaxTranscriptLength && lines.Count > 0)
            {
                break;
            }

            lines.Add(text.Length > MaxTranscriptLength ? text[..MaxTranscriptLength] : text);
            length += text.Length;
        }

        lines.Reverse();
        var transcript = new StringBuilder();
        for (var i = 0; i < lines.Count; i++)
        {
            transcript.Append(i + 1).Append(". ").Append(lines[i]).Append('\n');
        }

        return transcript.ToString();
    }

    /// <summary>What the rules found, in the words of the prompt (no text of the person's).</summary>
    private static string Facts(HandoffSummaryInput input)
    {
        var risk = input.Risk switch
        {
            RiskLevel.Crisis => "危機（いのちに関わる差し迫った危険のサイン）",
            RiskLevel.High => "高い（死にたい気持ち・自傷・暴力などのサイン）",
            _ => "通常",
        };
        var speaker = input.Speaker switch
        {
            Speaker.Self => "本人",
            Speaker.Family => "家族",
            Speaker.Other => "その他（支援者・知人など）",
            _ => "不明",
        };
        var topics = input.Topics.Count == 0 ? "なし" : string.Join("、", input.Topics.Select(TopicName));
        return $"危険度（ルールによる判定）：{risk}\n書いている人（ルールによる判定）：{speaker}\n話題（ルールによる判定）：{topics}";
    }

    private static string TopicName(Topic topic) => topic switch
    {
        Topic.Work => "仕事",
        Topic.School => "学校",
        Topic.Family => "家族",
        Topic.Money => "お金",
        Topic.Health => "健康",
        Topic.Carer => "介護・世話",
        Topic.Violence => "暴力",
        Topic.Isolation => "孤立",
        Topic.Services => "支援・窓口",
        _ => topic.ToString(),
    };

    /// <summary>At most four non-empty lines of at most 200 characters, redacted, the first marked as an AI summary.</summary>
    private async Task<string> CleanAsync(string answer, string? locale, CancellationToken cancellationToken)
    {
        var lines = answer.ReplaceLineEndings("\n").Split('\n')
            .Select(l => l.Trim().TrimStart('-', '*', '・', '•').Trim())
            .Where(l => l.Length > 0)
            .Take(MaxLines)
            .Select(l => l.Length > MaxLineLength ? string.Concat(l.AsSpan(0, MaxLineLength), "…") : l)
            .ToList();
        if (lines.Count == 0)
        {
            return string.Empty;
        }

        var summary = (await redactor.RedactAsync(string.Join('\n', lines), locale, cancellationToken)).Text;
        return Marker + summary;
    }

    [LoggerMessage(EventId = 4600, Level = LogLevel.Information, Message = "AI handoff summary written for conversation {ConversationId} in {ElapsedMs} ms")]
    private static partial void LogSummarized(ILogger logger, string conversationId, long elapsedMs);

    [LoggerMessage(EventId = 4601, Level = LogLevel.Warning, Message = "AI handoff summary for conversation {ConversationId} took longer than {Timeout}; the excerpt summary was used")]
    private static partial void LogTimedOut(ILogger logger, string conversationId, TimeSpan timeout);

    [LoggerMessage(EventId = 4602, Level = LogLevel.Warning, Message = "AI handoff summary for conversation {ConversationId} failed; the excerpt summary was used")]
    private static partial void LogFailed(ILogger logger, Exception exception, string conversationId);

    [LoggerMessage(EventId = 4603, Level = LogLevel.Warning, Message = "AI handoff summary for conversation {ConversationId} was empty; the excerpt summary was used")]
    private static partial void LogUnusable(ILogger logger, string conversationId);
}
