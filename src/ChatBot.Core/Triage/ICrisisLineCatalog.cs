namespace ChatBot.Core.Triage;
public interface ICrisisLineCatalog { IReadOnlyList<CrisisLine> OpenAt(DateTimeOffset at); }
public sealed record CrisisLine(string Id, IReadOnlyDictionary<string,string> Name, string? Phone, string? Url, IReadOnlyDictionary<string,string> Hours, bool Always);
