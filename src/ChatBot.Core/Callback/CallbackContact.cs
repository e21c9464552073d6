using System.Text.RegularExpressions;
using ChatBot.Core.Privacy;

namespace ChatBot.Core.Callback;

/// <summary>How a counsellor can reach the person: a phone number or an e-mail address.</summary>
public enum ContactKind
{
    Phone,
    Email,
}

/// <summary>A contact a person left for a call-back, as they typed it (full-width folded). Only ever held encrypted at rest.</summary>
public sealed partial record CallbackContact(ContactKind Kind, string Value)
{
    // Never printed by accident (a log line, an exception message, a debugger's display of a collection).
    public override string ToString() => $"{Kind} contact";

    /// <summary>
    /// Finds a phone number or an e-mail address in what a person typed, loosely: hyphens, spaces, brackets,
    /// full-width digits, +81, words around it (「090-1234-5678です」). The first one found is the contact.
    /// </summary>
    public static bool TryFind(string? text, out CallbackContact contact)
    {
        contact = null!;
        if (string.IsNullOrWhiteSpace(text) || text.Length > MaxInput)
        {
            return false;
        }

        var folded = TextNormalizer.Normalize(text);
        var found = new List<(int Index, CallbackContact Contact)>();
        var emails = EmailPattern().Matches(folded);
        foreach (Match email in emails)
        {
            if (email.Length <= 254)
            {
                found.Add((email.Index, new CallbackContact(ContactKind.Email, email.Value)));
            }
        }

        foreach (Match phone in PhonePattern().Matches(folded))
        {
            var insideEmail = emails.Any(e => phone.Index < e.Index + e.Length && e.Index < phone.Index + phone.Length);
            if (!insideEmail && IsPhoneNumber(phone.Value))
            {
                found.Add((phone.Index, new CallbackContact(ContactKind.Phone, phone.Value.Trim())));
            }
        }

        if (found.Count == 0)
        {
            return false;
        }

        contact = found.OrderBy(f => f.Index).First().Contact;
        return true;
    }

    private const int MaxInput = 1000;

    private static bool IsPhoneNumber(string candidate)
    {
        var digits = new string([.. candidate.Where(char.IsAsciiDigit)]);
        if (candidate.TrimStart().StartsWith('+'))
        {
            return digits.StartsWith("81", StringComparison.Ordinal)
                ? digits.Length is 11 or 12 && digits[2] != '0'
                : digits.Length is >= 8 and <= 15;
        }

        // Japanese numbers: 0 and then 9 or 10 digits (fixed lines, mobiles, 050, 0120 …).
        return digits.Length is 10 or 11 && digits[0] == '0' && digits[1] != '0';
    }

    [GeneratedRegex(@"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+", RegexOptions.CultureInvariant)]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"(?<![0-9A-Za-z])\+?[0-9][0-9\- ().]{7,20}[0-9](?![0-9])", RegexOptions.CultureInvariant)]
    private static partial Regex PhonePattern();
}
