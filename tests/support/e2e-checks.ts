/// <reference lib="dom" />
// The functions handed to page.evaluate() run in the browser: they are typed against the DOM.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { catalogues, type LocaleCode } from '../../src/i18n/locales/index.js';
import { parseWords, renderWords } from '../../src/mail/catalogue-markup.js';
import { loadTemplates } from '../../src/mail/templates.js';
import { SCREENSHOT_DIR } from './browser.js';
import { DESKTOP, PHONE } from './e2e-app.js';

const AXE_PATH = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

interface AxeNode {
  target: string[];
  failureSummary?: string;
}
interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: AxeNode[];
}

/**
 * Run axe-core in the page (the context must have `bypassCSP: true`: the site's CSP rightly refuses
 * injected scripts). Every violation is written to SCREENSHOT_DIR/axe/<name>.json for people to read;
 * the serious and critical ones are returned, one line each, for the test to assert there are none.
 */
export async function axeSerious(page: Page, name: string): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) {
    await page.addScriptTag({ path: AXE_PATH });
  }
  const { violations, passes } = (await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run(ctx: Document, opts: object): Promise<{ violations: unknown[]; passes: unknown[] }> };
      }
    ).axe;
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return { violations: r.violations, passes: r.passes.length };
  })) as { violations: AxeViolation[]; passes: number };
  fs.mkdirSync(path.join(SCREENSHOT_DIR, 'axe'), { recursive: true });
  fs.writeFileSync(
    path.join(SCREENSHOT_DIR, 'axe', `${name}.json`),
    JSON.stringify(
      {
        url: page.url(),
        rulesPassed: passes,
        violations: violations.map((v) => ({
          id: v.id,
          impact: v.impact,
          help: v.help,
          nodes: v.nodes.map((n) => ({ target: n.target, summary: n.failureSummary })),
        })),
      },
      null,
      2,
    ),
  );
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${name}: ${v.id} (${v.impact}) ${v.help} — ${v.nodes
          .slice(0, 4)
          .map((n) => n.target.join(' '))
          .join(' | ')}`,
    );
}

/**
 * Screenshots of the page as it is now, at phone and desktop size, into SCREENSHOT_DIR (for people
 * to look at). Also returns how far the page overflows sideways on the phone (0 = none).
 */
export async function screenshots(page: Page, name: string): Promise<number> {
  const original = page.viewportSize();
  await page.setViewportSize(PHONE);
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}-phone.png`), fullPage: true });
  await page.setViewportSize(DESKTOP);
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}-desktop.png`), fullPage: true });
  if (original) {
    await page.setViewportSize(original);
  }
  return overflow;
}

/** What has keyboard focus, and whether a sighted keyboard user can see it (an outline or a ring). */
export async function focused(page: Page): Promise<{ id: string; visible: boolean; describe: string }> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) {
      return { id: '', visible: false, describe: 'nothing (body)' };
    }
    const s = getComputedStyle(el);
    const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;
    const ring = s.boxShadow !== 'none' && s.boxShadow !== '';
    const box = el.getBoundingClientRect();
    const onScreen =
      box.width > 0 &&
      box.height > 0 &&
      box.bottom > 0 &&
      box.right > 0 &&
      box.left < innerWidth &&
      box.top < innerHeight;
    const describe = `<${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.getAttribute('name') ? ` name=${el.getAttribute('name')}` : ''}> "${(el.textContent ?? '').trim().slice(0, 40)}" outline=${s.outlineStyle} ${s.outlineWidth} shadow=${s.boxShadow} onScreen=${onScreen}`;
    return { id: el.id, visible: (outline || ring) && onScreen, describe };
  });
}

/**
 * Press Tab until the element matching `selector` has focus, checking at every stop that focus is
 * visible. Returns the stops, so a failure says where focus got lost.
 */
export async function tabTo(page: Page, selector: string, maxStops = 120): Promise<string[]> {
  const stops: string[] = [];
  for (let i = 0; i < maxStops; i++) {
    await page.keyboard.press('Tab');
    const f = await focused(page);
    stops.push(f.describe);
    if (!f.visible) {
      throw new Error(
        `focus not visible after ${stops.length} Tab presses: ${f.describe}\n${stops.join('\n')}`,
      );
    }
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) {
      return stops;
    }
  }
  throw new Error(`never reached ${selector} with Tab:\n${stops.join('\n')}`);
}

/**
 * The English interface phrases a reader of `locale` must never meet: the fixed parts of every
 * public English message (placeholders cut out), except words the other catalogue uses itself
 * (brand names, "CSV").
 */
export function englishPhrases(locale: LocaleCode): string[] {
  const en = catalogues.en.messages as Record<string, string>;
  const other = Object.values(catalogues[locale].messages as Record<string, string>).join('\n');
  const phrases = new Set<string>();
  for (const [key, value] of Object.entries(en)) {
    if (key.startsWith('staff.')) {
      continue;
    }
    for (const part of value.split(/\{[^}]*\}/)) {
      const p = part.trim();
      if (p.length < 4 || !/[A-Za-z]{3}/.test(p) || other.includes(p)) {
        continue;
      }
      phrases.add(p);
    }
  }
  return [...phrases];
}

/** The English words of an email (its catalogue strings, placeholders cut out), to look for in a mail sent in another language. */
export function englishMailLines(template: string): string[] {
  const en = catalogues.en.messages as Record<string, string>;
  return loadTemplates()
    .keys(template)
    .flatMap((key) => renderWords(parseWords(en[key]!, key), false, () => '\n').split('\n'))
    .map((s) => s.trim())
    .filter((s) => s.length >= 6 && /[A-Za-z]{3}/.test(s));
}

/** Everything a person can read or hear on the page: visible text, the title, names and alternatives. */
export async function readableText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const attrs = [...document.querySelectorAll('[aria-label],[placeholder],[title],[alt]')].flatMap((el) =>
      ['aria-label', 'placeholder', 'title', 'alt'].map((a) => el.getAttribute(a) ?? ''),
    );
    return [document.title, document.body.innerText, ...attrs].join('\n');
  });
}

/** The English phrases found on the page (none, for a page fully in another language). */
export async function englishOn(page: Page, phrases: string[]): Promise<string[]> {
  const text = await readableText(page);
  return phrases.filter((p) => text.includes(p)).map((p) => `${new URL(page.url()).pathname}: "${p}"`);
}
