/// <reference types="google-apps-script" />
/**
 * Municipal reporting in a shared Google spreadsheet:
 *  - createReports: one «Отчёт МО» sheet per row of «Муниципалитеты», editable only by that
 *    municipality's editors and the region's owners; its schools' results read-only;
 *  - submitReport: a municipality marks its report for the quarter as submitted (today); the date
 *    that counts is the day an owner's collection first sees it so (the municipality can write both
 *    «Отчёт сдан» and «Дата сдачи», so neither is trusted as a time);
 *  - collectReports: «Сбор отчётов» with each municipality's status for the last ended quarter
 *    (сдан / сдан с опозданием / не сдан / ожидается), and a values-only snapshot of every submitted
 *    report appended to «Архив <квартал>», which is never rewritten.
 * Filled report sheets are never recreated: a second run only refreshes their protections.
 */
import { cellText } from '../../shared/input/numbers';
import { type Ymd, fmtDate } from '../../shared/roadmap/dates';
import { INFO, NO, YES } from '../../shared/roadmap/messages';
import {
  type CollectedRow, type Municipality, type MunicipalityList, type Quarter, REGION_ROW, REPORT_CAPTIONS, REPORT_SHEETS, SHEET_COLUMN, uniqueReportName, type ReportReading, SUBMISSION_TEXT, archiveBlock,
  archiveTitle, archivedMunicipalities, archivedStatus, collectRow, collectionSheet, compareQuarters, lastEndedQuarter, latestIdentificationSheet,
  municipalItems, nextQuarter, quarterDeadline, quarterLabel, quarterOf, readMunicipalities, readReport, reportSheet, schoolsByMunicipality,
} from '../../shared/roadmap/reporting';
import { readIndicators } from '../../shared/roadmap/indicators';
import { readRoadmaps } from '../../shared/roadmap/roadmap';
import { TEMPLATE_SHEETS } from '../../shared/roadmap/messages';
import { normalizeHeader } from '../../shared/input/table';
import type { Cell, Grid } from '../../shared/types';
import type { ReportingEnv } from './env';
import { writeTemplate } from './write-sheet';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Range = GoogleAppsScript.Spreadsheet.Range;

/** Protections this feature sets carry this prefix, so a second run replaces exactly them. */
export const PROTECTION_TAG = 'ШНОР:';

/** Sheets the municipal roadmap items are taken from, in order of preference. */
const ROADMAP_SOURCES = [TEMPLATE_SHEETS.regionalRoadmap, TEMPLATE_SHEETS.programmeRoadmap, TEMPLATE_SHEETS.municipalActivities];
const INDICATOR_SOURCES = [TEMPLATE_SHEETS.municipalSet, TEMPLATE_SHEETS.municipalIndicators];

export interface CommandResult {
  ok: boolean;
  /** Russian text for the user. */
  message: string;
}

function findSheet(env: ReportingEnv, name: string): Sheet | null {
  const exact = env.ss.getSheetByName(name);
  if (exact) return exact;
  const want = normalizeHeader(name);
  return env.ss.getSheets().find((s) => normalizeHeader(s.getName()) === want) ?? null;
}

function values(sheet: Sheet): Grid {
  return sheet.getDataRange().getValues() as Grid;
}

function ownerEmail(env: ReportingEnv): string {
  try {
    return env.ss.getOwner()?.getEmail() ?? '';
  } catch (e) {
    return '';
  }
}

/** The region's owners: the file's owner and the «Регион» row of «Муниципалитеты». */
function owners(env: ReportingEnv, listed: string[]): string[] {
  return [...new Set([ownerEmail(env), ...listed].map((e) => e.trim().toLowerCase()).filter(Boolean))];
}

/** Our owner-only protections of «Муниципалитеты» (one once «Создать листы отчётов» has run). */
function listProtections(env: ReportingEnv, listSheet: Sheet): GoogleAppsScript.Spreadsheet.Protection[] {
  return listSheet.getProtections(env.ProtectionType.SHEET).filter((p) => p.getDescription().startsWith(PROTECTION_TAG));
}

