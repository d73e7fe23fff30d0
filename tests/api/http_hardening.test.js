// What a scenario's client cannot send or see: raw transfer and content codings, the static
// files the server refuses, and the log lines written when the access log and warnings share
// one stream. The server does not depend on the database for these, so SQLite suffices.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync, openSync, closeSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ADMIN_PASSWORD, REPO_ROOT, createDatabase, sociusBinary, startServer } from './lib/server.js';
import { rawRequest } from './lib/client.js';

// Sends `text` on a fresh connection and resolves to what the server answered before closing.
function rawExchange(url, text) {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: hostname, port: Number(port) }, () => socket.write(text));
    let answer = '';
    socket.setEncoding('utf8');
    socket.on('data', (d) => {
      answer += d;
    });
    socket.on('end', () => resolve(answer));
    socket.on('error', (e) => (answer ? resolve(answer) : reject(e)));
    socket.setTimeout(10_000, () => socket.destroy(new Error('no answer in 10 s')));
  });
}

function statusOf(answer) {
  return Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1]);
}

function problemOf(answer) {
  return JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4));
}

const LOGIN = JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD });

describe('HTTP hardening (sqlite)', () => {
  let db;
  let server;
  let staticDir;

  before(async () => {
    staticDir = mkdtempSync(path.join(os.tmpdir(), 'socius-static-'));
    mkdirSync(path.join(staticDir, 'assets'));
    writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>Socius</title>');
    writeFileSync(path.join(staticDir, 'assets', 'app-1234.js'), 'console.log(1)');
    writeFileSync(path.join(staticDir, 'assets', 'app-1234.js.map'), '{"sources":["src/App.tsx"]}');
    db = createDatabase({ name: 'sqlite' });
    server = await startServer({ db, staticDir });
  });

  after(async () => {
    if (server) assert.equal((await server.stop()).code, 0);
    db?.drop();
    rmSync(staticDir, { recursive: true, force: true });
  });

  it('a gzip transfer coding before chunked is 501, not read as a plain body', async () => {
    const answer = await rawExchange(
      server.url,
      `POST /api/v1/session HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n` +
        `Transfer-Encoding: gzip, chunked\r\nConnection: close\r\n\r\n` +
        `${Buffer.byteLength(LOGIN).toString(16)}\r\n${LOGIN}\r\n0\r\n\r\n`,
    );
    assert.equal(statusOf(answer), 501, answer);
    const problem = problemOf(answer);
    assert.equal(problem.code, 'request.unsupported_transfer_encoding');
    assert.match(problem.detail, /gzip/);
    assert.doesNotMatch(answer, /Set-Cookie/i, 'no session was opened');
  });

  it('a gzip content coding is 415, whatever the language', async () => {
    const answer = await rawExchange(
      server.url,
      `POST /api/v1/session HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n` +
        `Content-Encoding: gzip\r\nAccept-Language: uk\r\nContent-Length: ${Buffer.byteLength(LOGIN)}\r\n` +
        `Connection: close\r\n\r\n${LOGIN}`,
    );
    assert.equal(statusOf(answer), 415, answer);
    const problem = problemOf(answer);
    assert.equal(problem.code, 'request.unsupported_content_encoding');
    assert.match(problem.detail, /\p{Script=Cyrillic}/u);
    assert.doesNotMatch(answer, /Set-Cookie/i);
  });

  it('plain chunked and identity bodies are still accepted', async () => {
    const chunked = await rawExchange(
      server.url,
      `POST /api/v1/session HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n` +
        `Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n` +
        `${Buffer.byteLength(LOGIN).toString(16)}\r\n${LOGIN}\r\n0\r\n\r\n`,
    );
    assert.equal(statusOf(chunked), 200, chunked);
    const identity = await rawExchange(
      server.url,
      `POST /api/v1/session HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n` +
        `Content-Encoding: identity\r\nContent-Length: ${Buffer.byteLength(LOGIN)}\r\nConnection: close\r\n\r\n${LOGIN}`,
    );
    assert.equal(statusOf(identity), 200, identity);
  });

  it('source maps are never served, the bundle is', async () => {
    const map = await rawRequest(server.url, { path: '/assets/app-1234.js.map' });
    assert.equal(map.status, 404);
    assert.doesNotMatch(map.text, /App\.tsx/);
    const js = await rawRequest(server.url, { path: '/assets/app-1234.js' });
    assert.equal(js.status, 200);
  });
});

describe('log lines on one stream (sqlite)', () => {
  it('access-log lines are never cut by warning lines written meanwhile', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'socius-log-'));
    const logFile = path.join(dir, 'both.log');
    const fd = openSync(logFile, 'w');
    const child = spawn(
      sociusBinary(),
      ['serve', '--listen', '127.0.0.1:0', '--db', `sqlite:${path.join(dir, 'db.sqlite')}`],
      {
        cwd: REPO_ROOT,
        env: { ...process.env, SOCIUS_ADMIN_PASSWORD: ADMIN_PASSWORD, SOCIUS_PASSWORD_COST: 'min' },
        stdio: ['ignore', fd, fd],
      },
    );
    closeSync(fd);
    const exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      let url = null;
      for (let i = 0; i < 300 && !url; i++) {
        await new Promise((r) => setTimeout(r, 100));
        url = /Socius listening on (http:\/\/[^\s]+:\d+)/.exec(readFileSync(logFile, 'utf8'))?.[1];
      }
      assert.ok(url, 'the server started');
      url = url.replace(/\/$/, '');
      // Long paths make long access lines, so stdio buffers would fill mid-line; garbage
      // request lines make the server write a warning each.
      const long = 'p'.repeat(300);
      for (let round = 0; round < 20; round++) {
        const jobs = [];
        for (let i = 0; i < 20; i++) jobs.push(rawRequest(url, { path: `/api/v1/no-such-${long}-${round}-${i}` }));
        for (let i = 0; i < 5; i++) jobs.push(rawExchange(url, `\x01\x02 GARBAGE ${long}\r\n\r\n`).catch(() => ''));
        await Promise.all(jobs);
      }
    } finally {
      child.kill('SIGTERM');
      assert.equal(await exited, 0);
    }
    const lines = readFileSync(logFile, 'utf8').split('\n').filter((l) => l.length > 0);
    let access = 0;
    let warnings = 0;
    for (const line of lines) {
      if (line.startsWith('{')) {
        assert.doesNotThrow(() => JSON.parse(line), `a cut access-log line: ${line.slice(0, 120)}`);
        access++;
      } else {
        assert.match(line, /^(\d{4}-\d\d-\d\dT[\d:.]+Z \w+ |Socius |First administrator)/, `a mixed line: ${line.slice(0, 120)}`);
        if (/ warning /.test(line)) warnings++;
      }
    }
    assert.ok(access >= 400, `${access} access lines`);
    assert.ok(warnings >= 1, `${warnings} warning lines`);
    rmSync(dir, { recursive: true, force: true });
  });
});
