/*
 * 「すぐに閉じる」: leave the chat at once, for someone who is suddenly not alone in the room.
 * Works on every page of the chat (button, or Esc pressed twice). In order:
 *   1. the page goes blank immediately;
 *   2. the Direct Line connection is closed (hooks registered by app.js);
 *   3. the conversation is ended on the server (an endOfConversation activity, best effort, short wait);
 *   4. what this tab stored is removed (sessionStorage, Cache Storage; the pages never write localStorage);
 *   5. the tab moves to a neutral page with location.replace, so Back does not return here.
 * Links marked data-history="replace" (between the chat and its privacy notice) also replace the history
 * entry, so that the tab's history never holds more than one page of the chat for Back to reveal.
 */
(function () {
  'use strict';

  var SESSION_KEY = 'chatbot.webchat';
  var END_TIMEOUT_MS = 800;
  var ESCAPE_WINDOW_MS = 1500;

  var exitUrl = document.documentElement.getAttribute('data-quick-exit-url') || 'about:blank';
  var hooks = [];
  var currentSession = readSession;
  var exiting = false;
  var lastEscape = 0;

  function readSession() {
    try {
      return JSON.parse(window.sessionStorage.getItem(SESSION_KEY) || 'null');
    } catch (e) {
      return null;
    }
  }

  /* The user id Direct Line put in the token's "user" claim (the server takes it from the token anyway). */
  function userIdFromToken(token) {
    try {
      var payload = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
      return JSON.parse(window.atob(payload)).user;
    } catch (e) {
      return undefined;
    }
  }

  function withTimeout(promise, ms) {
    return Promise.race([
      promise.catch(function () { return undefined; }),
      new Promise(function (resolve) { window.setTimeout(resolve, ms); })
    ]);
  }

  function endConversation(session) {
    if (!session || !session.token || !session.conversationId || !window.fetch) {
      return Promise.resolve();
    }

    // keepalive lets the request finish even after the tab has moved on.
    return window.fetch('/v3/directline/conversations/' + encodeURIComponent(session.conversationId) + '/activities', {
      method: 'POST',
      keepalive: true,
      cache: 'no-store',
      headers: { Authorization: 'Bearer ' + session.token, 'Content-Type': 'application/json' },
      body: JSON.stringify({
        type: 'endOfConversation',
        code: 'userCancelled',
        from: { id: userIdFromToken(session.token), role: 'user' }
      })
    });
  }

  function clearStoredData() {
    try {
      window.sessionStorage.clear();
    } catch (e) {
      // Storage disabled: nothing was stored.
    }

    if (!window.caches || !window.caches.keys) {
      return Promise.resolve();
    }

    return window.caches.keys().then(function (names) {
      return Promise.all(names.map(function (name) { return window.caches.delete(name); }));
    });
  }

  function runHooks() {
    hooks.forEach(function (hook) {
      try {
        hook();
      } catch (e) {
        // Leaving matters more than a clean shutdown.
      }
    });
  }

  function quickExit() {
    if (exiting) {
      return;
    }

    exiting = true;
    document.documentElement.classList.add('leaving');
    document.title = '';

    var session;
    try {
      session = currentSession();
    } catch (e) {
      session = readSession();
    }

    // Close the connection first, so Direct Line does not try to reconnect to the conversation being ended.
    runHooks();
    withTimeout(endConversation(session), END_TIMEOUT_MS)
      .then(function () {
        return withTimeout(clearStoredData(), END_TIMEOUT_MS);
      })
      .then(function () {
        window.location.replace(exitUrl);
      });
  }

  function onKeyDown(event) {
    if (event.key !== 'Escape' && event.key !== 'Esc') {
      return;
    }

    var now = Date.now();
    if (now - lastEscape <= ESCAPE_WINDOW_MS) {
      event.preventDefault();
      quickExit();
    }

    lastEscape = now;
  }

  window.addEventListener('keydown', onKeyDown, true);

  document.addEventListener('click', function (event) {
    var link = event.target && event.target.closest ? event.target.closest('a[data-history="replace"]') : null;
    if (!link || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) {
      return;
    }

    event.preventDefault();
    window.location.replace(link.href);
  });

  function bindButton() {
    var button = document.getElementById('quick-exit');
    if (button) {
      button.addEventListener('click', quickExit);
    }
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', bindButton);
  } else {
    bindButton();
  }

  window.chatbotQuickExit = {
    /* app.js registers the closing of its Direct Line connection here. */
    onExit: function (hook) { hooks.push(hook); },
    /* app.js knows the freshest token (Direct Line refreshes it); without it, the stored one is used. */
    provideSession: function (provider) { currentSession = provider; },
    exit: quickExit
  };
})();