/**
 * Checks, before anything is written, that the person running an owner-only command is an owner of
 * the region (the file's owner or an address of the «Регион» row). When Apps Script does not tell
 * who is running (no e-mail scope), the owner-only protection of «Муниципалитеты» tells: only its
 * editors — the owners — can edit it. Returns the Russian refusal, or null.
 */
function notAnOwner(env: ReportingEnv, listSheet: Sheet, listed: string[], what: string): string | null {
  const refusal = `Команду «${what}» выполняют только владельцы региона: владелец файла и адреса строки «${REGION_ROW}» листа «${REPORT_SHEETS.municipalities}». Ничего не изменено.`;
  const user = env.user.trim().toLowerCase();
  if (user) return owners(env, listed).includes(user) ? null : refusal;
  const ps = listProtections(env, listSheet);
  if (ps.length) return ps.every((p) => p.canEdit()) ? null : refusal;
  return what === COLLECT ? `Сначала владелец региона выполняет «Создать листы отчётов»: лист «${REPORT_SHEETS.municipalities}» ещё не защищён. Ничего не изменено.` : null;
}

/**
 * The archives «Сбор отчётов» created are listed in the description of the owner-only protection
 * of «Муниципалитеты» («…; архивы: I кв. 2025, …»), which only the owners can change. A sheet named
 * like an archive but not listed there (an editor could create «Архив II кв. 2025» with made-up
 * lines before the first collection of that quarter) is never read as one.
 */
const REGISTRY = 'архивы:';
const ARCHIVE_NAME = /^Архив (I|II|III|IV) кв\. \d{4}$/;

/** The registered archives; null when the protection predates the registry (then see adoptArchives). */
function registeredArchives(env: ReportingEnv, listSheet: Sheet): Set<string> | null {
  const d = listProtections(env, listSheet).map((p) => p.getDescription()).find((t) => t.includes(REGISTRY));
  if (d === undefined) return null;
  return new Set(d.slice(d.indexOf(REGISTRY) + REGISTRY.length).split(',').map((t) => t.trim()).filter(Boolean).map((t) => `Архив ${t}`));
}

/** For a list protected before the registry: the existing archives only owners could have changed. */
function adoptArchives(env: ReportingEnv, ownerList: string[]): Set<string> {
  return new Set(env.ss.getSheets().filter((s) => ARCHIVE_NAME.test(s.getName()) && !archiveWarning(env, s, ownerList)).map((s) => s.getName()));
}

function listDescription(archives: Set<string>): string {
  return `список муниципалитетов и редакторов; ${REGISTRY} ${[...archives].sort().map((n) => n.replace(/^Архив /, '')).join(', ')}`;
}

const CREATE = 'Создать листы отчётов муниципалитетов';
const COLLECT = 'Сбор отчётов';

/** Protects a sheet or range so that exactly `editors` (and the file's owner, always) can edit it. */
function protect(env: ReportingEnv, target: Sheet | Range, description: string, editors: string[]): void {
  const p = target.protect().setDescription(`${PROTECTION_TAG} ${description}`);
  const allowed = new Set(editors.map((e) => e.toLowerCase()));
  if (allowed.size) p.addEditors([...allowed]);
  const me = env.user.toLowerCase();
  const others = p.getEditors().map((u) => u.getEmail()).filter((e) => e && !allowed.has(e.toLowerCase()) && e.toLowerCase() !== me);
  if (others.length) p.removeEditors(others);
  if (p.canDomainEdit()) p.setDomainEdit(false);
}

function dropProtections(env: ReportingEnv, sheet: Sheet): void {
  for (const type of [env.ProtectionType.SHEET, env.ProtectionType.RANGE]) {
    for (const p of sheet.getProtections(type)) {
      if (p.getDescription().startsWith(PROTECTION_TAG) && p.canEdit()) p.remove();
    }
  }
}

