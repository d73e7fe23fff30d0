// An HTTP client for one actor (a browser, in effect): it keeps the session cookie and the
// CSRF token, sends the token on state-changing requests, and checks every response against
// docs/openapi.yaml.
import assert from 'node:assert/strict';
import http from 'node:http';
import { contract } from './openapi.js';

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export class ContractViolation extends Error {}

// Sends one request with node:http (not fetch, so a server that answers 413 before reading a
// huge body is still seen answering). Resolves to { status, headers, text, json }.
export function rawRequest(baseUrl, { method = 'GET', path, headers = {}, body }) {
  const url = new URL(path, baseUrl);
  return new Promise((resolve, reject) => {
    let answered = false;
    const req = http.request(
      url,
      { method, headers: { connection: 'close', ...headers }, agent: false },
      (res) => {
        answered = true;
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json;
          if (text.length > 0 && /json/.test(res.headers['content-type'] ?? '')) {
            try {
              json = JSON.parse(text);
            } catch (e) {
              reject(new Error(`${method} ${path}: response is not JSON (${e.message}): ${text.slice(0, 200)}`));
              return;
            }
          }
          resolve({ status: res.statusCode, headers: res.headers, text, json });
        });
      },
    );
    req.setTimeout(30_000, () => req.destroy(new Error(`${method} ${path}: no answer in 30 s`)));
    req.on('error', (e) => {
      // A server may answer (e.g. 413) and close before the whole body was written.
      if (!answered) reject(e);
    });
    if (body !== undefined) req.end(body);
    else req.end();
  });
}

export class Actor {
  constructor(baseUrl, name = 'anonymous') {
    this.baseUrl = baseUrl;
    this.name = name;
    this.cookies = new Map();
    this.csrf = null;
    this.user = null;
  }

  // options: method, path, json (object to send), body (raw string/Buffer), headers,
  // csrf ('auto' | 'none' | any other string = that token), validate (default true).
  async request({ method = 'GET', path, json, body, headers = {}, csrf = 'auto', validate = true }) {
    const h = { accept: 'application/json', ...lowerKeys(headers) };
    if (json !== undefined) {
      body = JSON.stringify(json);
      h['content-type'] ??= 'application/json';
    } else if (body !== undefined) {
      h['content-type'] ??= 'application/json';
    }
    if (this.cookies.size > 0 && !('cookie' in h)) {
      h.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    }
    if (STATE_CHANGING.has(method) && !('x-csrf-token' in h)) {
      if (csrf === 'auto') {
        if (this.csrf) h['x-csrf-token'] = this.csrf;
      } else if (csrf !== 'none') {
        h['x-csrf-token'] = csrf;
      }
    }
    const res = await rawRequest(this.baseUrl, { method, path, headers: h, body });
    this.absorbCookies(res.headers['set-cookie']);
    if (res.json && typeof res.json.csrf_token === 'string' && res.status === 200 && /^\/api\/v1\/session$/.test(path)) {
      this.csrf = res.json.csrf_token;
      this.user = res.json.user;
    }
    if (method === 'DELETE' && path === '/api/v1/session' && res.status === 204) this.csrf = null;
    if (validate) {
      const pathname = new URL(path, this.baseUrl).pathname;
      const problems = contract().check({
        method,
        pathname: decodeURIComponent(pathname),
        status: res.status,
        contentType: res.headers['content-type'],
        headers: res.headers,
        body: res.json ?? (res.text === '' ? undefined : res.text),
      });
      if (problems.length > 0) {
        throw new ContractViolation(
          `${this.name}: ${method} ${path} → ${res.status} breaks docs/openapi.yaml:\n  ${problems.join('\n  ')}\n  body: ${res.text.slice(0, 500)}`,
        );
      }
    }
    return res;
  }

  absorbCookies(setCookie) {
    for (const line of setCookie ?? []) {
      const [pair, ...attrs] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attrs.some((a) => /^\s*max-age\s*=\s*0\s*$/i.test(a) || /^\s*expires\s*=.*1970/i.test(a));
      if (value === '' || expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  // Logs in; throws unless the server answers 200.
  async login(username, password) {
    const res = await this.request({ method: 'POST', path: '/api/v1/session', json: { username, password } });
    if (res.status !== 200) throw new Error(`${this.name}: login as ${username} gave ${res.status}: ${res.text}`);
    return res.json;
  }
}

function lowerKeys(obj) {
  return Object.fromEntries(Object.entries(obj).map(([k, v]) => [k.toLowerCase(), v]));
}

// The steps the services tests share: a POST or GET that must succeed (its body), and a refusal
// with its status and code.
export async function postOk(actor, path, json, headers = {}) {
  const res = await actor.request({ method: 'POST', path, json, headers });
  assert.ok(res.status === 200 || res.status === 201, `${actor.name}: POST ${path} ${JSON.stringify(json)}: ${res.status} ${res.text}`);
  return res.json;
}

export async function getOk(actor, path) {
  const res = await actor.request({ path });
  assert.equal(res.status, 200, `${actor.name}: GET ${path}: ${res.text}`);
  return res.json;
}

export function refused(res, status, code, what) {
  assert.deepEqual([res.status, res.json?.code], [status, code], `${what}: ${res.status} ${res.text.slice(0, 300)}`);
}
