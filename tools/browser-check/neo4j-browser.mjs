// Drive Neo4j Browser in the system's headless Chromium and report what it shows.
//
//   node neo4j-browser.mjs '<json config>'
//
// The config (all keys required unless marked optional):
//   browserUrl   http://127.0.0.1:<http>/browser/
//   boltUrl      bolt://127.0.0.1:<bolt>
//   user, password
//   guideTitle   the h3 of the guide's first page (post_connect_cmd opens it)
//   commands     [{name, text, view?}]: run in order from the main editor; `view` is
//                "table" (report the table's text) or "graph" (report the drawn nodes)
//   grassFile    (optional) a .grass file dropped onto Browser (as a drag and drop would),
//                then `:style reset`, before the guide's own :style block is run
//   sidebarGuide (optional) true: at the end, open the guide with `:guide <url>` too
//   screenshot   (optional) a PNG path: the page after the last command
//   guideScreenshot (optional) a PNG path: the page when the guide has opened
//   debugShot    (optional) a PNG path written when something fails
//   executable   (optional) Chromium; default /usr/bin/chromium
//   timeoutMs    (optional) per wait; default 60000
//
// Prints one JSON line on stdout: {"ok": true, ...observations} or {"ok": false,
// "error": ...}. It asserts nothing itself: tests/test_neo4j_browser.py does.
// Only 127.0.0.1/localhost is reached: every other request (web fonts, telemetry) is
// aborted, so the run is offline.

import { readFileSync } from 'node:fs';
import { basename } from 'node:path';

import { chromium } from 'playwright-core';

const cfg = JSON.parse(process.argv[2]);
const timeout = cfg.timeoutMs ?? 60000;
const started = Date.now();
const timings = {};
const lap = (name) => { timings[name] = Date.now() - started; };
const squash = (s) => (s ?? '').replace(/\s+/g, ' ').trim();
const out = { ok: false, timings, pageErrors: [], blocked: [] };