/** Rows (1-based) of the read-only parts of a report sheet: the first info lines and the schools block. */
function readOnlyRows(grid: Grid): { info: [number, number] | null; schools: [number, number] | null } {
  let info: [number, number] | null = null;
  let schools: [number, number] | null = null;
  const keys = [INFO.municipality, INFO.quarter, 'Срок сдачи'].map(normalizeHeader);
  const infoRows = grid.map((row, i) => (keys.includes(normalizeHeader(cellText(row?.[0]))) ? i + 1 : 0)).filter(Boolean);
  if (infoRows.length) info = [Math.min(...infoRows), Math.max(...infoRows)];
  const caption = grid.findIndex((row) => cellText(row?.[0]).startsWith('Школы муниципалитета:'));
  if (caption >= 0) {
    let end = caption + 1;
    while (end + 1 < grid.length && (grid[end + 1] ?? []).some((c) => cellText(c) !== '')) end++;
    schools = [caption + 1, end + 1];
  }
  return { info, schools };
}

function protectReport(env: ReportingEnv, sheet: Sheet, m: Municipality, ownerList: string[]): void {
  dropProtections(env, sheet);
  protect(env, sheet, `отчёт ${m.name}`, [...ownerList, ...m.editors]);
  const grid = values(sheet);
  const width = Math.max(1, sheet.getLastColumn());
  const ro = readOnlyRows(grid);
  if (ro.info) protect(env, sheet.getRange(ro.info[0], 1, ro.info[1] - ro.info[0] + 1, 2), `квартал и срок: ${m.name}`, ownerList);
  if (ro.schools) protect(env, sheet.getRange(ro.schools[0], 1, ro.schools[1] - ro.schools[0] + 1, width), `результаты школ: ${m.name}`, ownerList);
}

/**
 * The report sheet of each municipality: the one «Лист отчёта» of «Муниципалитеты» (owner-only)
 * records, else (a list written before that column existed, or a wrong entry) the sheet of the
 * base name or «base (n)». Either way only a sheet whose (protected) «Муниципалитет» line names the
 * municipality, and no sheet for two municipalities: a municipality without one gets a new sheet.
 */
function reportSheets(env: ReportingEnv, list: MunicipalityList): Map<Municipality, Sheet> {
  const out = new Map<Municipality, Sheet>();
  const claimed = new Set<string>();
  const all = env.ss.getSheets();
  const names = (s: Sheet) => normalizeHeader(readReport(values(s), s.getName()).municipality);
  for (const m of list.municipalities) {
    const base = REPORT_SHEETS.report(m.name);
    const candidates = [
      ...all.filter((s) => m.sheet && s.getName() === m.sheet),
      ...all.filter((s) => s.getName() === base || (s.getName().startsWith(base) && /^ \(\d+\)$/.test(s.getName().slice(base.length)))),
    ];
    const sheet = candidates.find((s) => !claimed.has(s.getName()) && names(s) === normalizeHeader(m.name));
    if (sheet) {
      out.set(m, sheet);
      claimed.add(sheet.getName());
    }
  }
  return out;
}

/** Records each municipality's sheet in «Лист отчёта» of «Муниципалитеты» (adding the column when missing), as text. */
function recordSheets(listSheet: Sheet, list: MunicipalityList, names: Map<Municipality, string>): void {
  if (!list.headerRow || !list.municipalities.length) return;
  let col = list.sheetColumn;
  if (!col) {
    const header = listSheet.getRange(list.headerRow, 1, 1, Math.max(1, listSheet.getLastColumn())).getValues()[0];
    let last = header.length;
    while (last > 0 && cellText(header[last - 1] as Cell) === '') last--;
    col = last + 1;
    listSheet.getRange(list.headerRow, col).setNumberFormats([['@']]);
    listSheet.getRange(list.headerRow, col).setValue(SHEET_COLUMN);
  }
  const first = list.headerRow + 1;
  const last = Math.max(...list.municipalities.map((m) => m.row));
  const range = listSheet.getRange(first, col, last - first + 1, 1);
  const cells = range.getValues().map((r) => [r[0]]);
  for (const [m, name] of names) cells[m.row - first] = [name];
  range.setNumberFormats(cells.map(() => ['@']));
  range.setValues(cells);
}

