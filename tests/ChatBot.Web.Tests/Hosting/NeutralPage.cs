using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Web.Tests.Hosting;

/// <summary>
/// A stand-in for the neutral site the quick exit goes to, served by the test host itself so that no test
/// leaves the machine: pass <see cref="Settings"/> and <see cref="Register"/> to <see cref="ChatBotServer.Start"/>.
/// Being on the same origin, it can also read what the chat left in the tab's storage.
/// </summary>
internal static class NeutralPage
{
    public const string Path = "/neutral-page-for-tests";

    public const string Title = "今日の天気";

    public static Dictionary<string, string?> Settings => new() { ["WebChat:QuickExitUrl"] = Path };

    public static void Register(IServiceCollection services) => services.AddSingleton<IStartupFilter, Filter>();

    private sealed class Filter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Map(Path, neutral => neutral.Run(http =>
            {
                http.Response.ContentType = "text/html; charset=utf-8";
                return http.Response.WriteAsync($"<!doctype html><html lang=\"ja\"><link rel=\"icon\" href=\"data:,\"><title>{Title}</title><p>晴れ</p></html>", http.RequestAborted);
            }));
            next(app);
        };
    }
}
