/**
 * Entry of the Apps Script project (webpack → dist/gas/Code.js) and the one place that exposes
 * globals: custom functions, menu commands and the sidebar's google.script.run calls. Apps Script
 * sees a function only when it is assigned here literally as `global.NAME = function NAME(…) {…}`:
 * gas-webpack-plugin writes a top-level stub for it with the JSDoc above the assignment (Sheets shows
 * that JSDoc while a custom function is typed). Keeping every assignment in the entry also lets
 * webpack concatenate the modules, which keeps Code.js small (Apps Script loads it on every custom
 * function call).
 *
 * Features live in their own modules (identification.ts, data-check.ts, …); to add
 * one, write gas/<feature>.ts exporting plain functions, expose them here and list its menu items
 * in MENU. Big features (input sheet templates, municipal reporting, programme templates, the
 * analytical note, imports)
 * are in the feature bundle (gas/features/ → Features.html), loaded on demand by features() from
 * gas/features-loader.ts, so Code.js stays small. Loading the bundle has no other effect.
 */
import {
  isbshColumn, isbshGroupColumn, isbshModelTable, lowResultsColumn, norGroupColumn, qualityIndexColumn, qualitySEColumn,
  schoolCategoryColumn, valueAddedColumn, objectivityMarkersColumn, cohortChangeTable, objectivityIndexTable,
} from '../shared/custom-functions';
import type { Settings } from '../shared/method/settings';
import type { ExportImportRequest, ImportRequest, ProgrammeTemplateKind } from '../wizard/bridge';
import { goToCell } from './data-check';
import { formula } from './functions';
import { menuShowHelp } from './help';
import { features } from './features-loader';
import { type MenuItem, buildMenu, command } from './menu';
import { REPORTS_MENU, TEMPLATES_MENU } from './reporting/menus';
import { menuOpenWizard, wizardLoadSettings, wizardProgress, wizardSaveSettings } from './wizard-server';

// Titles of the message boxes when the feature bundle does not load; the commands show the same titles themselves.
const REPORTS_TITLE = 'Отчёты муниципалитетов';
const TEMPLATES_TITLE = 'Шаблоны дорожных карт и показателей';
const CHECK_TITLE = 'Проверка данных';
const RUN_TITLE = 'Идентификация';

/** The «ШНОР» menu: groups separated by a line; each item calls a global below. */
export const MENU: MenuItem[][] = [
  [{ caption: 'Мастер идентификации…', functionName: 'shnorOpenWizard' }],
  [
    { caption: 'Создать листы-шаблоны', functionName: 'shnorCreateTemplates' },
    { caption: 'Проверить данные', functionName: 'shnorCheckData' },
    { caption: 'Выполнить идентификацию', functionName: 'shnorRunIdentification' },
  ],
  REPORTS_MENU,
  TEMPLATES_MENU,
  [{ caption: 'Справка', functionName: 'shnorShowHelp' }],
];

// ------------------------------------------------------------------ menu

/** Adds the «ШНОР» menu when the spreadsheet opens (a simple trigger: needs no authorisation). */
global.onOpen = function onOpen() {
  buildMenu(SpreadsheetApp.getUi(), MENU);
};
global.shnorOpenWizard = function shnorOpenWizard() {
  menuOpenWizard();
};
global.shnorCreateTemplates = function shnorCreateTemplates() {
  featureCommand('Шаблоны листов', (f) => f.menuCreateTemplates());
};
global.shnorCheckData = function shnorCheckData() {
  featureCommand(CHECK_TITLE, (f) => f.menuCheckData());
};
global.shnorRunIdentification = function shnorRunIdentification() {
  featureCommand(RUN_TITLE, (f) => f.menuRunIdentification());
};
global.shnorShowHelp = function shnorShowHelp() {
  menuShowHelp();
};

// ------------------------------------------------------------------ the feature bundle (Features.html, gas/features/)
// Municipal reporting, programme templates, the analytical note and the importers are loaded on
// demand (gas/features-loader.ts), so they do not weigh on custom function calls.

