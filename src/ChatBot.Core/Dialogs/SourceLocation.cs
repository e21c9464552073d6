namespace ChatBot.Core.Dialogs;

/// <summary>Where something was written: a file (relative to the repository, e.g. <c>dialogs/flows/self.yaml</c>) and a 1-based line.</summary>
public readonly record struct SourceLocation(string File, int Line)
{
    public override string ToString() => $"{File}:{Line}";
}

/// <summary>One problem in the content, reported as <c>file:line: message</c>.</summary>
public sealed record DialogError(SourceLocation Where, string Message)
{
    public override string ToString() => $"{Where}: {Message}";
}

/// <summary>The content under <c>dialogs/</c> has errors; the service does not start on it.</summary>
public sealed class DialogContentException : Exception
{
    public DialogContentException(IReadOnlyList<DialogError> errors)
        : base(Describe(errors))
    {
        Errors = errors;
    }

    public DialogContentException()
        : this([])
    {
    }

    public DialogContentException(string message)
        : base(message)
    {
        Errors = [];
    }

    public DialogContentException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [];
    }

    public IReadOnlyList<DialogError> Errors { get; }

    private static string Describe(IReadOnlyList<DialogError> errors) =>
        $"The dialog content has {errors.Count} error(s); fix them (see `chatbot dialogs validate`):" + Environment.NewLine
        + string.Join(Environment.NewLine, errors.Select(e => "  " + e));
}
