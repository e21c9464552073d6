using ChatBot.Core.Privacy;

namespace ChatBot.Core.Assistance;

/// <summary>
/// The summary without AI: the person's last three messages, redacted, each shortened to 120 characters,
/// one a line. Also the fallback of <see cref="AiHandoffSummary"/>.
/// </summary>
internal sealed class ExcerptHandoffSummary(IEnumerable<IRedactor> redactors) : IHandoffSummarizer
{
    private const int Excerpts = 3;
    private const int ExcerptLength = 120;

    public async Task<string> SummarizeAsync(HandoffSummaryInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var redactor = redactors.LastOrDefault();
        var excerpts = new List<string>();
        foreach (var message in input.PersonMessages.TakeLast(Excerpts))
        {
            var text = redactor is null ? message : (await redactor.RedactAsync(message, input.Locale, cancellationToken)).Text;
            excerpts.Add(text.Length > ExcerptLength ? string.Concat(text.AsSpan(0, ExcerptLength), "…") : text);
        }

        return string.Join('\n', excerpts.Select(e => e.ReplaceLineEndings(" ")));
    }
}
