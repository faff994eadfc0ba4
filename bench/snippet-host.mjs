// Writes a host page that uses the pre-rendered snippet (dist/snippet.<lang>.html, made by the
// build) instead of a bare <trial-self-check> tag: bench/host/index.html with its element replaced
// by the snippet, the snippet's stylesheet pointed at the host's copy of the files (`base`).
// Used by bench/run (the "element, pre-rendered snippet" subject) and e2e/embed.test.mjs.
// Usage: node bench/snippet-host.mjs [dist] [out dir] [base]
import fs from 'node:fs';
import path from 'node:path';

const HERE = path.dirname(new URL(import.meta.url).pathname);

export function writeSnippetHost(dist, outDir, base = '/vendor/trial-self-check/', lang = 'en') {
  const snippet = fs.readFileSync(path.join(dist, `snippet.${lang}.html`), 'utf8')
    .replace('href="app.css"', `href="${base}app.css"`);
  const host = fs.readFileSync(path.join(HERE, 'host/index.html'), 'utf8');
  const page = host.replace(/<trial-self-check\b[^]*?<\/trial-self-check>\n?/, snippet);
  if (page === host || !page.includes('shadowrootmode')) throw new Error('bench/host/index.html has no <trial-self-check> to replace');
  fs.mkdirSync(outDir, { recursive: true });
  fs.writeFileSync(path.join(outDir, 'index.html'), page);
  return path.join(outDir, 'index.html');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [dist = 'dist', out = 'target/bench-host-snippet', base] = process.argv.slice(2);
  console.log(`wrote ${writeSnippetHost(dist, out, base)}`);
}
