// Not a test: measures the interaction-to-next-paint (INP) of every press a patient makes along a
// whole journey, on the widget's standalone page and on SurveyJS in one-question-per-screen mode
// (the peers harness's subject), at each CPU slow-down, in fresh contexts, rounds interleaved.
//
// The page itself measures, with the Event Timing API (PerformanceObserver type 'event',
// durationThreshold 16, buffered). Entries are grouped by interactionId; an interaction's
// latency is its longest entry. Each press is the interactions that start after the press
// began and before the next one did (a number entry: its click and keystrokes). A press with
// no entry of 16 ms or more is counted as 16 ms and flagged "< 16 ms", so medians are upper bounds.
// Chromium rounds durations to 8 ms.
//
// A press whose interaction ends only after the next press began is flagged "drawn late": its
// entry's end is the first frame Chromium drew after it, and that came with the next press. In
// headless Chromium the display compositor sometimes skips drawing a frame the page did submit
// (the trace says "Draw skipped"); such a press then measures the probe's own pause before the
// next press, not the page's work (README, Performance). The tables give the worst press both as
// measured and with flagged presses set aside, and say how many were flagged; medians count all.
//
// The journey, the same for both: start, answer every question (first option in natural order,
// 60 for numbers) and press Continue/Next on each screen; after the Continue of the questions
// in BACK_AT press Back, then Continue again; before answering the questions in LANG_AT press the
// language switch (the widget only: SurveyJS has none, so that row reads n/a). Presses are real
// mouse and keyboard input through CDP (Playwright), so Event Timing sees them as trusted.
//
// Usage (after a release build and bench/run's copy of the peers harness in target/peers):
//   node bench/inp.mjs [--rounds 5] [--throttle 1,4]
// Env: PEERS_DIR (default target/peers). Prints a markdown table and writes
// target/bench/inp-<timestamp>.json. Exits non-zero if a journey does not reach its end screen or
// a subject shows no Event Timing entry at all (a broken measurement, never reported as zeros).
import { launch } from '../e2e/browser.mjs';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PEERS = path.resolve(ROOT, process.env.PEERS_DIR ?? 'target/peers');
// The peers harness serves both subjects (as its own benchmark does) and defines their selectors.
const { startServer, loadSubjects } = await import(pathToFileURL(path.join(PEERS, 'serve.mjs')).href);

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const ROUNDS = Number(opt('rounds', 5));
const THROTTLES = String(opt('throttle', '1,4')).split(',').map(Number);
if (!(Number.isInteger(ROUNDS) && ROUNDS > 0) || THROTTLES.some((t) => !(t >= 1))) {
  throw new Error('usage: node bench/inp.mjs [--rounds N] [--throttle 1,4]');
}
const VIEWPORT = { width: 412, height: 915 };   // the peers harness's viewport
const NUMBER_ANSWER = '60';
const BACK_AT = [3, 12, 24];   // question numbers (1-based) whose Continue is followed by Back + Continue
const LANG_AT = [8, 20];       // question numbers before whose answer the language is switched
const STEP_TIMEOUT_MS = 10_000;
const KINDS = ['option', 'number', 'continue', 'back', 'language'];

// What the probe adds to each subject's `answer` selectors: how to go back, switch language and
// tell screens apart, and the end screen. SurveyJS's last screen has Complete instead of Next.
const EXTRA = {
  'trial-self-check (standalone page)': {
    config: path.join(ROOT, 'bench/subjects.json'),
    short: 'widget',
    back: '#tsc-back',
    lang: '#tsc-lang',
    screen: '.tsc-heading',
    end: '#tsc-download-fhir',
  },
  'SurveyJS (one question per screen)': {
    config: path.join(PEERS, 'subjects.json'),
    short: 'SurveyJS',
    nextAlso: '.sd-navigation__complete-btn',
    back: '.sd-navigation__prev-btn',
    lang: null,
    screen: '.sd-question__title, .sd-completedpage',
    end: '.sd-completedpage',
  },
};

function subjects() {
  return Object.entries(EXTRA).map(([name, extra]) => {
    const subject = loadSubjects(extra.config).find((s) => s.name === name);
    if (!subject) throw new Error(`${extra.config} has no subject "${name}"`);
    const a = subject.answer;
    const next = extra.nextAlso ? `${a.next}, ${extra.nextAlso}` : a.next;
    return { ...subject, short: extra.short, sel: { ...a, ...extra, next } };
  });
}

