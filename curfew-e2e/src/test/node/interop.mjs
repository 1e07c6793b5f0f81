// Interoperability check: the real `openid-client` (npm, by panva) as a relying party against a running
// Curfew. It plays both the application (openid-client) and the user's browser (Node's fetch with manual
// redirects and a small cookie jar), and stops at the 302 to the redirect URI: nothing listens there.
//
// Input (environment): CURFEW_ISSUER, CURFEW_CLIENT_ID, CURFEW_CLIENT_SECRET, CURFEW_USERNAME,
// CURFEW_PASSWORD, CURFEW_REDIRECT_URI, CURFEW_POST_LOGOUT_REDIRECT_URI; CURFEW_PROPAGATION_MS (optional).
// Output: one line `STEP OK <id> - <what>` per passed step; on the first failure a line
// `STEP FAILED <id> - <what>: <why>` on stderr and exit code 1.
import * as client from 'openid-client';

const HTTP_TIMEOUT_MS = 15_000;

function env(name) {
  const value = process.env[name];
  if (!value) {
    console.error(`interop.mjs: environment variable ${name} is required`);
    process.exit(2);
  }
  return value;
}

const issuer = env('CURFEW_ISSUER');
const clientId = env('CURFEW_CLIENT_ID');
const clientSecret = env('CURFEW_CLIENT_SECRET');
const username = env('CURFEW_USERNAME');
const password = env('CURFEW_PASSWORD');
const redirectUri = env('CURFEW_REDIRECT_URI');
const postLogoutRedirectUri = env('CURFEW_POST_LOGOUT_REDIRECT_URI');
// Several nodes behind a balancer: the node that answers a revocation or a logout refuses the token at once, the
// others as soon as they hear of it through PostgreSQL, within milliseconds (docs/operator-guide.md, "Running
// several nodes"). CURFEW_PROPAGATION_MS bounds how long a check of such a refusal is repeated; 0 (one node, the
// default) checks once.
const propagationMs = Number(process.env.CURFEW_PROPAGATION_MS ?? '0');

class CheckFailed extends Error {}

function check(condition, message) {
  if (!condition) {
    throw new CheckFailed(message);
  }
}

/** Everything openid-client and oauth4webapi put on their errors, so a failure explains itself. */
function describe(e) {
  if (e instanceof CheckFailed) {
    return e.message;
  }
  const parts = [`${e?.name ?? 'Error'}: ${e?.message ?? String(e)}`];
  if (e?.code) parts.push(`code=${e.code}`);
  if (e?.status) parts.push(`HTTP ${e.status}`);
  if (e?.error) parts.push(`error=${e.error}`);
  if (e?.error_description) parts.push(`error_description=${JSON.stringify(e.error_description)}`);
  if (e?.cause !== undefined) {
    let cause = e.cause;
    if (cause instanceof Response) {
      cause = `Response ${cause.status} ${cause.url} ${JSON.stringify(Object.fromEntries(cause.headers))}`;
    } else if (cause instanceof Error) {
      cause = describe(cause);
    } else {
      try { cause = JSON.stringify(cause); } catch { cause = String(cause); }
    }
    parts.push(`cause=${cause}`);
  }
  return parts.join('; ');
}

async function step(id, what, fn) {
  const started = Date.now();
  try {
    const result = await fn();
    console.log(`STEP OK ${id} - ${what} (${Date.now() - started} ms)`);
    return result;
  } catch (e) {
    console.error(`STEP FAILED ${id} - ${what}: ${describe(e)}`);
    if (!(e instanceof CheckFailed) && e?.stack) {
      console.error(e.stack);
    }
    process.exit(1);
  }
}

/** Runs fn, which must fail with an OAuth error response carrying `error` (e.g. invalid_grant). */
async function expectOAuthError(expectedError, fn) {
  let result;
  try {
    result = await fn();
  } catch (e) {
    check(e instanceof client.ResponseBodyError,
      `expected an OAuth error response '${expectedError}', got ${describe(e)}`);
    check(e.error === expectedError,
      `expected error '${expectedError}', got '${e.error}' (HTTP ${e.status}, ${e.error_description ?? ''})`);
    return e;
  }
  throw new CheckFailed(`expected the request to fail with '${expectedError}', but it succeeded: ${JSON.stringify(result)}`);
}

/** Runs fn (a userinfo call), which must be refused with HTTP 401. */
async function expectUnauthorized(fn) {
  let result;
  try {
    result = await fn();
  } catch (e) {
    check(e?.status === 401, `expected HTTP 401, got ${describe(e)}`);
    return e;
  }
  throw new CheckFailed(`expected HTTP 401, but the request succeeded: ${JSON.stringify(result)}`);
}