/** The quarter a new report is for: the one whose deadline comes next. */
export function reportQuarter(today: Ymd): Quarter {
  const last = lastEndedQuarter(today);
  return today <= quarterDeadline(last) ? last : quarterOf(today);
}

/**
 * Creates the missing report sheets and (re)applies the protections of all of them.
 * Run by the region's owner.
 */
export function createReports(env: ReportingEnv): CommandResult {
  const listSheet = findSheet(env, REPORT_SHEETS.municipalities);
  if (!listSheet) {
    const sheet = env.ss.insertSheet(REPORT_SHEETS.municipalities);
    sheet.getRange(1, 1, 3, 2).setValues([['Муниципалитет', 'Редакторы'], ['Регион', env.user], ['', '']]);
    return { ok: false, message: `Создан лист «${REPORT_SHEETS.municipalities}»: впишите муниципалитеты и адреса электронной почты их редакторов (через запятую); в строке «Регион» — адреса владельцев. Затем повторите команду.` };
  }
  const list = readMunicipalities(values(listSheet));
  const refused = notAnOwner(env, listSheet, list.owners, CREATE);
  if (refused) return { ok: false, message: refused };
  const errors = list.problems.filter((p) => p.severity === 'error');
  if (errors.length || !list.municipalities.length) {
    const lines = errors.map((p) => `строка ${p.row ?? '—'}: ${p.message}`);
    return { ok: false, message: `Лист «${REPORT_SHEETS.municipalities}»: ${lines.length ? lines.join('; ') : 'нет ни одного муниципалитета'}` };
  }
  const ownerList = owners(env, list.owners);
  const notes: string[] = list.problems.filter((p) => p.severity === 'warning').map((p) => p.message);
  const idName = latestIdentificationSheet(env.ss.getSheets().map((s) => s.getName()));
  const bySchool = idName ? schoolsByMunicipality(values(env.ss.getSheetByName(idName)!)) : new Map();
  if (!idName) notes.push('нет листа «Идентификация ГГГГ»: блок результатов школ пуст (выполните идентификацию и повторите)');
  const roadmapSheet = ROADMAP_SOURCES.map((n) => findSheet(env, n)).find(Boolean) ?? null;
  const items = roadmapSheet ? municipalItems(readRoadmaps(values(roadmapSheet), roadmapSheet.getName()).flatMap((r) => r.items)) : [];
  if (!roadmapSheet) notes.push(`нет листа дорожной карты (${ROADMAP_SOURCES.map((n) => `«${n}»`).join(', ')}): мероприятия в отчётах не перечислены`);
  const indicatorSheet = INDICATOR_SOURCES.map((n) => findSheet(env, n)).find(Boolean) ?? null;
  const indicators = indicatorSheet ? readIndicators(values(indicatorSheet), indicatorSheet.getName()).rows.filter((r) => r.name && r.plan !== null) : [];
  const quarter = reportQuarter(env.today);
  const created: string[] = [];
  const kept: string[] = [];
  const sheets = reportSheets(env, list);
  const taken = new Set(env.ss.getSheets().map((s) => s.getName()));
  const names = new Map<Municipality, string>();
  for (const m of list.municipalities) {
    let sheet = sheets.get(m) ?? null;
    if (sheet) kept.push(sheet.getName());
    else {
      // A new sheet never takes a name another sheet has: a municipality never shares another's sheet.
      const name = uniqueReportName(m.name, taken);
      taken.add(name);
      const year = idName ? Number(idName.replace(/\D/g, '')) : null;
      sheet = writeTemplate(env, reportSheet({
        municipality: m, sheetName: name, quarter, identificationYear: year, schools: bySchool.get(normalizeHeader(m.name)) ?? [], items, indicators,
      })).sheet;
      created.push(name);
    }
    names.set(m, sheet.getName());
    protectReport(env, sheet, m, ownerList);
  }
  recordSheets(listSheet, list, names);
  const registry = registeredArchives(env, listSheet) ?? adoptArchives(env, ownerList);
  dropProtections(env, listSheet);
  protect(env, listSheet, listDescription(registry), ownerList);
  const message = [
    `Листы отчётов за ${quarterLabel(quarter)} (срок ${fmtDate(quarterDeadline(quarter))}): создано ${created.length}, уже были ${kept.length} (их данные не тронуты, защита обновлена).`,
    `Каждый лист могут менять только редакторы своего муниципалитета и владельцы (${ownerList.join(', ') || 'владелец файла'}); результаты школ — только владельцы.`,
    'Не забудьте открыть доступ к файлу редакторам муниципалитетов (кнопка «Настройки доступа»): защита листов сама доступ к файлу не даёт.',
    ...notes.map((n) => `Примечание: ${n}`),
  ].join('\n');
  return { ok: true, message };
}

