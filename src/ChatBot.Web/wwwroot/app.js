/*
 * The web chat page: the official Web Chat bundle over this server's Direct Line 3.0.
 *
 * A conversation lives as long as the browser tab: its token and id are kept in sessionStorage
 * (never localStorage), so a reload resumes it — the token is refreshed and Direct Line replays the
 * history. A new tab, or closing this one, starts afresh.
 */
(function () {
  'use strict';

  var SESSION_KEY = 'chatbot.webchat';
  var DIRECT_LINE = location.origin + '/v3/directline';
  var SAVE_EVERY_MS = 60 * 1000;
  var ConnectionStatus = { Online: 2, ExpiredToken: 3, FailedToConnect: 4, Ended: 5 };

  // The nonce Web Chat puts on the style elements it creates (the page's Content-Security-Policy allows no others).
  var nonce = document.currentScript && document.currentScript.nonce;
  var chatElement = document.getElementById('webchat');
  var statusElement = document.getElementById('chat-status');
  var statusText = document.getElementById('chat-status-text');
  var retryButton = document.getElementById('chat-status-retry');

  var directLine = null;
  var session = null;

  var styleOptions = {
    accent: '#3f7d6e',
    backgroundColor: '#fffdfa',
    subtle: '#6b665e',
    primaryFont: "'Hiragino Kaku Gothic ProN', 'Hiragino Sans', 'BIZ UDPGothic', 'Meiryo', 'Noto Sans CJK JP', 'Noto Sans JP', sans-serif",
    paddingRegular: 12,
    paddingWide: 20,
    fontSizeSmall: '85%',

    bubbleBackground: '#ffffff',
    bubbleBorderColor: '#e8dfd4',
    bubbleBorderRadius: 18,
    bubbleBorderWidth: 1,
    bubbleTextColor: '#3b3a36',
    bubbleFromUserBackground: '#e3f0ea',
    bubbleFromUserBorderColor: '#cfe3da',
    bubbleFromUserBorderRadius: 18,
    bubbleFromUserBorderWidth: 1,
    bubbleFromUserTextColor: '#2f3b36',
    bubbleMaxWidth: 560,
    bubbleMinWidth: 120,
    bubbleMinHeight: 44,

    suggestedActionLayout: 'flow',
    suggestedActionHeight: 44,
    suggestedActionBorderRadius: 22,
    suggestedActionBorderWidth: 1,
    suggestedActionBorderColor: '#3f7d6e',
    suggestedActionBackgroundColor: '#ffffff',
    suggestedActionBackgroundColorOnHover: '#e3f0ea',
    suggestedActionBackgroundColorOnActive: '#cfe3da',
    suggestedActionTextColor: '#2f5f53',
    suggestedActionKeyboardFocusIndicatorBorderRadius: 18,

    sendBoxBackground: '#ffffff',
    sendBoxBorderTop: 'solid 1px #e8dfd4',
    sendBoxHeight: 52,
    sendBoxTextWrap: true,
    sendBoxTextColor: '#3b3a36',
    sendBoxButtonShadeBorderRadius: 12,

    hideUploadButton: true,
    // Our own animations, served from this site (Web Chat's defaults are blob: URLs the page's policy refuses).
    typingAnimationBackgroundImage: "url('/img/typing.svg')",
    spinnerAnimationBackgroundImage: "url('/img/spinner.svg')",
    timestampColor: '#6b665e',
    transcriptTerminatorBorderRadius: 10
  };

  function readSession() {
    try {
      return JSON.parse(sessionStorage.getItem(SESSION_KEY) || 'null');
    } catch (e) {
      return null;
    }
  }

  function saveSession() {
    if (!session) {
      return;
    }

    // Direct Line refreshes its token every 15 minutes; keep the freshest one for a reload.
    if (directLine && typeof directLine.token === 'string' && directLine.token) {
      session.token = directLine.token;
    }

    try {
      sessionStorage.setItem(SESSION_KEY, JSON.stringify(session));
    } catch (e) {
      // Storage disabled: the chat still works, a reload starts a new conversation.
    }
  }

  function forgetSession() {
    session = null;
    try {
      sessionStorage.removeItem(SESSION_KEY);
    } catch (e) {
      // Nothing stored.
    }
  }

  function post(path, token) {
    var headers = { Accept: 'application/json' };
    if (token) {
      headers.Authorization = 'Bearer ' + token;
    }

    return fetch(path, { method: 'POST', headers: headers, cache: 'no-store' });
  }

  function Problem(message) {
    this.message = message;
  }

  /* A conversation this tab already had, with a fresh token; or null when it cannot be resumed. */
  function resumeSession(saved) {
    if (!saved || !saved.started || !saved.token || !saved.conversationId) {
      return Promise.resolve(null);
    }

    return post(DIRECT_LINE + '/tokens/refresh', saved.token).then(function (response) {
      if (!response.ok) {
        return null; // Expired or ended: start a new conversation.
      }

      return response.json().then(function (body) {
        return body.token && body.conversationId === saved.conversationId
          ? { token: body.token, conversationId: saved.conversationId, started: true }
          : null;
      });
    });
  }

  function newSession() {
    return post('/api/webchat/token').then(function (response) {
      if (response.status === 429) {
        throw new Problem('いま、つながりにくくなっています。1分ほど待ってから、もう一度つないでください。');
      }

      if (!response.ok) {
        throw new Problem('チャットにつながりませんでした。少し待ってから、もう一度つないでください。');
      }

      return response.json().then(function (body) {
        return { token: body.token, conversationId: body.conversationId, started: false };
      });
    });
  }

  function showStatus(message, canRetry) {
    statusText.textContent = message;
    retryButton.hidden = !canRetry;
    statusElement.hidden = false;
  }

  function hideStatus() {
    statusElement.hidden = true;
  }

  function watchConnection(connection) {
    connection.connectionStatus$.subscribe(function (status) {
      if (connection !== directLine || !session) {
        return;
      }

      if (status === ConnectionStatus.Online) {
        hideStatus();
        session.started = true;
        saveSession();
      } else if (status === ConnectionStatus.Ended) {
        forgetSession();
        showStatus('この会話は終わりました。新しく話すときは「もう一度つなぐ」を押してください。', true);
      } else if (status === ConnectionStatus.ExpiredToken || status === ConnectionStatus.FailedToConnect) {
        forgetSession();
        showStatus('接続が切れました。「もう一度つなぐ」を押すと、新しい会話を始められます。', true);
      }
    });
  }

  function render(current) {
    session = current;
    saveSession();

    var options = { domain: DIRECT_LINE, token: current.token, webSocket: true };
    if (current.started) {
      // Resume: Direct Line reconnects to this conversation and replays its history.
      options.conversationId = current.conversationId;
    }

    directLine = window.WebChat.createDirectLine(options);
    watchConnection(directLine);
    window.WebChat.renderWebChat(
      {
        directLine: directLine,
        locale: 'ja-JP',
        nonce: nonce,
        styleOptions: styleOptions
      },
      chatElement
    );
  }

  function connect() {
    hideStatus();
    return resumeSession(readSession())
      .then(function (resumed) {
        return resumed || newSession();
      })
      .then(render)
      .catch(function (error) {
        showStatus(error instanceof Problem ? error.message : 'チャットにつながりませんでした。通信の状態を確かめて、もう一度つないでください。', true);
      });
  }

  retryButton.addEventListener('click', function () {
    if (directLine) {
      // Web Chat is already on the page: a new conversation starts cleanest from a fresh page.
      forgetSession();
      location.reload();
    } else {
      connect();
    }
  });

  var saving = window.setInterval(saveSession, SAVE_EVERY_MS);
  window.addEventListener('pagehide', saveSession);

  if (window.chatbotQuickExit) {
    window.chatbotQuickExit.provideSession(function () {
      saveSession();
      return session;
    });
    window.chatbotQuickExit.onExit(function () {
      var closing = directLine;
      window.clearInterval(saving);
      // Nothing may be written back to sessionStorage once the quick exit has cleared it.
      session = null;
      directLine = null;
      if (closing) {
        closing.end();
      }
    });
  }

  if (!window.WebChat) {
    showStatus('チャットの部品を読み込めませんでした。ページを再読み込みしてください。', false);
    return;
  }

  connect();
})();