/**
 * A menu command of the feature bundle. The command shows its own messages and failures (under the
 * same title); here only a failure to load the bundle is shown, like any other failure.
 */
function featureCommand(title: string, run: (f: ReturnType<typeof features>) => void): void {
  let f: ReturnType<typeof features> | undefined;
  command(title, () => { f = features(); });
  if (f) run(f);
}

global.shnorReportsCreate = function shnorReportsCreate() {
  featureCommand(REPORTS_TITLE, (f) => f.reportsCreate());
};
global.shnorReportsSubmit = function shnorReportsSubmit() {
  featureCommand(REPORTS_TITLE, (f) => f.reportsSubmit());
};
global.shnorReportsCollect = function shnorReportsCollect() {
  featureCommand(REPORTS_TITLE, (f) => f.reportsCollect());
};
global.shnorTemplateRegionalRoadmap = function shnorTemplateRegionalRoadmap() {
  featureCommand(TEMPLATES_TITLE, (f) => f.template('regional-roadmap'));
};
global.shnorTemplateProgrammeRoadmap = function shnorTemplateProgrammeRoadmap() {
  featureCommand(TEMPLATES_TITLE, (f) => f.template('programme-roadmap'));
};
global.shnorTemplateMunicipalProgramme = function shnorTemplateMunicipalProgramme() {
  featureCommand(TEMPLATES_TITLE, (f) => f.template('municipal-programme'));
};
global.shnorTemplateSchoolRoadmaps = function shnorTemplateSchoolRoadmaps() {
  featureCommand(TEMPLATES_TITLE, (f) => f.template('school-roadmaps'));
};
global.shnorTemplateTargetIndicators = function shnorTemplateTargetIndicators() {
  featureCommand(TEMPLATES_TITLE, (f) => f.template('target-indicators'));
};

// ------------------------------------------------------------------ the sidebar (gas/sidebar/gas-bridge.ts)

global.shnorWizardCheckData = function shnorWizardCheckData() {
  return features().wizardCheckData();
};
global.shnorWizardCreateTemplates = function shnorWizardCreateTemplates() {
  return features().createTemplates();
};
global.shnorWizardSelectCell = function shnorWizardSelectCell(sheet: string, cell: string) {
  goToCell(sheet, cell);
};
global.shnorWizardListSheets = function shnorWizardListSheets() {
  return features().wizardListSheets();
};
global.shnorWizardImportResults = function shnorWizardImportResults(request: ImportRequest) {
  return features().wizardImportResults(request);
};
global.shnorWizardLoadSettings = function shnorWizardLoadSettings() {
  return wizardLoadSettings();
};
global.shnorWizardSaveSettings = function shnorWizardSaveSettings(settings: Partial<Settings>) {
  wizardSaveSettings(settings);
};
global.shnorWizardCandidateFactors = function shnorWizardCandidateFactors(settings: Partial<Settings>) {
  return features().wizardCandidateFactors(settings);
};
global.shnorWizardRun = function shnorWizardRun(settings: Partial<Settings>, token?: string) {
  return features().wizardRunWithProgress(settings, token);
};
global.shnorWizardProgress = function shnorWizardProgress() {
  return wizardProgress();
};
global.shnorWizardAnalyticalNote = function shnorWizardAnalyticalNote(settings: Partial<Settings>, options: { cards: boolean }) {
  return features().analyticalNote(settings, options);
};
global.shnorWizardInsertProgrammeTemplate = function shnorWizardInsertProgrammeTemplate(
  kind: ProgrammeTemplateKind, settings: Partial<Settings>, options: { start?: number },
) {
  return features().insertProgrammeTemplate(kind, settings, options);
};
global.shnorWizardImportExport = function shnorWizardImportExport(request: ExportImportRequest) {
  return features().importExport(request);
};