const browser = await chromium.launch({
  executablePath: cfg.executable ?? '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
page.setDefaultTimeout(timeout);
page.on('pageerror', (e) => out.pageErrors.push(e.message.slice(0, 300)));
await page.route('**/*', (route) => {
  const host = new URL(route.request().url()).hostname;
  if (host === '127.0.0.1' || host === 'localhost') return route.continue();
  out.blocked.push(host);
  return route.abort();
});

const frameCommands = () => page.$$eval('[data-testid=frameCommand]',
  (els) => els.map((e) => e.textContent));

/** Run `text` from the main editor; return the new (topmost) frame's locator. */
async function runInEditor(text, newFrame = true) {
  const before = await page.locator('[data-testid=frame]').count();
  const editor = page.locator('[data-testid=activeEditor] .monaco-editor').first();
  await editor.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(text);
  await page.click('[data-testid=editor-Run]');
  if (!newFrame) return null;
  await page.waitForFunction(
    (n) => document.querySelectorAll('[data-testid=frame]').length > n, before);
  return page.locator('[data-testid=frame]').first();
}

/** Close Browser's telemetry notice (the empty span after its text is its close button). */
async function closeNotice() {
  const closed = await page.evaluate(() => {
    const text = [...document.querySelectorAll('span')].find((e) =>
      /^To help make Neo4j Browser better/.test(e.textContent));
    const close = text && text.parentElement.lastElementChild;
    if (!close || close === text) return false;
    close.click();
    return true;
  });
  if (closed) await page.waitForTimeout(300);
  return closed;
}

async function editorText() {
  // Monaco renders one .view-line per line; join them in screen order.
  return page.$$eval('[data-testid=activeEditor] .view-line', (els) => els
    .map((e) => [parseFloat(e.style.top) || 0, e.textContent.replace(/\u00a0/g, ' ')])
    .sort((a, b) => a[0] - b[0]).map((x) => x[1]).join('\n'));
}

async function frameResult(frame, view) {
  const result = { command: squash(await frame.locator('[data-testid=frameCommand]').first()
    .textContent()) };
  // A frame is done when its spinner is gone and it shows contents or an error.
  await frame.locator('[data-testid=frameContents]').first().waitFor();
  await page.waitForTimeout(300);
  await frame.locator('[data-testid=spinner]').waitFor({ state: 'detached' });
  if (view === 'table' || view === 'graph') {
    // A Cypher frame has its view buttons (or an error) once the result is in.
    await frame.locator(['cypherFrameSidebarTable', 'cypherFrameErrorMessage', 'errorBanner']
      .map((id) => `[data-testid=${id}]`).join(', ')).first().waitFor();
  }
  const error = frame.locator('[data-testid=cypherFrameErrorMessage], [data-testid=errorBanner]');
  if (await error.count()) result.error = squash(await error.first().textContent());
  if (view === 'table') {
    const tab = frame.locator('[data-testid=cypherFrameSidebarTable]');
    if (await tab.count()) await tab.click();
    result.text = squash(await frame.locator('[data-testid=frameContents]').first().innerText());
  } else if (view === 'graph') {
    // Browser keeps the view last chosen (a table, after a table): ask for the graph.
    const tab = frame.locator('[data-testid=cypherFrameSidebarVisualization]');
    if (await tab.count()) await tab.click();
    await frame.locator('svg g.node').first().waitFor();
    // Browser draws the result, then fetches the relationships among its nodes (Connect
    // result nodes) and draws those: count once the picture has stopped changing.
    const counts = () => Promise.all([frame.locator('svg g.node').count(),
      frame.locator('svg g.relationship').count()]);
    let last = await counts();
    for (let stable = 0, i = 0; stable < 3 && i < 60; i += 1) {
      await page.waitForTimeout(500);
      const now = await counts();
      stable = now[0] === last[0] && now[1] === last[1] ? stable + 1 : 0;
      last = now;
    }
    result.status = squash((await frame.innerText()).split('\n')
      .find((l) => /^Displaying /.test(l)) ?? '');
    [result.nodes, result.relationships] = last;
    result.nodeFills = await frame.locator('svg g.node circle.b-outline').evaluateAll(
      (els) => [...new Set(els.map((e) => e.getAttribute('fill')))].sort());
  } else {
    result.text = squash(await frame.locator('[data-testid=frameContents]').first().innerText());
  }
  return result;
}

try {
  await page.goto(cfg.browserUrl);
  await page.locator('[data-testid=boltaddress]').waitFor();
  lap('connectForm');
  await page.fill('[data-testid=boltaddress]', cfg.boltUrl);
  await page.fill('[data-testid=username]', cfg.user);
  await page.fill('[data-testid=password]', cfg.password);
  await page.click('[data-testid=connect]');

  // post_connect_cmd: the guide's first page appears in a :play frame.
  const guide = page.locator('[data-testid=frame]', {
    has: page.locator('h3', { hasText: cfg.guideTitle }),
  }).first();
  await guide.waitFor();
  lap('guideShown');
  out.closedNotice = await closeNotice(); // not part of the pictures
  if (cfg.guideScreenshot) await page.screenshot({ path: cfg.guideScreenshot });
  out.frameCommandsAfterConnect = (await frameCommands()).map(squash);
  out.guide = {
    command: squash(await guide.locator('[data-testid=frameCommand]').first().textContent()),
    title: squash(await guide.locator('h3').first().textContent()),
    pager: squash(await guide.getByText(/^\d+ \/ \d+$/).first().textContent()),
  };

  // A runnable block: clicking its text fills the editor, clicking its icon runs it.
  const block = guide.locator('pre.runnable').first();
  await block.locator('i.fa-play-circle-o').waitFor();
  const blockText = squash((await block.textContent()));
  await block.click({ position: { x: 200, y: 10 } });
  await page.waitForTimeout(300);
  out.guide.firstBlock = blockText;
  out.guide.editorAfterClick = squash(await editorText());
  const nFrames = await page.locator('[data-testid=frame]').count();
  await block.locator('i.fa-play-circle-o').click();
  await page.waitForFunction(
    (n) => document.querySelectorAll('[data-testid=frame]').length > n, nFrames);
  out.guide.firstBlockRun = await frameResult(page.locator('[data-testid=frame]').first(), 'table');
  lap('guideBlockRun');

  if (cfg.grassFile) {
    // Browser's file drop zone (.filedrop, around the whole app) reads a dropped .grass
    // file, applies it and runs `:style`, which shows the style in use.
    const before = await page.locator('[data-testid=frame]').count();
    await page.evaluate(([text, name]) => {
      const dt = new DataTransfer();
      dt.items.add(new File([text], name, { type: 'text/plain' }));
      const zone = document.querySelector('.filedrop');
      for (const type of ['dragenter', 'dragover', 'drop']) {
        zone.dispatchEvent(new DragEvent(type, { dataTransfer: dt, bubbles: true, cancelable: true }));
      }
    }, [readFileSync(cfg.grassFile, 'utf8'), basename(cfg.grassFile)]);
    await page.waitForFunction(
      (n) => document.querySelectorAll('[data-testid=frame]').length > n, before);
    const frame = page.locator('[data-testid=frame]').first();
    out.dropped = { command: squash(await frame.locator('[data-testid=frameCommand]').first()
      .textContent()), text: await frame.locator('[data-testid=frameContents]').first()
      .innerText() };
    out.reset = await frameResult(await runInEditor(':style reset'), 'text');
    out.reset.text = out.reset.text.slice(0, 200);
    lap('grassDropped');
  }

  // Page through the guide: collect every runnable block as Browser shows it, and apply
  // the :style block with its icon when it comes.
  const guideCommand = out.guide.command;
  const guideFrame = page.locator('[data-testid=frame]', {
    has: page.locator('[data-testid=frameCommand]', { hasText: guideCommand }),
  }).first();
  out.guide.slides = [];
  for (;;) {
    const blocks = await guideFrame.locator('pre.runnable').evaluateAll(
      (els) => els.map((e) => e.textContent));
    const heading = squash(await guideFrame.locator('h3').first().textContent());
    out.guide.slides.push({ heading, blocks });
    const style = guideFrame.locator('pre.runnable', { hasText: /^\s*:style\b/ });
    if (!out.style && await style.count()) {
      const before = await page.locator('[data-testid=frame]').count();
      await style.first().locator('i.fa-play-circle-o').click();
      await page.waitForFunction(
        (n) => document.querySelectorAll('[data-testid=frame]').length > n, before);
      out.style = await frameResult(page.locator('[data-testid=frame]').first(), 'text');
      out.style.text = out.style.text.slice(0, 400);
      lap('styleApplied');
    }
    const next = guideFrame.locator('[data-testid=nextSlide]');
    if (!(await next.count())) break;
    const pagerText = squash(await guideFrame.getByText(/^\d+ \/ \d+$/).first().textContent());
    await next.click();
    await page.waitForFunction(
      ([before, cmd]) => {
        const f = [...document.querySelectorAll('[data-testid=frame]')].find((e) =>
          e.querySelector('[data-testid=frameCommand]')?.textContent.includes(cmd));
        const pager = f && [...f.querySelectorAll('*')].find((e) =>
          e.children.length === 0 && /^\s*\d+ \/ \d+\s*$/.test(e.textContent));
        return pager && pager.textContent.trim() !== before;
      }, [pagerText, guideCommand]);
  }
  lap('guidePaged');

  out.commands = [];
  for (const c of cfg.commands) {
    const r = await frameResult(await runInEditor(c.text), c.view);
    out.commands.push({ name: c.name, ...r });
    lap(`command:${c.name}`);
  }

  if (cfg.screenshot) {
    await page.screenshot({ path: cfg.screenshot });
    lap('screenshot');
  }
  if (cfg.sidebarGuide) {
    // `:guide <url>` shows the same guide in the sidebar (Browser's guides drawer).
    await runInEditor(`:guide ${out.guide.command.replace(/^:play\s+/, '')}`, false);
    const drawer = page.locator('[data-testid=guidesDrawer]');
    await drawer.locator('h3', { hasText: cfg.guideTitle }).first().waitFor();
    out.sidebarGuide = squash(await drawer.locator('h3').first().textContent());
    lap('sidebarGuide');
  }
  out.ok = true;
} catch (e) {
  out.error = String(e && e.message ? e.message : e).slice(0, 2000);
  out.frameCommands = (await frameCommands().catch(() => [])).map(squash);
  if (cfg.debugShot) await page.screenshot({ path: cfg.debugShot }).catch(() => {});
} finally {
  await browser.close();
}
out.blocked = [...new Set(out.blocked)];
lap('total');
process.stdout.write(JSON.stringify(out) + '\n');
process.exit(out.ok ? 0 : 1);