/** Marks the active report sheet as submitted today. Run by a municipality's editor. */
export function submitReport(env: ReportingEnv, sheet: Sheet): CommandResult {
  const name = sheet.getName();
  const reading = readReport(values(sheet), name);
  if (!reading.quarter || !reading.rows.submitted || !reading.rows.submittedOn) {
    return { ok: false, message: `Лист «${name}» — не лист отчёта муниципалитета: откройте свой лист «Отчёт …» и повторите.` };
  }
  const [y, m, d] = env.today.split('-').map(Number);
  try {
    sheet.getRange(reading.rows.submitted, 2).setValue(YES);
    sheet.getRange(reading.rows.submittedOn, 2).setValue(new Date(y, m - 1, d));
  } catch (e) {
    return { ok: false, message: `Нет прав на лист «${name}»: отчёт сдают редакторы этого муниципалитета. (${(e as Error).message})` };
  }
  const due = quarterDeadline(reading.quarter);
  const late = env.today > due;
  return {
    ok: true,
    message: `Отчёт за ${quarterLabel(reading.quarter)} отмечен как сданный ${fmtDate(env.today)}${late ? ` — с опозданием (срок был ${fmtDate(due)})` : ` (срок ${fmtDate(due)})`}.`
      + '\nДату сдачи фиксирует «Сбор отчётов» региона: отчёт считается сданным в день сбора, при котором он впервые отмечен сданным.',
  };
}

/**
 * The archive of a quarter, created when missing. Its protection is (re)applied on every run that
 * writes it (`reprotected` holds the archives done in this run), so a protection loosened by hand, or
 * set by a run of someone who is no longer an owner, does not stay.
 */
function archiveSheet(env: ReportingEnv, q: Quarter, ownerList: string[], reprotected: Set<string>, warnings: string[]): Sheet {
  const name = REPORT_SHEETS.archive(q);
  let sheet = env.ss.getSheetByName(name);
  if (sheet && !reprotected.has(name)) {
    const w = archiveWarning(env, sheet, ownerList);
    if (w) warnings.push(w);
  }
  if (!sheet) {
    sheet = env.ss.insertSheet(name);
    const title = archiveTitle(q);
    sheet.getRange(1, 1, title.length, 1).setValues(title);
    sheet.getRange(1, 1).setFontWeight('bold');
  }
  if (!reprotected.has(name)) {
    dropProtections(env, sheet);
    protect(env, sheet, `архив ${quarterLabel(q)}: только дополняется`, ownerList);
    reprotected.add(name);
  }
  return sheet;
}

