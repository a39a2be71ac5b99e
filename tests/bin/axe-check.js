// tests/bin/axe-check.js: run by tests/bin/axe-check, which says what it
// does. usage: node axe-check.js [--width N] [--reflow] FILE.html...
//
// One Chromium and one page for all the files: each file is loaded in
// the same page. axe-core is an init script of the browser context, so
// Chromium runs it in every document (and frame) before the document's
// own scripts, without a <script> element in the page and without
// sending its 500 kB to the browser again for every file (that took half
// a second a file); then axe.run() checks the WCAG 2.0/2.1 A and AA tags
// and axe's best practices.
'use strict';
const path = require('path');
const fs = require('fs');
const { pathToFileURL } = require('url');

const prog = 'axe-check';
const repo = path.resolve(__dirname, '..', '..');
const NM = path.resolve(process.env.PAKT_NODE_MODULES || path.join(repo, 'build', 'node', 'node_modules'));
const CHROMIUM = process.env.PAKT_CHROMIUM || '/usr/bin/chromium';
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];

function usage(msg) {
  if (msg) console.error(`${prog}: ${msg}`);
  console.error(`usage: ${prog} [--width N] [--reflow] FILE.html...`);
  process.exit(2);
}

function missing(what) {
  console.error(`${prog}: ${what} is missing; run 'make check-deps' (in ${repo}) first`);
  process.exit(2);
}

// The arguments.
let width = 1280;
let reflow = false;
const files = [];
{
  const args = process.argv.slice(2);
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    let m;
    if (a === '--') { files.push(...args.slice(i + 1)); break; }
    else if (a === '--reflow') reflow = true;
    else if (a === '--width' || (m = /^--width=(.*)$/.exec(a))) {
      const v = m ? m[1] : args[++i];
      if (v === undefined || !/^[0-9]+$/.test(v) || +v < 100 || +v > 10000)
        usage(`--width wants a number of CSS px from 100 to 10000, not '${v}'`);
      width = +v;
    } else if (a.startsWith('-') && a !== '-') usage(`unknown option ${a}`);
    else files.push(a);
  }
}
if (files.length === 0) usage('no file given');
for (const f of files) {
  let st;
  try { st = fs.statSync(f); } catch (e) { st = null; }
  if (!st || !st.isFile()) usage(`${f}: no such file`);
}

let chromium, axeSource;
try {
  ({ chromium } = require(path.join(NM, 'playwright-core')));
} catch (e) {
  missing(`playwright-core (in ${NM})`);
}
try {
  axeSource = fs.readFileSync(path.join(NM, 'axe-core', 'axe.min.js'), 'utf8');
} catch (e) {
  missing(`axe-core (in ${NM})`);
}
if (!fs.existsSync(CHROMIUM)) missing(`${CHROMIUM} (Debian package chromium)`);

// In the page: how wide the page is, and the outermost elements that
// stick out past the right edge of the viewport (not those inside a box
// that scrolls or clips them), to say what makes the page too wide.
function measure(limit) {
  const sw = document.documentElement.scrollWidth;
  const wide = [];
  if (sw <= limit) return { sw, wide };
  const name = (el) => {
    let s = el.localName;
    if (el.id) s += '#' + el.id;
    else if (el.classList.length) s += '.' + [...el.classList].join('.');
    return s;
  };
  const selector = (el) => {
    const parts = [];
    for (let e = el; e && e !== document.body && parts.length < 4; e = e.parentElement) parts.unshift(name(e));
    return parts.join(' > ');
  };
  const clipped = (el) => {
    for (let a = el.parentElement; a && a !== document.body && a !== document.documentElement; a = a.parentElement)
      if (getComputedStyle(a).overflowX !== 'visible') return true;
    return false;
  };
  const over = (el) => el.getBoundingClientRect().right > limit + 0.5;
  for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || !over(el)) continue;
    const p = el.parentElement;
    if (p && p !== document.body && over(p)) continue;
    if (clipped(el)) continue;
    wide.push(`${selector(el)} (to ${Math.round(r.right)} px)`);
    if (wide.length >= 5) break;
  }
  return { sw, wide };
}

// In the page: run axe-core, return only what is printed.
async function audit(tags) {
  /* global axe */
  const r = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
  const target = (t) => (Array.isArray(t) ? t.join(' >>> ') : String(t));
  return {
    violations: r.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help,
      targets: v.nodes.map((n) => n.target.map(target).join(' ')),
    })),
    passes: r.passes.length,
    incomplete: r.incomplete.length,
  };
}

(async () => {
  let browser;
  try {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  } catch (e) {
    console.error(`${prog}: cannot start ${CHROMIUM}: ${String(e.message || e).split('\n').slice(0, 8).join('\n')}`);
    console.error(`${prog}: is Chromium installed? run 'make check-deps' (in ${repo})`);
    process.exit(2);
  }
  let bad = 0, violations = 0, errors = 0;
  // check(page, f): the lines to print for file f, and its count of
  // violations (-1 when it could not be checked)
  const check = async (page, f) => {
    const out = [];
    try {
      const resp = await page.goto(pathToFileURL(path.resolve(f)).href, { waitUntil: 'load' });
      if (resp && !resp.ok()) throw new Error(`loading gave status ${resp.status()}`);
      const size = reflow ? await page.evaluate(measure, width) : null;
      const r = await page.evaluate(audit, TAGS);
      let n = r.violations.length;
      for (const v of r.violations)
        out.push(`${f}: ${v.id} [${v.impact}] ${v.help} -> ${v.targets.join(', ')}`);
      let sum = `${f}: ${n} violations, ${r.passes} rules passed, ${r.incomplete} need review`;
      if (size) {
        if (size.sw > width) {
          n++;
          out.push(`${f}: reflow [serious] Page must not scroll sideways at ${width} CSS px (WCAG 1.4.10): ` +
            `it is ${size.sw} px wide -> ${size.wide.join(', ') || '(no single element found)'}`);
        }
        sum += `; ${size.sw} px wide at ${width} px`;
      }
      out.push(sum);
      return { out, n };
    } catch (e) {
      out.push(`${f}: cannot check: ${String(e.message || e).split('\n')[0]}`);
      return { out, n: -1 };
    }
  };
  try {
    const context = await browser.newContext({ viewport: { width, height: 800 } });
    context.setDefaultTimeout(30000);
    await context.addInitScript({ content: axeSource });
    const page = await context.newPage();
    for (const f of files) {
      const { out, n } = await check(page, f);
      for (const line of out) console.log(line);
      if (n < 0) errors++;
      else if (n > 0) { bad++; violations += n; }
    }
  } finally {
    await browser.close().catch(() => {});
  }
  console.log(`${prog}: ${files.length} file(s) at ${width} px${reflow ? ' with the reflow check' : ''}: ` +
    `${violations} violation(s) in ${bad} file(s)${errors ? `, ${errors} file(s) not checked` : ''}`);
  process.exit(errors ? 2 : bad ? 1 : 0);
})().catch((e) => {
  console.error(`${prog}: ${e && e.stack ? e.stack : e}`);
  process.exit(2);
});
