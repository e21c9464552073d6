using System.Net;
using System.Web;
using ChatBot.Web.Tests.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChatBot.Web.Tests.Console;

/// <summary>
/// OpenID Connect sign-in, selected by configuration: the console hands sign-in to the provider (here a
/// discovery document served on loopback) with PKCE, and password sign-in is off.
/// </summary>
public sealed class ConsoleOidcTests : IAsyncLifetime
{
    private WebApplication _provider = null!;
    private Uri _providerAddress = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _provider = builder.Build();
        _provider.MapGet("/.well-known/openid-configuration", (HttpContext http) =>
        {
            var issuer = $"http://{http.Request.Host}";
            return Results.Json(new Dictionary<string, object>
            {
                ["issuer"] = issuer,
                ["authorization_endpoint"] = issuer + "/authorize",
                ["token_endpoint"] = issuer + "/token",
                ["jwks_uri"] = issuer + "/jwks",
                ["response_types_supported"] = new[] { "code" },
                ["subject_types_supported"] = new[] { "public" },
                ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
            });
        });
        _provider.MapGet("/jwks", () => Results.Json(new { keys = Array.Empty<object>() }));
        await _provider.StartAsync();
        var addresses = _provider.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!;
        _providerAddress = new Uri(addresses.Addresses.First());
    }

    public async Task DisposeAsync() => await _provider.DisposeAsync();

    [Fact]
    public async Task With_openid_connect_configured_sign_in_goes_to_the_provider_with_pkce_and_password_sign_in_is_off()
    {
        await using var server = ChatBotServer.Start(new Dictionary<string, string?>
        {
            ["Console:Authentication"] = "OpenIdConnect",
            ["Console:Oidc:Authority"] = _providerAddress.ToString().TrimEnd('/'),
            ["Console:Oidc:ClientId"] = "console-test",
            ["Console:Oidc:ClientSecret"] = "not-a-real-secret",
            ["Console:Oidc:RequireHttpsMetadata"] = "false",
        });
        using var console = ConsoleTestClient.For(server);

        var (configStatus, config) = await console.GetAsync("/api/console/config");
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = server.BaseAddress };
        using var challenge = await http.GetAsync(new Uri("/api/console/oidc/login", UriKind.Relative));
        var (password, _) = await console.LoginAsync("sato", ConsoleTestClient.Password);

        Assert.Equal(HttpStatusCode.OK, configStatus);
        Assert.Equal("oidc", (string)config!["authentication"]!);
        Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
        var location = challenge.Headers.Location!;
        Assert.StartsWith(new Uri(_providerAddress, "/authorize").ToString(), location.ToString(), StringComparison.Ordinal);
        var query = HttpUtility.ParseQueryString(location.Query);
        Assert.Equal("console-test", query["client_id"]);
        Assert.Equal("code", query["response_type"]);
        Assert.Equal("S256", query["code_challenge_method"]);
        Assert.False(string.IsNullOrEmpty(query["code_challenge"]));
        Assert.EndsWith("/console/signin-oidc", query["redirect_uri"], StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, password);
    }

    [Fact]
    public void Openid_connect_without_a_client_id_stops_the_service_at_start_with_a_clear_message()
    {
        var error = Assert.ThrowsAny<Exception>(() => ChatBotServer.Start(new Dictionary<string, string?>
        {
            ["Console:Authentication"] = "OpenIdConnect",
            ["Console:Oidc:Authority"] = _providerAddress.ToString(),
        }));

        var validation = error as OptionsValidationException ?? error.InnerException as OptionsValidationException;
        Assert.NotNull(validation);
        Assert.Contains("Console:Oidc:ClientId", validation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_openid_connect_its_sign_in_address_is_not_found()
    {
        await using var server = ChatBotServer.Start();
        using var console = ConsoleTestClient.For(server);

        var (status, _) = await console.GetAsync("/api/console/oidc/login");

        Assert.Equal(HttpStatusCode.NotFound, status);
    }
}