/**
 * Number formats for copied values: text as plain text («@»), so that text a municipality typed
 * («=HYPERLINK(…)», «+A1», « =1+1») stays text: setValues parses a string starting with «=» as a
 * formula in any cell not formatted «@». Dates as dates, numbers and booleans as they are.
 */
export function copyFormats(rows: unknown[][]): string[][] {
  return rows.map((r) => r.map((c) => (typeof c === 'string' ? '@' : c instanceof Date ? 'dd.mm.yyyy' : 'General')));
}

/**
 * Whether an existing archive could have been changed by someone other than the owners: no
 * protection of ours (made by hand, or by someone else before the first collection), the domain
 * allowed, or editors who are not owners. Russian text, or null.
 */
function archiveWarning(env: ReportingEnv, sheet: Sheet, ownerList: string[]): string | null {
  const allowed = new Set([...ownerList, env.user.trim().toLowerCase()].filter(Boolean));
  const ps = sheet.getProtections(env.ProtectionType.SHEET).filter((p) => p.getDescription().startsWith(PROTECTION_TAG));
  const others = new Set<string>();
  let open = !ps.length;
  for (const p of ps) {
    if (p.canDomainEdit()) open = true;
    for (const u of p.getEditors()) {
      const e = u.getEmail().toLowerCase();
      if (e && !allowed.has(e)) others.add(e);
    }
  }
  if (!open && !others.size) return null;
  const who = others.size ? `: его могли менять ${[...others].join(', ')}` : ': его мог менять не только владелец';
  return `Внимание: лист «${sheet.getName()}» был защищён не так, как архив${who}. Защита восстановлена; проверьте его записи.`;
}

/** Appends a block to an archive; never touches rows already there. Text goes in as text (copyFormats). */
function appendToArchive(sheet: Sheet, block: Cell[][]): void {
  const width = Math.max(...block.map((r) => r.length), 1);
  const rows = block.map((r) => [...r, ...new Array(width - r.length).fill('')].map((c) => (c === null || c === undefined ? '' : c)));
  const range = sheet.getRange(sheet.getLastRow() + 1, 1, rows.length, width);
  range.setNumberFormats(copyFormats(rows));
  range.setValues(rows);
}

/** Moves a report sheet on to the next quarter: the quarter line, «Отчёт сдан» = нет, no date. */
function advance(sheet: Sheet, reading: ReportReading, to: Quarter): void {
  sheet.getRange(reading.rows.quarter!, 2).setValue(quarterLabel(to));
  sheet.getRange(reading.rows.submitted!, 2).setValue(NO);
  sheet.getRange(reading.rows.submittedOn!, 2).setValue('');
}

/**
 * Builds «Сбор отчётов» for a quarter (default: the last ended one) and appends the snapshots of
 * submitted reports to its archive. Run by the region's owner.
 */
