namespace ChatBot.Core.Tests;
