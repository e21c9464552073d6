namespace ChatBot.Core.Bot;

/// <summary>
/// Stands in for an exception when it is logged: same type name and stack trace, but the message is
/// withheld, because exception messages often quote their input — and the input here is what a person
/// wrote. Inner exceptions are withheld the same way.
/// </summary>
public sealed class WithheldMessageException : Exception
{
    private readonly string? _stackTrace;

    public WithheldMessageException(Exception original)
        : base(
            $"{original?.GetType().FullName} (message withheld: it may quote what a person wrote)",
            original?.InnerException is null ? null : new WithheldMessageException(original.InnerException))
    {
        ArgumentNullException.ThrowIfNull(original);
        _stackTrace = original.StackTrace;
        OriginalType = original.GetType().FullName ?? original.GetType().Name;
        HResult = original.HResult;
    }

    public WithheldMessageException()
    {
        OriginalType = string.Empty;
    }

    public WithheldMessageException(string message)
        : base(message)
    {
        OriginalType = string.Empty;
    }

    public WithheldMessageException(string message, Exception innerException)
        : base(message, innerException)
    {
        OriginalType = string.Empty;
    }

    public string OriginalType { get; }

    public override string? StackTrace => _stackTrace;
}