/**
 * In the page, before its scripts: keeps every Event Timing entry that belongs to an interaction,
 * and defines how the probe names the current screen (the visible headings or question titles).
 */
function pageHelpers() {
  const entries = (window.__inpEntries = []);
  const keep = (list) => {
    for (const e of list.getEntries()) {
      if (e.interactionId) {
        entries.push({ id: e.interactionId, name: e.name, start: e.startTime, duration: e.duration,
          processingStart: e.processingStart, processingEnd: e.processingEnd });
      }
    }
  };
  const observer = new PerformanceObserver(keep);
  observer.observe({ type: 'event', durationThreshold: 16, buffered: true });
  window.__inpFlush = () => keep({ getEntries: () => observer.takeRecords() });
  window.__inpScreen = (sel) => [...document.querySelectorAll(sel)].filter((el) => el.checkVisibility())
    .map((el) => el.textContent.trim().replace(/\s+/g, ' ')).join(' | ');
}

/** In the page: true once `before` is gone (or the answer shows), nothing moves and two frames were drawn. */
async function settledAfter({ sel, before, answered, number }) {
  const frame = () => new Promise((r) => requestAnimationFrame(r));
  for (;;) {
    const now = window.__inpScreen(sel.screen);
    const changed = answered
      ? [...document.querySelectorAll(sel.question)].some((q) => q.checkVisibility() &&
        (q.querySelector(sel.answered) || [...q.querySelectorAll(sel.number)].some((i) => i.value === number)))
      : now !== before && now !== '';
    const still = document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity);
    if (changed && still) break;
    await frame();
  }
  await frame();
  await frame();
}

async function journey(browser, subject, server, throttle) {
  const context = await browser.newContext({ viewport: VIEWPORT });
  await context.addInitScript(pageHelpers);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  if (throttle > 1) await (await context.newCDPSession(page)).send('Emulation.setCPUThrottlingRate', { rate: throttle });
  const { sel } = subject;
  const presses = [];
  const visible = (s) => page.locator(s).filter({ visible: true }).first();
  const isVisible = (s) => page.locator(s).filter({ visible: true }).count().then((n) => n > 0);
  const name = () => page.evaluate((s) => window.__inpScreen(s), sel.screen);

  // One press: note when it began and on which screen, do it, wait until its effect has settled.
  const press = async (kind, act, { answered = false } = {}) => {
    const from = await name();
    const at = await page.evaluate(() => performance.now());
    await act();
    // First let the press paint untouched: the checks below read layout and visibility, and run
    // in frames of their own, which Event Timing would otherwise count as the press's paint time.
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r)))));
    // One call: waitForFunction settles when the in-page promise does (that checks once a frame).
    await page.waitForFunction(settledAfter, { sel, before: from, answered, number: NUMBER_ANSWER }, { timeout: STEP_TIMEOUT_MS })
      .catch(() => { throw new Error(`${subject.short}: ${kind} on "${from}" had no effect within ${STEP_TIMEOUT_MS} ms`); });
    presses.push({ kind, from, to: await name(), at });
  };
  const click = (s) => () => visible(s).click({ timeout: STEP_TIMEOUT_MS });

  try {
    await page.goto(server.url + subject.entry);
    await page.waitForSelector(subject.ready, { state: 'visible', timeout: 30_000 });
    let asked = 0;
    for (let guard = 0; guard < 200 && !(await isVisible(sel.end)); guard++) {
      if (!(await isVisible(sel.question))) {   // the widget's start screen or its "not a fit" notice
        await press('continue', click(sel.next));
        continue;
      }
      asked++;
      if (sel.lang && LANG_AT.includes(asked)) await press('language', click(sel.lang));
      const question = visible(sel.question);
      if (await question.locator(sel.number).count()) {
        await press('number', async () => {
          await question.locator(sel.number).first().click();
          await page.keyboard.type(NUMBER_ANSWER);
        }, { answered: true });
      } else {
        await press('option', () => question.locator(sel.choice).first().click(), { answered: true });
      }
      await press('continue', click(sel.next));
      if (BACK_AT.includes(asked)) {
        await press('back', click(sel.back));
        await press('continue', click(sel.next));
      }
    }
    if (!(await isVisible(sel.end))) throw new Error(`${subject.short}: the journey never reached its end screen (${sel.end})`);
    // Entries are delivered after their paint: let the last ones arrive.
    await page.waitForTimeout(500);
    const entries = await page.evaluate(() => { window.__inpFlush(); return window.__inpEntries; });
    if (errors.length) throw new Error(`${subject.short}: page errors: ${errors.join(' | ')}`);
    return { asked, presses: attribute(presses, entries), entries: entries.length };
  } finally {
    await context.close();
  }
}

