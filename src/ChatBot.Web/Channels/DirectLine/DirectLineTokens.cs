using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ChatBot.Web.Channels.DirectLine;

/// <summary>What a valid token grants: one conversation, as one (pseudonymous) user.</summary>
internal sealed record DirectLineGrant(string ConversationId, string UserId, DateTimeOffset ExpiresAt);

internal enum TokenCheck
{
    Valid,
    Missing,
    Invalid,
    Expired,
}

/// <summary>
/// Conversation tokens: HS256 JWTs carrying the conversation id and a <c>user</c> claim (Web Chat and
/// DirectLineJS read that claim as the user id). They cannot be forged without the signing key and are
/// good for one conversation only.
/// </summary>
internal sealed class DirectLineTokens
{
    private const string Issuer = "chatbot-directline";
    private const string ConversationClaim = "conv";
    private const string UserClaim = "user";

    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };
    private readonly SymmetricSecurityKey _key;
    private readonly SigningCredentials _credentials;
    private readonly TimeProvider _time;
    private readonly DirectLineOptions _options;

    public DirectLineTokens(IOptions<DirectLineOptions> options, DirectLineKeyStore keys, TimeProvider time)
    {
        _options = options.Value;
        _time = time;
        _key = new SymmetricSecurityKey(keys.SigningKey) { KeyId = "dl" };
        _credentials = new SigningCredentials(_key, SecurityAlgorithms.HmacSha256);
    }

    public int LifetimeSeconds => (int)_options.TokenLifetime.TotalSeconds;

    public static string NewConversationId() => Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(18));

    /// <summary>User ids minted here start with <c>dl_</c>, as the official service reserves that prefix for ids in tokens.</summary>
    public static string NewUserId() => "dl_" + Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(12));

    public (string Token, DirectLineGrant Grant) Issue(string conversationId, string userId)
    {
        var now = _time.GetUtcNow();
        var expires = now + _options.TokenLifetime;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Issuer,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            SigningCredentials = _credentials,
            Claims = new Dictionary<string, object>
            {
                [ConversationClaim] = conversationId,
                [UserClaim] = userId,
                [JwtRegisteredClaimNames.Jti] = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(9)),
            },
        };
        return (_handler.CreateToken(descriptor), new DirectLineGrant(conversationId, userId, expires));
    }

    public async Task<(TokenCheck Result, DirectLineGrant? Grant)> ValidateAsync(string? token)
    {
        if (string.IsNullOrWhiteSpace(token))
        {
            return (TokenCheck.Missing, null);
        }

        if (token.Length > 4096 || !_handler.CanReadToken(token))
        {
            return (TokenCheck.Invalid, null);
        }

        var result = await _handler.ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = Issuer,
            ValidAudience = Issuer,
            IssuerSigningKey = _key,
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            // Lifetime is checked below against the injected clock, so tests can move time.
            ValidateLifetime = false,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
        });
        if (!result.IsValid || result.SecurityToken is not JsonWebToken jwt)
        {
            return (TokenCheck.Invalid, null);
        }

        if (!jwt.TryGetPayloadValue<string>(ConversationClaim, out var conversationId) || string.IsNullOrEmpty(conversationId)
            || !jwt.TryGetPayloadValue<string>(UserClaim, out var userId) || string.IsNullOrEmpty(userId))
        {
            return (TokenCheck.Invalid, null);
        }

        var expires = new DateTimeOffset(jwt.ValidTo, TimeSpan.Zero);
        if (expires <= _time.GetUtcNow())
        {
            return (TokenCheck.Expired, null);
        }

        return (TokenCheck.Valid, new DirectLineGrant(conversationId, userId, expires));
    }

    public bool IsSecret(string? bearer) =>
        bearer is not null && _options.Secrets.Any(s => s.Length > 0 && CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.UTF8.GetBytes(s), System.Text.Encoding.UTF8.GetBytes(bearer)));
}
