// Size report: raw, gzip -9 and (for information: what most servers send) brotli -11 bytes of every
// file the release page loads, and the total. The budget is on gzip.
// Reads the files from dist/ as referenced by dist/index.html (plus what boot.js imports and the
// trial file it fetches).
// Writes e2e/out/size.json. `--budget N` fails when the gzip total exceeds N bytes.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const dist = path.resolve(process.argv[2] ?? 'dist');
const html = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
const refs = new Set(['index.html']);
// Attribute values may be quoted or not (the release HTML is minified).
const attr = /\b(?:href|src|data-trunk-js|data-trunk-wasm)=(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/g;
for (const m of html.matchAll(attr)) {
  const name = (m[1] ?? m[2] ?? m[3]).split(/[#?]/)[0].replace(/^\.?\//, '');
  if (name && !/^[a-z]+:/i.test(name)) refs.add(name);
}
// The trial's file boot.js fetches: the page's trial in the page's language.
const trial = html.match(/\bdata-trial="?([A-Za-z0-9]+)/)?.[1];
const lang = html.match(/<html[^>]*\blang="?([A-Za-z-]+)/)?.[1] ?? 'en';
if (trial) refs.add(`trials/${trial}/${lang.startsWith('zh') ? 'zh-CN' : 'en'}.tsc`);
// A report without the module and its glue would pass for the wrong reason.
for (const ext of ['.wasm', '.js', '.tsc']) {
  if (![...refs].some((r) => r.endsWith(ext))) {
    console.log(`size: FAILED: dist/index.html references no ${ext} file`);
    process.exit(1);
  }
}
const rows = [...refs].sort().map((name) => {
  const buf = fs.readFileSync(path.join(dist, name));
  const brotli = zlib.brotliCompressSync(buf, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  return { file: name, raw: buf.length, gzip: zlib.gzipSync(buf, { level: 9 }).length, brotli };
});
const total = rows.reduce((a, r) => ({ raw: a.raw + r.raw, gzip: a.gzip + r.gzip, brotli: a.brotli + r.brotli }),
  { raw: 0, gzip: 0, brotli: 0 });
const pad = (s, n) => String(s).padStart(n);
const line = (name, r) => `size: ${name}`.padEnd(52) + pad(r.raw, 10) + pad(r.gzip, 10) + pad(r.brotli, 12);
console.log('size: file'.padEnd(52) + pad('raw', 10) + pad('gzip -9', 10) + pad('brotli -11', 12));
for (const r of rows) console.log(line(r.file, r));
console.log(line('TOTAL (everything the page loads)', total));
fs.mkdirSync('e2e/out', { recursive: true });
fs.writeFileSync('e2e/out/size.json', JSON.stringify({ files: rows, total }, null, 1));
const i = process.argv.indexOf('--budget');
if (i > 0) {
  const budget = Number(process.argv[i + 1]);
  if (total.gzip > budget) {
    console.log(`size: FAILED: gzip total ${total.gzip} B is over the budget of ${budget} B`);
    process.exit(1);
  }
  console.log(`size: ok: gzip total ${total.gzip} B is within the budget of ${budget} B`);
}