/** Gives each press the interactions that started in its window; its latency is their worst. */
function attribute(presses, entries) {
  const interactions = new Map();
  for (const e of entries) {
    const i = interactions.get(e.id) ?? { start: Infinity, duration: 0, names: new Set() };
    i.start = Math.min(i.start, e.start);
    if (e.duration >= i.duration) Object.assign(i, { duration: e.duration, worst: e });
    i.names.add(e.name);
    interactions.set(e.id, i);
  }
  return presses.map((p, n) => {
    const until = presses[n + 1]?.at ?? Infinity;
    const mine = [...interactions.values()].filter((i) => i.start >= p.at && i.start < until);
    const top = mine.reduce((a, b) => (b.duration > a.duration ? b : a), { duration: 0 });
    const w = top.worst;
    return {
      kind: p.kind, from: p.from, to: p.to, interactions: mine.length,
      ms: mine.length ? top.duration : 16, under16: !mine.length,
      // Its frame was drawn only after the next press began (see the note at the top).
      drawnLate: mine.some((i) => i.start + i.duration > until),
      // Where the worst one's time went: waiting for the main thread, handlers, then rendering.
      ...(w && { inputDelay: w.processingStart - w.start, processing: w.processingEnd - w.processingStart,
        presentation: w.start + w.duration - w.processingEnd, events: [...top.names].join(',') }),
    };
  });
}

function stats(presses) {
  const v = presses.map((p) => p.ms).sort((a, b) => a - b);
  if (!v.length) return null;
  const mid = Math.floor(v.length / 2);
  const drawnLate = presses.filter((p) => p.drawnLate);
  return { n: v.length, under16: presses.filter((p) => p.under16).length,
    median: v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2, worst: v[v.length - 1],
    drawnLate: drawnLate.length, worstDrawn: Math.max(0, ...presses.filter((p) => !p.drawnLate).map((p) => p.ms)) };
}

/** The journey's steps, slowest first by their median over rounds. */
function slowestSteps(rounds, count) {
  const steps = [];   // the journey is the same every round, so a press's index names its step
  for (const r of rounds) {
    r.presses.forEach((p, i) => {
      steps[i] ??= { step: i + 1, kind: p.kind, from: p.from, to: p.to, samples: [] };
      steps[i].samples.push(p);
    });
  }
  return steps.map((s) => {
    const st = stats(s.samples);
    const worst = s.samples.reduce((a, b) => (b.ms > a.ms ? b : a));
    return { step: s.step, kind: s.kind, from: s.from, to: s.to, median: st.median, worst: st.worst,
      drawnLate: st.drawnLate, n: st.n,
      inputDelay: worst.inputDelay, processing: worst.processing, presentation: worst.presentation };
  }).sort((a, b) => b.median - a.median || b.worst - a.worst).slice(0, count);
}

const fmt = (s) => (s ? `${s.median} / ${s.worst} (${s.n}${s.under16 ? `, ${s.under16} < 16` : ''})` : 'n/a');
const cut = (t, n = 42) => (t.length > n ? `${t.slice(0, n - 1)}…` : t);

