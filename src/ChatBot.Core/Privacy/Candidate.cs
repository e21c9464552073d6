namespace ChatBot.Core.Privacy;

/// <summary>A span a detector proposes to redact, in positions of the original text.</summary>
internal readonly record struct Candidate(int Start, int Length, string Kind)
{
    public int End => Start + Length;
}
