/**
 * The chat page served at GET /: Microsoft Web Chat (served from node_modules, no CDN) on the
 * embedded Direct Line, polling. Every activity the visitor sends carries the page's `utm_*` and
 * `referrer` parameters in channelData, which the transcript middleware records on the lead.
 */
import { escapeXml as escapeHtml } from '../render/ssml.js';

export interface ChatPageOptions {
  businessName: string;
  /** BCP 47 locale of the page and of Web Chat's own strings. */
  locale: string;
}

export function chatPage({ businessName, locale }: ChatPageOptions): string {
  const name = escapeHtml(businessName);
  const initials = businessName
    .replace(/[^\p{L}\s]/gu, '')
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0]!.toUpperCase())
    .join('');
  const settings = JSON.stringify({ locale, initials }).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="${escapeHtml(locale)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Chat with ${name}</title>
<style>
  html, body { height: 100%; margin: 0; }
  body { background: #f4f1ec; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #2b2420; }
  main { display: flex; flex-direction: column; height: 100%; max-width: 760px; margin: 0 auto; background: #fff; box-shadow: 0 0 24px rgba(0, 0, 0, .08); }
  header { padding: 14px 20px; background: #5b3a29; color: #fff; }
  header h1 { margin: 0; font-size: 1.15rem; font-weight: 600; }
  header p { margin: 2px 0 0; font-size: .85rem; opacity: .85; }
  #webchat { flex: 1; min-height: 0; }
  #problem { display: none; padding: 16px 20px; color: #8a1c1c; }
</style>
</head>
<body>
<main>
  <header><h1>${name}</h1><p>Ask us anything, or ask for a callback.</p></header>
  <p id="problem" role="alert">Sorry, the chat could not start. Please reload the page in a moment.</p>
  <div id="webchat" role="main" aria-label="Chat with ${name}"></div>
</main>
<script src="/webchat/webchat.js"></script>
<script>
(async function () {
  var settings = ${settings};
  var base = location.origin + '/v3/directline';
  var params = new URLSearchParams(location.search);
  var attribution = {};
  params.forEach(function (value, key) { if (/^utm_[a-z]+$/.test(key) && value) attribution[key] = value.slice(0, 200); });
  var referrer = params.get('referrer') || document.referrer;
  if (referrer) attribution.referrer = referrer.slice(0, 2000);

  // A reload continues the conversation of this tab while its token can still be refreshed.
  async function session() {
    var saved = JSON.parse(sessionStorage.getItem('isb.session') || 'null');
    if (saved) {
      var refreshed = await fetch(base + '/tokens/refresh', { method: 'POST', headers: { authorization: 'Bearer ' + saved.token } });
      if (refreshed.ok) return Object.assign(await refreshed.json(), { resumed: true });
    }
    var res = await fetch(base + '/tokens/generate', { method: 'POST' });
    if (!res.ok) throw new Error('token: ' + res.status);
    return res.json();
  }

  var s = await session();
  sessionStorage.setItem('isb.session', JSON.stringify({ token: s.token, conversationId: s.conversationId }));
  var directLine = window.WebChat.createDirectLine(Object.assign(
    { token: s.token, domain: base, webSocket: false, pollingInterval: 1000 },
    s.resumed ? { conversationId: s.conversationId, watermark: '' } : {}
  ));
  var store = window.WebChat.createStore({}, function () {
    return function (next) {
      return function (action) {
        if (action.type === 'DIRECT_LINE/POST_ACTIVITY') {
          var activity = action.payload.activity;
          action = Object.assign({}, action, { payload: Object.assign({}, action.payload, {
            activity: Object.assign({}, activity, { channelData: Object.assign({}, activity.channelData, attribution) })
          }) });
        }
        return next(action);
      };
    };
  });
  window.WebChat.renderWebChat({
    directLine: directLine,
    store: store,
    locale: settings.locale,
    styleOptions: {
      accent: '#5b3a29',
      botAvatarInitials: settings.initials,
      botAvatarBackgroundColor: '#7a5240',
      bubbleBorderRadius: 12,
      bubbleFromUserBorderRadius: 12,
      bubbleFromUserBackground: '#5b3a29',
      bubbleFromUserTextColor: '#ffffff',
      bubbleBackground: '#f4f1ec',
      bubbleBorderWidth: 0,
      bubbleFromUserBorderWidth: 0,
      hideUploadButton: true,
      sendBoxButtonColor: '#5b3a29',
      suggestedActionLayout: 'flow',
      suggestedActionBorderRadius: 16,
      primaryFont: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif'
    }
  }, document.getElementById('webchat'));
  var input = document.querySelector('#webchat input[type="text"], #webchat textarea');
  if (input) input.focus();
})().catch(function (error) {
  console.error(error);
  document.getElementById('problem').style.display = 'block';
});
</script>
</body>
</html>
`;
}
