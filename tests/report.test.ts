/**
 * The analytical note: its numbers against counts made here, every chart present, numbered and
 * labelled, nothing fetched from outside, and the page as Chromium renders and prints it (no console
 * errors, A4 pages, one page per school card). Screenshots go to tests/artifacts/ (ignored by git);
 * with SCREENSHOTS=docs (npm run screenshots:note) they replace the note's pictures in docs/img/.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { type BrowserContext, chromium } from 'playwright-core';
import { generateRegion } from '../examples/demo-region';
import { identify } from '../shared/method/identify';
import { CATEGORY, CATEGORY_ORDER, categoryName } from '../shared/messages';
import { recommend } from '../shared/recommendations/recommend';
import { cardsHtml } from '../shared/report/cards';
import { funnelConstant, shfnsuBoundary } from '../shared/report/charts';
import { analyticalNote, factorSentence, htmlDocument, outputSheetHtml, recommendationsDocument } from '../shared/report/note';
import { modelSheet } from '../shared/report-tables';
import { niceTicks } from '../shared/report/svg';
import { chromiumPath, screenshotDir } from './helpers/deps';

const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const CHARTS = ['chart-groups', 'chart-scatter', 'chart-funnel', 'chart-municipalities'];

const tables = generateRegion();
const result = identify(tables);
const rec = recommend(result, { tables });
const note = analyticalNote(result, { regionName: 'Демонстрационная область', preparedOn: '01.10.2025', recommendations: rec });
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'shnor-report-'));

describe('the note as a document', () => {
  test('one self-contained Russian HTML file: nothing is loaded from outside', () => {
    expect(note).toMatch(/^<!DOCTYPE html>\n<html lang="ru">/);
    expect(note).toContain('<meta charset="utf-8">');
    expect(note).not.toMatch(/<link\b|<script\b[^>]*\bsrc=|<img\b|@import|url\(|href="https?:|src="https?:/i);
    expect(note).toMatch(/@page \{ size: A4;/);
  });

  test('every chart is present, numbered in order, with a title, a description, a caption and axis labels', () => {
    const positions = CHARTS.map((id) => note.indexOf(`<figure class="chart" id="${id}"`));
    expect(positions.every((p) => p > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    CHARTS.forEach((id, i) => {
      const fig = note.slice(positions[i], note.indexOf('</figure>', positions[i]));
      expect(fig).toMatch(new RegExp(`<title id="${id}-title">[^<]{10,}</title>`));
      expect(fig).toMatch(new RegExp(`<desc id="${id}-desc">[^<]{20,}</desc>`));
      expect(fig).toMatch(new RegExp(`<figcaption><b>Рисунок ${i + 1}\\.</b>`));
      expect(fig).toMatch(/role="img" aria-labelledby=/);
      expect((fig.match(/class="axis-label"/g) ?? []).length).toBeGreaterThanOrEqual(id === 'chart-municipalities' ? 1 : 2);
      // Colours are explained by a legend, or (groups) by the panel titles and the group axis.
      expect(fig).toMatch(id === 'chart-groups' ? /class="panel-title"[^>]*>Группы по индексу качества.*class="panel-title"[^>]*>Группы по ИСБШ/s : /class="legend"/);
    });
  });

  test('counts by category are the counts of the run', () => {
    const table = note.slice(note.indexOf('<section id="categories">'), note.indexOf('<figure', note.indexOf('<section id="categories">')));
    for (const c of CATEGORY_ORDER) {
      const n = result.schools.filter((s) => s.category === c).length;
      expect(table).toMatch(new RegExp(`<span class="cat"[^>]*>${categoryName(c)}</span></td><td class="n">${n}</td>`));
    }
    const shnor = result.schools.filter((s) => s.category === CATEGORY.both || s.category === CATEGORY.lowResults).length;
    expect(note).toContain(`<div class="v">${shnor}</div><div class="l">в перечне ШНОР`);
    // The 10% rule: at least a tenth of the listed schools go into the regional programme.
    const listed = shnor + result.schools.filter((s) => s.category === CATEGORY.lowSocial).length;
    expect(note).toContain(`<div class="v">${Math.ceil(listed / 10)}</div><div class="l">минимум школ в региональной программе (10%)</div>`);
  });

  test('every factor of the model gets its sentence, with its direction and significance', () => {
    for (const f of result.model!.factors) expect(note).toContain(factorSentence(f));
    expect(factorSentence({ name: 'На учёте в КДН и ПДН, %', b: -0.0066, p: 0.002, beta: -0.19 }))
      .toBe('<b>На учёте в КДН и ПДН</b>: чем больше эта доля, тем ниже в среднем индекс качества школы при тех же остальных факторах; разница в 10 процентных пунктов соответствует изменению индекса на −0,066. Стандартизованный коэффициент β = −0,19 — умеренная связь; связь статистически значима (p = 0,002).');
    expect(factorSentence({ name: 'ОВЗ, %', b: 0.001, p: 0.4, beta: 0.05 })).toMatch(/тем выше .* слабая связь; связь статистически не значима \(p = 0,400\)/);
  });

  test('a table with its own number formats keeps them: the model sheet\'s n is a whole number', () => {
    // n: the schools in the fit, from the run; the sheet's column 3 has 0.00000 for the coefficients above.
    const n = result.model!.n;
    expect(Number.isInteger(n) && n > 0).toBe(true);
    const html = outputSheetHtml(modelSheet(result));
    const start = html.indexOf('<h3>Качество модели</h3>');
    expect(start).toBeGreaterThanOrEqual(0);
    const quality = html.slice(start, html.indexOf('</table>', start));
    expect(quality).toContain('<th class="n" scope="col">Число школ (n)</th>');
    expect(quality).toMatch(new RegExp(`<tr><td class="n">[^<]+</td><td class="n">[^<]+</td><td class="n">${n}</td>`));
    expect(quality).not.toContain(`${n},0`);
  });

  test('the lists, the changes and the caveats are there', () => {
    expect(note).toContain('Приложение 1. Школы с низкими образовательными результатами (ШНОР)');
    const fresh = result.schools.filter((s) => s.change === 'new').length;
    expect(note).toContain(`<h3>Вошли в перечень ШНОР впервые (${fresh})</h3>`);
    const small = result.schools.filter((s) => s.qualityIndex !== null && s.qualityGroup === null).length;
    expect(note).toMatch(new RegExp(`<b>Малые школы\\.</b> У ${small} школ`));
    expect(note).toContain('Приложение А. Карточки школ');
    expect((note.match(/<section class="card"/g) ?? []).length).toBe(rec.cards.length);
  });

  test('the ШФНСУ line of the scatter chart is where the band rule puts group 4/5', () => {
    const xb = shfnsuBoundary(result.isbshSigma!, result.settings.bandWidth);
    for (const s of result.schools) {
      if (s.isbsh === null || s.isbshGroup === null) continue;
      if (Math.abs(s.isbsh - xb) < 1e-9) continue;
      expect(s.isbsh < xb).toBe(s.isbshGroup <= 4);
    }
  });

  test('the funnel follows the median of SE·√n, computed here', () => {
    const v = result.schools.filter((s) => s.qualityIndexSE !== null && s.participants > 0).map((s) => s.qualityIndexSE! * Math.sqrt(s.participants)).sort((a, b) => a - b);
    const median = v.length % 2 ? v[(v.length - 1) / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    expect(funnelConstant(result.schools)).toBeCloseTo(median, 12);
    expect(note).toContain(`c = ${median.toFixed(3).replace('.', ',')}`);
  });

  test('ticks land on 1, 2, 5 × 10ᵏ', () => {
    expect(niceTicks(0.62, 1.38, 5)).toEqual({ ticks: [0.6, 0.8, 1, 1.2, 1.4], step: 0.2 });
    expect(niceTicks(0, 48, 6).ticks).toEqual([0, 10, 20, 30, 40, 50]);
  });

  test('without social data: no scatter, the model and the ШФНСУ are explained as missing', () => {
    const bare = identify({ schools: tables.schools, results: tables.results, settings: tables.settings });
    const html = analyticalNote(bare, { recommendations: recommend(bare) });
    expect(html).toContain('График индекса качества и ИСБШ не построен');
    expect(html).toMatch(/Модель ИСБШ не рассчитана: Нет листа «Социальные показатели»/);
    expect(html).toContain('правила П11–П14 (специалисты, работа с семьями) не применялись');
    expect((html.match(/<figure class="chart"/g) ?? []).length).toBe(4); // the funnel, the groups, the dynamics and the K of the objectivity section (the demo has per-pupil columns)
  });

  test('a failed run gives a note that lists the errors instead of numbers', () => {
    const failed = identify({ schools: [['Код ОО', 'Наименование ОО', 'Муниципалитет'], ['1', 'Ш', 'Р']], results: [['Год', 'Код ОО']] });
    const html = analyticalNote(failed);
    expect(html).toMatch(/Идентификация не выполнена: во входных данных 1 ошибка/);
    expect(html).not.toMatch(/<figure/);
  });
});

describe('in Chromium', () => {
  let context: BrowserContext;
  let IMG: string;
  const external: string[] = [];

  beforeAll(async () => {
    const executablePath = chromiumPath();
    IMG = screenshotDir();
    context = await chromium.launchPersistentContext(fs.mkdtempSync(path.join(os.tmpdir(), 'shnor-chromium-')), {
      executablePath, headless: true, args: FLAGS, viewport: { width: 1000, height: 1300 }, locale: 'ru-RU',
    });
    await context.route(/^(?!file:|data:|about:)/, (route) => {
      external.push(route.request().url());
      return route.abort();
    });
  }, 60_000);

  afterAll(async () => {
    await context?.close();
  });

  async function open(html: string, name: string) {
    const file = path.join(tmp, name);
    fs.writeFileSync(file, html);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`file://${file}`);
    return { page, errors };
  }

  test('renders without console errors; every chart is drawn with its labels', async () => {
    const { page, errors } = await open(note, 'note.html');
    for (const id of CHARTS) {
      const svg = page.locator(`#${id} svg`);
      const box = (await svg.boundingBox())!;
      expect(box.width).toBeGreaterThan(500);
      expect(box.height).toBeGreaterThan(200);
      const texts = await svg.locator('text').allTextContents();
      expect(texts.filter((t) => t.trim()).length).toBeGreaterThan(10);
      expect(await page.locator(`#${id} figcaption`).isVisible()).toBe(true);
    }
    const points = await page.locator('#chart-scatter circle').count();
    expect(points).toBe(result.schools.filter((s) => s.qualityIndex !== null && s.isbsh !== null && s.qualityGroup !== null).length + 6);
    await page.screenshot({ path: path.join(IMG, 'report-note.png') });
    await page.locator('#chart-scatter').screenshot({ path: path.join(IMG, 'report-scatter.png') });
    await page.locator('#chart-funnel').screenshot({ path: path.join(IMG, 'report-funnel.png') });
    await page.locator('section.card').nth(4).screenshot({ path: path.join(IMG, 'report-card.png') });
    expect(errors).toEqual([]);
    expect(external).toEqual([]);
    await page.close();
  }, 60_000);

  test('on screen every table stays inside the page: a wide one scrolls in its wrapper (sections 6 and 7)', async () => {
    const { page } = await open(note, 'note-width.html');
    for (const width of [1280, 1024]) {
      await page.setViewportSize({ width, height: 900 });
      // A string: the test project has no DOM types. What shows of a table is its box, clipped by any
      // ancestor that scrolls or hides overflow.
      const report = await page.evaluate(`(() => {
        const bodyRight = document.body.getBoundingClientRect().right - parseFloat(getComputedStyle(document.body).paddingRight);
        return [...document.querySelectorAll('table')].map((t) => {
          let right = t.getBoundingClientRect().right;
          let scrolls = false;
          for (let a = t.parentElement; a && a !== document.body; a = a.parentElement) {
            if (getComputedStyle(a).overflowX !== 'visible') {
              right = Math.min(right, a.getBoundingClientRect().right);
              if (a.scrollWidth > a.clientWidth) scrolls = true;
            }
          }
          const section = t.closest('section') ? t.closest('section').id : '';
          return { section, right, bodyRight, scrolls, wide: t.getBoundingClientRect().right > bodyRight + 0.5 };
        });
      })()`) as { section: string; right: number; bodyRight: number; scrolls: boolean; wide: boolean }[];
      expect(report.length).toBeGreaterThan(10);
      const outside = report.filter((r) => r.right > r.bodyRight + 0.5);
      expect({ width, outside }).toEqual({ width, outside: [] });
      // The wide tables are the ones that scroll (the municipalities and the lists at least).
      for (const r of report.filter((x) => x.wide)) expect(r.scrolls).toBe(true);
      expect(report.some((r) => r.section === 'municipalities')).toBe(true);
      expect(report.some((r) => r.section === 'lists')).toBe(true);
    }
    await page.close();
  }, 60_000);

  test('prints on A4, and every school card fits one page', async () => {
    const { page } = await open(htmlDocument('Карточки', cardsHtml(rec)), 'cards.html');
    const pdf = (await page.pdf({ preferCSSPageSize: true, printBackground: true })).toString('latin1');
    expect((pdf.match(/\/Type\s*\/Page[^s]/g) ?? []).length).toBe(rec.cards.length);
    // A4 portrait: 595 × 842 points.
    expect(pdf).toMatch(/\/MediaBox \[0 0 59[45]\.\d+ 841\.\d+\]/);
    await page.close();
    const doc = await open(recommendationsDocument(result, rec), 'recommendations.html');
    expect(await doc.page.locator('section.card').count()).toBe(rec.cards.length);
    expect(await doc.page.locator('.muni').count()).toBe(rec.municipalities.length);
    expect(doc.errors).toEqual([]);
    await doc.page.close();
  }, 120_000);
});