/** Runs fn until it passes its checks, for at most CURFEW_PROPAGATION_MS (every 5 ms); once when that is 0. */
async function eventually(fn) {
  const deadline = Date.now() + propagationMs;
  for (;;) {
    try {
      return await fn();
    } catch (e) {
      if (!(e instanceof CheckFailed) || Date.now() >= deadline) {
        throw e;
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

// ---------------------------------------------------------------------------------------------------
// The browser: fetch with manual redirects and a cookie jar for one origin (enough for this test).

class Browser {
  cookies = new Map(); // name -> { value, path }

  remember(response) {
    for (const header of response.headers.getSetCookie()) {
      const [pair, ...attributes] = header.split(';').map((s) => s.trim());
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      let path = '/';
      let expired = false;
      for (const attribute of attributes) {
        const [k, v = ''] = attribute.split('=');
        if (k.toLowerCase() === 'path') path = v;
        if (k.toLowerCase() === 'max-age' && Number(v) <= 0) expired = true;
        if (k.toLowerCase() === 'expires' && Date.parse(v) <= Date.now()) expired = true;
      }
      if (expired || value === '') {
        this.cookies.delete(name);
      } else {
        this.cookies.set(name, { value, path });
      }
    }
  }

  cookieHeader(url) {
    const pathname = new URL(url).pathname;
    return [...this.cookies.entries()]
      .filter(([, c]) => pathname.startsWith(c.path) || pathname + '/' === c.path)
      .map(([name, c]) => `${name}=${c.value}`)
      .join('; ');
  }

  async request(url, init = {}) {
    const headers = new Headers(init.headers ?? {});
    const cookie = this.cookieHeader(url);
    if (cookie) headers.set('Cookie', cookie);
    headers.set('Accept', 'text/html');
    const response = await fetch(url, {
      ...init,
      headers,
      redirect: 'manual',
      signal: AbortSignal.timeout(HTTP_TIMEOUT_MS),
    });
    this.remember(response);
    return response;
  }
}

function decodeHtml(s) {
  return s
    .replace(/&#x([0-9a-f]+);/gi, (_, hex) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#([0-9]+);/g, (_, dec) => String.fromCodePoint(parseInt(dec, 10)))
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

function attribute(tag, name) {
  const m = tag.match(new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`, 'i'));
  return m ? decodeHtml(m[1] ?? m[2]) : undefined;
}

/** The login form of the page: its absolute action URL and its hidden fields. */
function parseLoginForm(html, pageUrl) {
  const forms = [...html.matchAll(/<form\b[^>]*>[\s\S]*?<\/form>/gi)].map((m) => m[0]);
  const form = forms.find((f) => /name\s*=\s*["']password["']/i.test(f));
  check(form, `no form with a password field in the login page:\n${html.slice(0, 2000)}`);
  const formTag = form.match(/<form\b[^>]*>/i)[0];
  const method = (attribute(formTag, 'method') ?? 'get').toLowerCase();
  check(method === 'post', `the login form's method is '${method}', expected post`);
  const action = new URL(attribute(formTag, 'action') ?? pageUrl, pageUrl);
  const hidden = new URLSearchParams();
  for (const input of form.matchAll(/<input\b[^>]*>/gi)) {
    const tag = input[0];
    if ((attribute(tag, 'type') ?? '').toLowerCase() === 'hidden') {
      hidden.append(attribute(tag, 'name'), attribute(tag, 'value') ?? '');
    }
  }
  return { action, hidden };
}

/**
 * Acts as the user's browser from the authorization URL to the redirect back to the application:
 * the login page, its form (with its CSRF cookie) and the 302 to the redirect URI. Returns that URL.
 */
async function browserLogin(browser, authorizationUrl) {
  const page = await browser.request(authorizationUrl);
  const html = await page.text();
  check(page.status === 200,
    `GET ${authorizationUrl} answered ${page.status} (Location: ${page.headers.get('location')}), expected 200 with the login page:\n${html.slice(0, 1000)}`);
  check((page.headers.get('content-type') ?? '').startsWith('text/html'),
    `the login page's content type is '${page.headers.get('content-type')}'`);
  const { action, hidden } = parseLoginForm(html, authorizationUrl);
  check(action.origin === new URL(issuer).origin, `the login form posts to another origin: ${action}`);
  check(hidden.get('csrf'), `the login form has no hidden csrf field; hidden fields: ${hidden}`);
  check(browser.cookieHeader(action.href).includes(hidden.get('csrf')),
    `the CSRF cookie from Set-Cookie (${JSON.stringify([...browser.cookies.keys()])}) does not carry the form's csrf value`);

  const form = new URLSearchParams(hidden);
  form.set('username', username);
  form.set('password', password);
  const submitted = await browser.request(action.href, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: form,
  });
  const location = submitted.headers.get('location');
  if (!(submitted.status === 302 || submitted.status === 303) || !location) {
    throw new CheckFailed(`POST ${action} answered ${submitted.status} (Location: ${location}), expected 302 to the redirect URI:\n${(await submitted.text()).slice(0, 1000)}`);
  }
  const callback = new URL(location, action);
  check(callback.href.startsWith(redirectUri + '?'),
    `the login redirected to ${callback}, expected ${redirectUri}?code=...`);
  return callback;
}

/** One authorization code flow with PKCE, state and nonce; returns the token response. */
async function login(config, browser, id) {
  const codeVerifier = client.randomPKCECodeVerifier();
  const codeChallenge = await client.calculatePKCECodeChallenge(codeVerifier);
  const state = client.randomState();
  const nonce = client.randomNonce();
  const authorizationUrl = client.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope: 'openid profile email',
    code_challenge: codeChallenge,
    code_challenge_method: 'S256',
    state,
    nonce,
  });

  const callback = await step(`login-${id}`, `browser login #${id} through the real login form (authorization code + PKCE)`,
    async () => {
      const url = await browserLogin(browser, authorizationUrl.href);
      check(url.searchParams.get('code'), `no code in ${url}`);
      check(url.searchParams.get('state') === state, `state in ${url} is not ${state}`);
      return url;
    });

  return step(`code-grant-${id}`, `authorizationCodeGrant #${id} (ID token signature and claims, nonce, state, PKCE, iss parameter)`,
    async () => {
      const tokens = await client.authorizationCodeGrant(config, callback, {
        pkceCodeVerifier: codeVerifier,
        expectedState: state,
        expectedNonce: nonce,
        idTokenExpected: true,
      });
      check(tokens.access_token, 'no access_token');
      check(tokens.refresh_token, 'no refresh_token');
      check(tokens.id_token, 'no id_token');
      check(tokens.token_type?.toLowerCase() === 'bearer', `token_type is ${tokens.token_type}`);
      const claims = tokens.claims();
      check(claims.iss === issuer, `ID token iss ${claims.iss} != ${issuer}`);
      check(claims.aud === clientId || (Array.isArray(claims.aud) && claims.aud.includes(clientId)),
        `ID token aud ${JSON.stringify(claims.aud)} does not name ${clientId}`);
      check(typeof claims.sid === 'string' && claims.sid.length > 0, `ID token has no sid: ${JSON.stringify(claims)}`);
      check(claims.preferred_username === username,
        `ID token preferred_username ${claims.preferred_username} != ${username}`);
      return tokens;
    });
}

// ---------------------------------------------------------------------------------------------------

console.log(`openid-client interoperability check against ${issuer} (client ${clientId}, user ${username})`);

const config = await step('discovery', 'discovery of the issuer metadata', async () => {
  const config = await client.discovery(new URL(issuer), clientId, clientSecret, undefined, {
    execute: [client.allowInsecureRequests],
    timeout: HTTP_TIMEOUT_MS / 1000,
  });
  const metadata = config.serverMetadata();
  check(metadata.issuer === issuer, `issuer ${metadata.issuer} != ${issuer}`);
  for (const endpoint of ['authorization_endpoint', 'token_endpoint', 'userinfo_endpoint', 'jwks_uri',
    'end_session_endpoint', 'introspection_endpoint', 'revocation_endpoint']) {
    check(metadata[endpoint], `the metadata has no ${endpoint}`);
  }
  check(metadata.supportsPKCE(), 'the metadata does not announce S256 PKCE');
  return config;
});

const browser = new Browser();

// First login, userinfo, refresh rotation, then reuse of a rotated refresh token.
const first = await login(config, browser, 1);
const subject = first.claims().sub;

await step('userinfo', 'fetchUserInfo with the access token', async () => {
  const info = await client.fetchUserInfo(config, first.access_token, subject);
  check(info.preferred_username === username, `userinfo preferred_username ${info.preferred_username} != ${username}`);
  check(info.email, `userinfo has no email for scope email: ${JSON.stringify(info)}`);
});

const rotated = await step('refresh', 'refreshTokenGrant returns a new (rotated) refresh token', async () => {
  const tokens = await client.refreshTokenGrant(config, first.refresh_token);
  check(tokens.access_token, 'no access_token');
  check(tokens.refresh_token, 'no refresh_token: the refresh token was not rotated');
  check(tokens.refresh_token !== first.refresh_token, 'the refresh token was not rotated (same value returned)');
  check(tokens.access_token !== first.access_token, 'the access token was not renewed');
  return tokens;
});

await step('refresh-reuse', 'reusing the rotated (old) refresh token fails with invalid_grant', () =>
  expectOAuthError('invalid_grant', () => client.refreshTokenGrant(config, first.refresh_token)));

await step('refresh-after-reuse', 'after the reuse the newest refresh token fails too (the session was ended)', () =>
  expectOAuthError('invalid_grant', () => client.refreshTokenGrant(config, rotated.refresh_token)));

await step('userinfo-after-reuse', 'after the reuse the newest access token is refused by userinfo (401)', () =>
  eventually(() => expectUnauthorized(() => client.fetchUserInfo(config, rotated.access_token, subject))));

// A fresh login: the browser still holds the SSO cookie of the ended session, which must not count.
const second = await login(config, browser, 2);

await step('introspect-active', 'tokenIntrospection of the new access and refresh tokens: active', async () => {
  const access = await client.tokenIntrospection(config, second.access_token);
  check(access.active === true, `access token introspection: ${JSON.stringify(access)}`);
  check(access.sub === subject, `introspection sub ${access.sub} != ${subject}`);
  check(access.client_id === clientId, `introspection client_id ${access.client_id} != ${clientId}`);
  const refresh = await client.tokenIntrospection(config, second.refresh_token);
  check(refresh.active === true, `refresh token introspection: ${JSON.stringify(refresh)}`);
});

await step('revoke', 'tokenRevocation of the access token', () =>
  client.tokenRevocation(config, second.access_token));

await step('introspect-revoked', 'tokenIntrospection of the revoked access token: inactive', () =>
  eventually(async () => {
    const access = await client.tokenIntrospection(config, second.access_token);
    check(access.active === false, `revoked access token introspection: ${JSON.stringify(access)}`);
  }));

await step('userinfo-revoked', 'the revoked access token is refused by userinfo (401)', () =>
  eventually(() => expectUnauthorized(() => client.fetchUserInfo(config, second.access_token, subject))));

const renewed = await step('refresh-after-revoke', 'the session outlives the revoked access token: refreshTokenGrant works', async () => {
  const tokens = await client.refreshTokenGrant(config, second.refresh_token);
  check(tokens.refresh_token && tokens.refresh_token !== second.refresh_token, 'the refresh token was not rotated');
  const info = await client.fetchUserInfo(config, tokens.access_token, subject);
  check(info.sub === subject, `userinfo sub ${info.sub} != ${subject}`);
  return tokens;
});

await step('logout', 'RP-initiated logout (buildEndSessionUrl with id_token_hint, post_logout_redirect_uri, state): 302 back', async () => {
  const state = client.randomState();
  const url = client.buildEndSessionUrl(config, {
    id_token_hint: second.id_token,
    post_logout_redirect_uri: postLogoutRedirectUri,
    state,
  });
  const response = await browser.request(url.href);
  const location = response.headers.get('location');
  check(response.status === 302,
    `GET ${url} answered ${response.status} (Location: ${location}), expected 302:\n${(await response.text()).slice(0, 1000)}`);
  check(location, 'the 302 has no Location');
  const target = new URL(location, url);
  check(target.origin + target.pathname === new URL(postLogoutRedirectUri).href,
    `logout redirected to ${target}, expected ${postLogoutRedirectUri}`);
  check(target.searchParams.get('state') === state, `logout redirect ${target} does not carry state=${state}`);
});

await step('refresh-after-logout', 'after logout the refresh token fails with invalid_grant', () =>
  expectOAuthError('invalid_grant', () => client.refreshTokenGrant(config, renewed.refresh_token)));

await step('userinfo-after-logout', 'after logout userinfo refuses the access token (401)', () =>
  eventually(() => expectUnauthorized(() => client.fetchUserInfo(config, renewed.access_token, subject))));

await step('introspect-after-logout', 'after logout introspection says inactive', () =>
  eventually(async () => {
    const access = await client.tokenIntrospection(config, renewed.access_token);
    check(access.active === false, `access token introspection after logout: ${JSON.stringify(access)}`);
  }));

console.log('ALL STEPS PASSED');