function report(results) {
  const lines = ['| subject | CPU | presses | with an entry ≥ 16 ms | median ms | worst ms | drawn late | worst drawn in time ms | ' +
    KINDS.map((k) => `${k} med / worst (n)`).join(' | ') + ' |',
  `|---|---:|---:|---:|---:|---:|---:|---:|${KINDS.map(() => '---:').join('|')}|`];
  for (const r of results) {
    const all = stats(r.rounds.flatMap((x) => x.presses));
    const kinds = KINDS.map((k) => fmt(stats(r.rounds.flatMap((x) => x.presses.filter((p) => p.kind === k)))));
    lines.push(`| ${r.subject} | ${r.throttle}× | ${all.n} | ${all.n - all.under16} | ${all.median} | ${all.worst} | ` +
      `${all.drawnLate} | ${all.worstDrawn} | ${kinds.join(' | ')} |`);
  }
  lines.push('', 'Medians count a press with no entry of 16 ms or more as 16 ms (an upper bound); "< 16" says how many.',
    '"Drawn late": presses whose interaction ended only after the next press began (their frame was drawn with ' +
    'the next press; see the note at the top of bench/inp.mjs). Medians and "worst ms" count them as measured.');
  for (const r of results.filter((x) => x.subject === 'widget')) {
    lines.push('', `Widget's 5 slowest steps at ${r.throttle}× (median over rounds / worst; the worst one's input delay + processing + presentation):`, '');
    lines.push('| # | kind | from → to | median ms | worst ms | delay + proc + paint ms | drawn late |', '|---:|---|---|---:|---:|---|---:|');
    for (const s of slowestSteps(r.rounds, 5)) {
      const split = s.inputDelay == null ? '< 16' : [s.inputDelay, s.processing, s.presentation].map((x) => x.toFixed(0)).join(' + ');
      lines.push(`| ${s.step} | ${s.kind} | ${cut(s.from)} → ${cut(s.to)} | ${s.median} | ${s.worst} | ${split} | ${s.drawnLate}/${s.n} |`);
    }
  }
  for (const t of THROTTLES.filter((x) => x === 4)) {
    const med = (who) => stats(results.find((r) => r.subject === who && r.throttle === t).rounds.flatMap((x) => x.presses));
    const w = med('widget');
    const s = med('SurveyJS');
    lines.push('', `Targets at ${t}×: widget worst ${w.worst} ms as measured (≤ 100: ${w.worst <= 100 ? 'met' : 'NOT met'}), ` +
      `${w.worstDrawn} ms with the ${w.drawnLate} presses drawn late set aside (${w.worstDrawn <= 100 ? 'met' : 'NOT met'}); ` +
      `widget median ${w.median} ms vs 0.5 × SurveyJS median ${s.median / 2} ms (${w.median <= s.median / 2 ? 'met' : 'NOT met'}).`);
  }
  return lines.join('\n');
}

const list = subjects();
const browser = await launch();
const version = browser.version();
const servers = await Promise.all(list.map((s) => startServer(s)));
const results = [];
try {
  for (const [i, s] of list.entries()) {   // warm-up, not kept: server caches, and fails early
    const w = await journey(browser, s, servers[i], 1);
    process.stderr.write(`warm-up ${s.short}: ${w.presses.length} presses, ${w.asked} questions\n`);
  }
  for (const throttle of THROTTLES) {
    const byName = new Map(list.map((s) => [s.short, { subject: s.short, throttle, rounds: [] }]));
    for (let round = 0; round < ROUNDS; round++) {
      const line = [];
      for (let k = 0; k < list.length; k++) {   // the subject that goes first rotates each round
        const i = (round + k) % list.length;
        const j = await journey(browser, list[i], servers[i], throttle);
        byName.get(list[i].short).rounds.push(j);
        line.push(`${list[i].short} ${j.presses.length} presses, ${j.entries} entries`);
      }
      process.stderr.write(`${throttle}× round ${round + 1}/${ROUNDS}: ${line.join('; ')}\n`);
    }
    for (const r of byName.values()) {
      if (!r.rounds.some((j) => j.entries > 0)) throw new Error(`${r.subject} at ${throttle}×: no Event Timing entry at all`);
      results.push(r);
    }
  }
} finally {
  await browser.close();
  await Promise.all(servers.map((s) => s.close()));
}

const env = `Chromium ${version}, ${ROUNDS} rounds, viewport ${VIEWPORT.width}x${VIEWPORT.height}, ` +
  `${os.cpus().length} cores, load average ${os.loadavg().map((x) => x.toFixed(2)).join(' ')} at the end.`;
const table = report(results);
console.log(`${env}\n\n${table}`);
const stamp = new Date().toISOString().replace(/[:.]/g, '-');
const out = path.join(ROOT, 'target/bench', `inp-${stamp}.json`);
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, JSON.stringify({ env, backAt: BACK_AT, langAt: LANG_AT, results }, null, 1));
console.log(`\nraw presses: ${path.relative(ROOT, out)}`);
