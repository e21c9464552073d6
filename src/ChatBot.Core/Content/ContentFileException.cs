namespace ChatBot.Core.Content;

/// <summary>
/// A content file under <c>dialogs/</c> is missing or wrong. Thrown at start-up, so the service
/// stops with the file and the reason instead of running with a rule or a phone number missing.
/// </summary>
public sealed class ContentFileException : Exception
{
    public ContentFileException(string file, string problem, Exception? innerException = null)
        : base($"{file}: {problem}", innerException)
    {
        File = file;
        Problem = problem;
    }

    public ContentFileException()
        : this(string.Empty, "invalid content")
    {
    }

    public ContentFileException(string message)
        : this(string.Empty, message)
    {
    }

    public ContentFileException(string message, Exception innerException)
        : this(string.Empty, message, innerException)
    {
    }

    /// <summary>The file, relative to the content folder where possible.</summary>
    public string File { get; }

    /// <summary>What is wrong, for a person to fix.</summary>
    public string Problem { get; }
}