export function collectReports(env: ReportingEnv, quarter?: Quarter): CommandResult {
  const q = quarter ?? lastEndedQuarter(env.today);
  const listSheet = findSheet(env, REPORT_SHEETS.municipalities);
  if (!listSheet) return { ok: false, message: `Нет листа «${REPORT_SHEETS.municipalities}»: сначала «Создать листы отчётов».` };
  const list = readMunicipalities(values(listSheet));
  const refused = notAnOwner(env, listSheet, list.owners, COLLECT);
  if (refused) return { ok: false, message: refused };
  const ownerList = owners(env, list.owners);
  const registry = registeredArchives(env, listSheet) ?? adoptArchives(env, ownerList);
  const strays = env.ss.getSheets().map((s) => s.getName()).filter((n) => ARCHIVE_NAME.test(n) && !registry.has(n));
  if (strays.length) {
    return {
      ok: false,
      message: `${strays.map((n) => `Лист «${n}»`).join(', ')} создан не командой «Сбор отчётов» (или его мог менять не только владелец), поэтому архивом не считается. Проверьте его, переименуйте или удалите и повторите сбор. Ничего не изменено.`,
    };
  }
  const rows: CollectedRow[] = [];
  const archived: string[] = [];
  const reprotected = new Set<string>();
  const warnings: string[] = [];
  const sheets = reportSheets(env, list);
  for (const m of list.municipalities) {
    const sheet = sheets.get(m) ?? null;
    const name = sheet ? sheet.getName() : REPORT_SHEETS.report(m.name);
    let reading = sheet ? readReport(values(sheet), name) : null;
    // A report for an earlier quarter, submitted late: it goes to that quarter's archive first.
    if (sheet && reading?.quarter && compareQuarters(reading.quarter, q) < 0 && reading.submitted) {
      const early = reading.quarter;
      const row = collectRow(m, name, reading, early, env.today);
      const arch = archiveSheet(env, early, ownerList, reprotected, warnings);
      if (!archivedMunicipalities(arch.getRange(1, 1, Math.max(1, arch.getLastRow()), 1).getValues().map((r) => r[0] as Cell)).has(normalizeHeader(m.name))) {
        appendToArchive(arch, archiveBlock(row, values(sheet), env.today));
        archived.push(`${m.name} (${quarterLabel(early)})`);
      }
      advance(sheet, reading, nextQuarter(early));
      protectReport(env, sheet, m, ownerList);
      reading = readReport(values(sheet), name);
    }
    let row = collectRow(m, sheet ? name : null, reading, q, env.today);
    const arch = env.ss.getSheetByName(REPORT_SHEETS.archive(q));
    const before = arch ? archivedStatus(values(arch), m.name) : null;
    if (before) {
      // Already archived (the sheet has moved on to the next quarter): the archive (owner-only) keeps the status.
      row = { ...row, status: before.status, submittedOn: before.submittedOn };
    }
    if (sheet && reading && (row.status === 'submitted' || row.status === 'late') && !before) {
      const a = archiveSheet(env, q, ownerList, reprotected, warnings);
      appendToArchive(a, archiveBlock(row, values(sheet), env.today));
      archived.push(m.name);
      if (reading.quarter && compareQuarters(reading.quarter, q) === 0) {
        advance(sheet, reading, nextQuarter(q));
        protectReport(env, sheet, m, ownerList);
      }
    }
    rows.push(row);
  }
  if (env.ss.getSheetByName(REPORT_SHEETS.archive(q))) archiveSheet(env, q, ownerList, reprotected, warnings);
  const known = new Set([...registry, ...reprotected]);
  const ps = listProtections(env, listSheet);
  if (!ps.length) protect(env, listSheet, listDescription(known), ownerList);
  else if (ps.some((p) => !p.getDescription().endsWith(listDescription(known)))) for (const p of ps) p.setDescription(`${PROTECTION_TAG} ${listDescription(known)}`);
  const { sheet } = writeTemplate(env, collectionSheet(rows, q, env.today));
  dropProtections(env, sheet);
  protect(env, sheet, 'сбор отчётов', ownerList);
  const count = (s: string) => rows.filter((r) => SUBMISSION_TEXT[r.status] === s).length;
  return {
    ok: true,
    message: `Сбор отчётов за ${quarterLabel(q)} (срок ${fmtDate(quarterDeadline(q))}): сдано в срок ${count(SUBMISSION_TEXT.submitted)}, с опозданием ${count(SUBMISSION_TEXT.late)}, не сдано ${count(SUBMISSION_TEXT.missing)}, ожидается ${count(SUBMISSION_TEXT.pending)}.`
      + (archived.length ? `\nВ архив добавлены снимки: ${archived.join(', ')}.` : '\nНовых снимков в архиве нет.')
      + warnings.map((w) => `\n${w}`).join(''),
  };
}
