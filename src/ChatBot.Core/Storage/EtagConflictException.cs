namespace ChatBot.Core.Storage;

/// <summary>
/// A write carried an ETag that no longer matches what is stored: someone else wrote first.
/// Derives from <see cref="ArgumentException"/> because that is what Bot Framework's own
/// <c>MemoryStorage</c> throws for the same situation, so callers written for it keep working.
/// </summary>
public sealed class EtagConflictException : ArgumentException
{
    public EtagConflictException(string key)
        : base($"Etag conflict on '{key}': the item was changed by another writer.")
    {
        Key = key;
    }

    public EtagConflictException()
    {
        Key = string.Empty;
    }

    public EtagConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
        Key = string.Empty;
    }

    public string Key { get; }
}
