namespace ChatBot.Web.Tests;
