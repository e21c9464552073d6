namespace ChatBot.Web.WebChat;

/// <summary>
/// The Content-Security-Policy and Permissions-Policy of the web chat pages: scripts and styles from this
/// site only, no request to any other site, no framing, no forms.
/// </summary>
internal static class WebChatSecurity
{
    /// <summary>Nothing on these pages needs a camera, a microphone, a location or payment.</summary>
    public const string PermissionsPolicy =
        "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), browsing-topics=()";

    /// <summary>The SHA-256 of the empty string, as a CSP hash source.</summary>
    private const string EmptyStyleHash = "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='";

    /// <summary>
    /// The chat page. Web Chat 4.18 builds its styles at run time as &lt;style&gt; elements (emotion) that
    /// carry the per-request nonce, so no 'unsafe-inline' is needed. One exception: Web Chat 4.18.1 does not
    /// pass the nonce on to react-scroll-to-bottom (BasicTranscript.tsx), whose emotion inserts an EMPTY
    /// &lt;style&gt; and then adds its rules with insertRule (which CSP does not police). The hash of the
    /// empty string admits exactly that empty element; injected markup with any content stays blocked.
    /// Without it the transcript loses its scrolling styles. <c>data:</c> images are icons inside Web Chat's
    /// own CSS. The Direct Line WebSocket is on this same host.
    /// </summary>
    public static string ChatPagePolicy(HttpContext http, string nonce)
    {
        ArgumentNullException.ThrowIfNull(http);
        var host = http.Request.Host.Value;
        // The Host header is the client's word: only a plain host[:port] goes into the policy.
        var socket = !string.IsNullOrEmpty(host) && host.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or ':' or '[' or ']')
            ? $" ws://{host} wss://{host}"
            : string.Empty;
        return string.Join("; ",
            "default-src 'none'",
            "script-src 'self'",
            $"style-src 'self' 'nonce-{nonce}' {EmptyStyleHash}",
            "img-src 'self' data:",
            "font-src 'self'",
            $"connect-src 'self'{socket}",
            "base-uri 'none'",
            "form-action 'none'",
            "frame-ancestors 'none'");
    }

    /// <summary>
    /// Text pages (the privacy notice): no inline script or style at all; the quick exit still posts to Direct
    /// Line, so connect-src stays.
    /// </summary>
    public static string TextPagePolicy(HttpContext http) => string.Join("; ",
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self'",
        "connect-src 'self'",
        "base-uri 'none'",
        "form-action 'none'",
        "frame-ancestors 'none'");
}