// ------------------------------------------------------------------ custom functions (shared/custom-functions.ts)

/**
 * Индекс качества для каждой школы: каждый показатель делится на своё среднее по всем школам (по непустым ячейкам), затем берётся среднее по показателям, которые есть у школы. 1 — средний уровень региона. Пустые строки остаются пустыми.
 *
 * Пример: =QUALITY_INDEX(C2:J300)
 *
 * @param {number[][]} means Средние баллы: строки — школы, столбцы — показатели (ВПР, ОГЭ, ЕГЭ). Пустая ячейка — нет результата.
 * @return {number[][]} Индекс качества: по одному значению на строку.
 * @customfunction
 */
global.QUALITY_INDEX = function QUALITY_INDEX(means: unknown) {
  return formula(() => qualityIndexColumn(means as never));
};

/**
 * Стандартная ошибка индекса качества для каждой школы. Где стандартное отклонение школы не указано, берётся объединённое внутришкольное отклонение показателя.
 *
 * Пример: =QUALITY_SE(C2:J300; K2:R300; S2:Z300)
 *
 * @param {number[][]} means Средние баллы: строки — школы, столбцы — показатели.
 * @param {number[][]} participants Число участников: такой же диапазон, как means.
 * @param {number[][]} sds Необязательно. Стандартные отклонения баллов внутри школ: такой же диапазон, как means.
 * @return {any[][]} Стандартная ошибка индекса качества: по одному значению на строку.
 * @customfunction
 */
global.QUALITY_SE = function QUALITY_SE(means: unknown, participants: unknown, sds?: unknown) {
  return formula(() => qualitySEColumn(means as never, participants as never, sds as never));
};

/**
 * Группа школы по индексу качества по 11-групповой шкале (6 — средняя, 1–5 — ниже среднего, 7–11 — выше). С указанной стандартной ошибкой действует проверка значимости |z| не менее 1,96: незначимое отличие — группа 6.
 *
 * Пример: =NOR_GROUP(AA2:AA300; AB2:AB300)
 *
 * @param {number[][]} quality_index Индекс качества (столбец, например результат QUALITY_INDEX).
 * @param {number[][]} se Необязательно. Стандартная ошибка индекса (результат QUALITY_SE).
 * @return {any[][]} Группа от 1 до 11 для каждой школы.
 * @customfunction
 */
global.NOR_GROUP = function NOR_GROUP(quality_index: unknown, se?: unknown) {
  return formula(() => norGroupColumn(quality_index as never, se as never));
};

/**
 * Индекс социального благополучия школы (ИСБШ): индекс качества, ожидаемый по социальным факторам (линейная регрессия), делённый на его среднее. 1 — средний уровень. Пусто, если у школы заполнены не все факторы.
 *
 * Пример: =ISBSH(AA2:AA300; AC2:AE300)
 *
 * @param {number[][]} quality_index Индекс качества (столбец).
 * @param {number[][]} factors Социальные факторы, % — по столбцу на фактор (например, родители с высшим образованием, на учёте в КДН и ПДН, неполные семьи).
 * @return {any[][]} ИСБШ для каждой школы.
 * @customfunction
 */
global.ISBSH = function ISBSH(quality_index: unknown, factors: unknown) {
  return formula(() => isbshColumn(quality_index as never, factors as never));
};

/**
 * Группа школы по ИСБШ по 11-групповой шкале без проверки значимости. Группы 1–4 — неблагоприятные социальные условия (ШФНСУ).
 *
 * Пример: =ISBSH_GROUP(AF2:AF300)
 *
 * @param {number[][]} isbsh ИСБШ (столбец, например результат функции ISBSH).
 * @return {any[][]} Группа от 1 до 11 для каждой школы.
 * @customfunction
 */
global.ISBSH_GROUP = function ISBSH_GROUP(isbsh: unknown) {
  return formula(() => isbshGroupColumn(isbsh as never));
};

