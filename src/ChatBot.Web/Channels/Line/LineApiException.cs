using System.Net;

namespace ChatBot.Web.Channels.Line;

/// <summary>LINE answered with an error status. The body's message is LINE's, never the person's text.</summary>
public sealed class LineApiException : Exception
{
    public LineApiException(HttpStatusCode status, string? lineMessage)
        : base($"LINE API answered {(int)status}: {lineMessage}")
    {
        Status = status;
    }

    public LineApiException()
    {
    }

    public LineApiException(string message)
        : base(message)
    {
    }

    public LineApiException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public HttpStatusCode Status { get; }
}
