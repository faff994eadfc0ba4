// A tiny static server for the release dist/ on 127.0.0.1, sending the strict Content-Security-Policy
// a hospital would. `?policy=no-wasm` on a page serves it under a policy without 'wasm-unsafe-eval'.
// It records every request (and its status) so tests can prove nothing is fetched after the page
// has loaded, in any engine. `?policy=frames` lets a host page frame this site's pages; `?policy=any-base` allows the page a <base href> elsewhere (a host's
// own policy may; the strict one says base-uri 'none'), and `{{origin}}` in an HTML page becomes the
// server's own origin, so a host page can use absolute URLs. Every HTML page gets the test probe (e2e/probe.js, served at
// PROBE_PATH) as its first script: the same recording in every engine, dist/ itself untouched.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';

export const STRICT_CSP = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; " +
  "img-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'";
export const PROBE_PATH = '/__e2e__/probe.js';
const PROBE = path.join(path.dirname(new URL(import.meta.url).pathname), 'probe.js');
export const NO_WASM_CSP = STRICT_CSP.replace(" 'wasm-unsafe-eval'", '');
const ANY_BASE_CSP = STRICT_CSP.replace("base-uri 'none'", 'base-uri https:');
const FRAMES_CSP = `${STRICT_CSP}; frame-src 'self'`;

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm', '.css': 'text/css; charset=utf-8', '.svg': 'image/svg+xml', '.json': 'application/json',
  '.ico': 'image/x-icon', '.png': 'image/png',
};

/**
 * Starts serving `root` at `/`, plus any `mounts` ({ '/vendor/x/': dir }); resolves to
 * { url, requests, responses, close }: `requests` are paths, `responses` { path, status }.
 * `probe: false` serves the pages exactly as built (for measuring start-up). `csp: false` sends no
 * policy (only for test pages of other tools, such as LHC-Forms, which need inline styles).
 * `cache: true` lets the browser keep what it gets, as a hospital's server typically does: an ETag
 * with `Cache-Control: no-cache`, so each later request is a revalidation, answered 304 with no
 * body when the file is unchanged (otherwise every response is `no-store`). `slow` holds paths
 * answered only after that many milliseconds, as over a slow link (`{ '/x.js': 300 }`).
 */
export function serve(root, { port = 0, mounts = {}, probe = true, csp = true, cache = false, slow = {} } = {}) {
  const requests = [];
  const responses = [];
  const table = Object.entries({ ...mounts, '/': root }).map(([prefix, dir]) => [prefix, path.resolve(dir)]);
  const server = http.createServer((req, res) => {
    const wait = slow[new URL(req.url, 'http://127.0.0.1').pathname];
    if (wait) setTimeout(() => answer(req, res), wait);
    else answer(req, res);
  });
  function answer(req, res) {
    const url = new URL(req.url, 'http://127.0.0.1');
    requests.push(url.pathname + url.search);
    res.on('finish', () => responses.push({ path: url.pathname + url.search, status: res.statusCode }));
    const [prefix, dir] = table.find(([p]) => url.pathname.startsWith(p));
    let file = url.pathname === PROBE_PATH ? PROBE : path.join(dir, decodeURIComponent(url.pathname.slice(prefix.length)));
    if (file !== PROBE && !file.startsWith(dir)) { res.writeHead(403).end(); return; }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    if (!fs.existsSync(file)) { res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found'); return; }
    const policy = { 'no-wasm': NO_WASM_CSP, 'any-base': ANY_BASE_CSP, frames: FRAMES_CSP }[url.searchParams.get('policy')] ?? STRICT_CSP;
    const stat = fs.statSync(file);
    const etag = `"${stat.size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}"`;
    if (cache && req.headers['if-none-match'] === etag) { res.writeHead(304, { ETag: etag, 'Cache-Control': 'no-cache' }).end(); return; }
    res.writeHead(200, {
      'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream',
      ...(csp ? { 'Content-Security-Policy': policy } : {}),
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      ...(cache ? { 'Cache-Control': 'no-cache', ETag: etag } : { 'Cache-Control': 'no-store' }),
    });
    if (probe && path.extname(file) === '.html') {
      // Right after <html …>: the parser puts it in <head> even where the minified page omits that tag.
      const html = fs.readFileSync(file, 'utf8').replaceAll('{{origin}}', `http://${req.headers.host}`);
      const at = html.match(/^[^]*?<html\b[^>]*>/i)?.[0].length ?? 0;
      res.end(`${html.slice(0, at)}<script src="${PROBE_PATH}"></script>${html.slice(at)}`);
      return;
    }
    fs.createReadStream(file).pipe(res);
  }
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => {
    resolve({ url: `http://127.0.0.1:${server.address().port}/`, requests, responses, close: () => new Promise((r) => server.close(r)) });
  }));
}

// `node e2e/server.mjs [dir] [port]`: serve by hand, e.g. to look at the release build.
if (import.meta.url === `file://${process.argv[1]}`) {
  const s = await serve(process.argv[2] ?? 'dist', { port: Number(process.argv[3] ?? 8081), probe: false });
  console.log(`serving ${process.argv[2] ?? 'dist'} at ${s.url} under the strict CSP`);
}