/**
 * Вклад школы: индекс качества минус ожидаемый по социальным факторам (остаток регрессии). Больше 0 — результат выше ожидаемого в таких условиях.
 *
 * Пример: =VALUE_ADDED(AA2:AA300; AC2:AE300)
 *
 * @param {number[][]} quality_index Индекс качества (столбец).
 * @param {number[][]} factors Социальные факторы, % — по столбцу на фактор.
 * @return {any[][]} Вклад школы для каждой строки.
 * @customfunction
 */
global.VALUE_ADDED = function VALUE_ADDED(quality_index: unknown, factors: unknown) {
  return formula(() => valueAddedColumn(quality_index as never, factors as never));
};

/**
 * Модель ИСБШ: таблица регрессии индекса качества на социальные факторы, как ЛИНЕЙН, но с подписями: для каждого фактора b, стандартная ошибка, t, p и стандартизованный β; затем R², скорректированный R², n и СО остатков.
 *
 * Пример: =ISBSH_MODEL(AA2:AA300; AC2:AE300; AC1:AE1)
 *
 * @param {number[][]} quality_index Индекс качества (столбец).
 * @param {number[][]} factors Социальные факторы, % — по столбцу на фактор.
 * @param {string[][]} factor_names Необязательно. Названия факторов (например, строка заголовков над factors).
 * @return {any[][]} Таблица модели (6 столбцов).
 * @customfunction
 */
global.ISBSH_MODEL = function ISBSH_MODEL(quality_index: unknown, factors: unknown, factor_names?: unknown) {
  return formula(() => isbshModelTable(quality_index as never, factors as never, factor_names as never));
};

/**
 * Федеральный критерий низких результатов: ИСТИНА, если хотя бы по одному показателю не справились не меньше порога (30%) при числе участников не меньше минимума (5).
 *
 * Пример: =LOW_RESULTS(K2:R300; S2:Z300; 30; 5)
 *
 * @param {number[][]} fails Не справились (получили «2» или ниже минимума): строки — школы, столбцы — показатели.
 * @param {number[][]} participants Число участников: такой же диапазон, как fails.
 * @param {number} threshold Необязательно. Порог доли не справившихся: 30, «30%» или 0,3. По умолчанию 30%.
 * @param {number} min_participants Необязательно. Минимум участников в показателе. По умолчанию 5.
 * @return {any[][]} ИСТИНА или ЛОЖЬ для каждой школы.
 * @customfunction
 */
global.LOW_RESULTS = function LOW_RESULTS(fails: unknown, participants: unknown, threshold?: unknown, min_participants?: unknown) {
  return formula(() => lowResultsColumn(fails as never, participants as never, threshold as never, min_participants as never));
};

/**
 * Категория школы для поддержки по двум группам: «ШНОР и ШФНСУ», «ШНОР», «ШФНСУ», «резильентная», «высокие результаты», «средние» (региональный метод: ШНОР — группы качества 1–5, ШФНСУ — группы ИСБШ 1–4).
 *
 * Пример: =SCHOOL_CATEGORY(AG2:AG300; AH2:AH300)
 *
 * @param {number[][]} nor_group Группа по индексу качества (1–11, результат NOR_GROUP).
 * @param {number[][]} isbsh_group Группа по ИСБШ (1–11, результат ISBSH_GROUP).
 * @return {any[][]} Категория для каждой школы.
 * @customfunction
 */
global.SCHOOL_CATEGORY = function SCHOOL_CATEGORY(nor_group: unknown, isbsh_group: unknown) {
  return formula(() => schoolCategoryColumn(nor_group as never, isbsh_group as never));
};

/**
 * Признаки необъективности результатов по методике Рособрнадзора для каждой школы: «завышенный средний балл», если нижняя граница 95% интервала школы выше верхней границы по региону (среднее и СО региона объединяются по всем участникам строк), и «rₛ с журналом < 0», если ранговая корреляция отметок по журналу с первичным баллом отрицательна. «нет» — признаков нет; «недостаточно данных» — участников меньше минимума или нет стандартного отклонения. Признак «завышенный средний балл» отмечает и просто сильные школы: это повод проверить, а не вывод.
 *
 * Пример: =OBJECTIVITY_MARKERS(C2:H300; I2:N300; O2:T300; U2:Z300; C1:H1; 5)
 *
 * @param {number[][]} means Средние баллы (для ВПР — первичный балл): строки — школы, столбцы — процедуры.
 * @param {number[][]} sds Стандартные отклонения балла внутри школ: такой же диапазон, как means.
 * @param {number[][]} participants Число участников: такой же диапазон, как means.
 * @param {number[][]} spearman Необязательно. Корреляция Спирмена отметок по журналу с первичным баллом, такой же диапазон (пусто — нет данных).
 * @param {string[][]} names Необязательно. Названия процедур (например, строка заголовков над means).
 * @param {number} min_participants Необязательно. Минимум участников для признака. По умолчанию 5.
 * @return {any[][]} Признаки для каждой школы.
 * @customfunction
 */
global.OBJECTIVITY_MARKERS = function OBJECTIVITY_MARKERS(means: unknown, sds: unknown, participants: unknown, spearman?: unknown, names?: unknown, min_participants?: unknown) {
  return formula(() => objectivityMarkersColumn(means as never, sds as never, participants as never, spearman as never, names as never, min_participants as never));
};

/**
 * Резкое изменение результатов одной когорты (методика Рособрнадзора): K = S(4 класс, прошлый год) / S(5 класс, этот год), S — средний процент выполнения. Два столбца: K и «резкий рост» (K ниже Q25 − 3·IQR), «резкое снижение» (K выше Q75 + 3·IQR), «нет» или «недостаточно данных». Квартили — линейной интерполяцией, как КВАРТИЛЬ.ВКЛ.
 *
 * Пример: =COHORT_CHANGE(C2:C300; D2:D300; E2:E300; F2:F300; 5)
 *
 * @param {number[][]} s4_previous Средний процент выполнения ВПР в 4 классе прошлого года (столбец).
 * @param {number[][]} s5_current Средний процент выполнения ВПР в 5 классе этого года (столбец).
 * @param {number[][]} participants4 Необязательно. Участников в 4 классе прошлого года.
 * @param {number[][]} participants5 Необязательно. Участников в 5 классе этого года.
 * @param {number} min_participants Необязательно. Минимум участников в обоих классах. По умолчанию 5.
 * @return {any[][]} K и вывод для каждой школы (2 столбца).
 * @customfunction
 */
global.COHORT_CHANGE = function COHORT_CHANGE(s4_previous: unknown, s5_current: unknown, participants4?: unknown, participants5?: unknown, min_participants?: unknown) {
  return formula(() => cohortChangeTable(s4_previous as never, s5_current as never, participants4 as never, participants5 as never, min_participants as never));
};

/**
 * Индекс объективности (методика Рособрнадзора): 100 − доля школ хотя бы с одним признаком необъективности, %, среди школ, где рассчитан хотя бы один признак. С муниципалитетами — таблица: индекс каждого муниципалитета и «Регион в целом».
 *
 * Пример: =OBJECTIVITY_INDEX(AA2:AB300; C2:C300)
 *
 * @param {any[][]} markers Признаки: результаты OBJECTIVITY_MARKERS и COHORT_CHANGE или столбцы листа «Объективность» («да», «нет», «недостаточно данных»).
 * @param {string[][]} municipalities Необязательно. Муниципалитет каждой школы (столбец той же высоты).
 * @return {any[][]} Индекс объективности (число или таблица по муниципалитетам).
 * @customfunction
 */
global.OBJECTIVITY_INDEX = function OBJECTIVITY_INDEX(markers: unknown, municipalities?: unknown) {
  return formula(() => objectivityIndexTable(markers as never, municipalities as never));
};
