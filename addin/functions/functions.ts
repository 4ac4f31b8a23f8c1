/// <reference types="custom-functions-runtime" />
/**
 * The SHNOR.* custom functions of Excel: thin wrappers over shared/custom-functions.ts (the same
 * implementation as the Google Sheets functions). functions.json is generated from the JSDoc
 * below by custom-functions-metadata-plugin; its loader appends the CustomFunctions.associate
 * calls. A FormulaError becomes #VALUE! with the Russian message Excel shows on the cell.
 */
import {
  FormulaError, isbshColumn, isbshGroupColumn, isbshModelTable, lowResultsColumn, norGroupColumn, qualityIndexColumn, qualitySEColumn,
  schoolCategoryColumn, valueAddedColumn, objectivityMarkersColumn, cohortChangeTable, objectivityIndexTable,
} from '../../shared/custom-functions';

// Outside Excel (the task pane opened in a plain browser) there is no CustomFunctions runtime:
// keep the appended associate() calls harmless there.
if (typeof CustomFunctions === 'undefined') {
  (globalThis as Record<string, unknown>).CustomFunctions = { associate: () => undefined };
}

/** Excel passes an omitted optional argument as null or undefined. */
function given<T>(x: T | null | undefined): T | undefined {
  return x === null || x === undefined ? undefined : x;
}

function excel<T>(compute: () => T): T {
  try {
    return compute();
  } catch (e) {
    if (e instanceof FormulaError) throw new CustomFunctions.Error(CustomFunctions.ErrorCode.invalidValue, e.message);
    throw e;
  }
}

/**
 * Индекс качества: каждый столбец (показатель) делится на своё среднее по непустым ячейкам, затем берётся среднее по непустым показателям строки. Пустые строки остаются пустыми.
 * @customfunction QUALITY_INDEX
 * @param means Средние баллы: строки — школы, столбцы — показатели (например, C2:J300).
 * @returns Столбец индексов качества, по одному на школу.
 */
export function qualityIndex(means: any[][]): any[][] {
  return excel(() => qualityIndexColumn(means));
}

/**
 * Стандартная ошибка индекса качества; где стандартное отклонение школы не указано, берётся объединённое внутришкольное.
 * @customfunction QUALITY_SE
 * @param means Средние баллы: строки — школы, столбцы — показатели.
 * @param participants Число участников, того же размера, что и means.
 * @param [sds] Стандартные отклонения баллов, того же размера (необязательно).
 * @returns Столбец стандартных ошибок.
 */
export function qualitySE(means: any[][], participants: any[][], sds?: any[][]): any[][] {
  return excel(() => qualitySEColumn(means, participants, given(sds)));
}

/**
 * Группа 1–11 по индексу качества (шаг 0,5 σ от среднего); с se — сначала проверка значимости |z| не менее 1,96: незначимое отклонение даёт группу 6.
 * @customfunction NOR_GROUP
 * @param qualityIndex Столбец индексов качества.
 * @param [se] Столбец стандартных ошибок (необязательно).
 * @returns Столбец групп 1–11.
 */
export function norGroup(qualityIndex: any[][], se?: any[][]): any[][] {
  return excel(() => norGroupColumn(qualityIndex, given(se)));
}

/**
 * Индекс социального благополучия школы (ИСБШ): ожидаемый по социальным факторам индекс качества, делённый на его среднее. Пусто, если у школы нет всех факторов.
 * @customfunction ISBSH
 * @param qualityIndex Столбец индексов качества.
 * @param factors Социальные факторы: строки — школы, столбцы — факторы (например, доля родителей с высшим образованием, %).
 * @returns Столбец ИСБШ.
 */
export function isbsh(qualityIndex: any[][], factors: any[][]): any[][] {
  return excel(() => isbshColumn(qualityIndex, factors));
}

/**
 * Группа 1–11 по ИСБШ (шаг 0,5 σ от среднего); группы 1–4 — неблагоприятные социальные условия.
 * @customfunction ISBSH_GROUP
 * @param isbsh Столбец ИСБШ.
 * @returns Столбец групп 1–11.
 */
export function isbshGroup(isbsh: any[][]): any[][] {
  return excel(() => isbshGroupColumn(isbsh));
}

/**
 * Вклад школы: индекс качества минус ожидаемый по социальным факторам (остаток регрессии).
 * @customfunction VALUE_ADDED
 * @param qualityIndex Столбец индексов качества.
 * @param factors Социальные факторы: строки — школы, столбцы — факторы.
 * @returns Столбец вкладов школ.
 */
export function valueAdded(qualityIndex: any[][], factors: any[][]): any[][] {
  return excel(() => valueAddedColumn(qualityIndex, factors));
}

/**
 * Модель ИСБШ: таблица коэффициентов (b, стандартная ошибка, t, p, β по каждому фактору), затем R², скорректированный R², n и СО остатков.
 * @customfunction ISBSH_MODEL
 * @param qualityIndex Столбец индексов качества.
 * @param factors Социальные факторы: строки — школы, столбцы — факторы.
 * @param [factorNames] Названия факторов, по одному на столбец factors (необязательно).
 * @returns Таблица модели с подписями.
 */
export function isbshModel(qualityIndex: any[][], factors: any[][], factorNames?: any[][]): any[][] {
  return excel(() => isbshModelTable(qualityIndex, factors, given(factorNames)));
}

/**
 * Федеральный критерий низких результатов: ИСТИНА, если хотя бы по одному показателю участников не меньше минимума и доля не справившихся не меньше порога.
 * @customfunction LOW_RESULTS
 * @param fails Число не справившихся: строки — школы, столбцы — показатели.
 * @param participants Число участников, того же размера.
 * @param [threshold] Порог доли не справившихся: 30, «30%» или 0,3 (по умолчанию 30%).
 * @param [minParticipants] Минимум участников в показателе (по умолчанию 5).
 * @returns Столбец ИСТИНА/ЛОЖЬ.
 */
export function lowResults(fails: any[][], participants: any[][], threshold?: any, minParticipants?: any): any[][] {
  return excel(() => lowResultsColumn(fails, participants, given(threshold), given(minParticipants)));
}

/**
 * Категория школы по группам качества и ИСБШ: «ШНОР и ШФНСУ», «ШНОР», «ШФНСУ», «резильентная», «высокие результаты» или «средние».
 * @customfunction SCHOOL_CATEGORY
 * @param norGroup Столбец групп качества 1–11.
 * @param isbshGroup Столбец групп ИСБШ 1–11.
 * @returns Столбец категорий.
 */
export function schoolCategory(norGroup: any[][], isbshGroup: any[][]): any[][] {
  return excel(() => schoolCategoryColumn(norGroup, isbshGroup));
}

/**
 * Признаки необъективности по методике Рособрнадзора: «завышенный средний балл» (нижняя граница 95% интервала школы выше верхней границы по региону) и «rₛ с журналом < 0»; «нет» или «недостаточно данных». Завышенный балл отмечает и просто сильные школы: это повод проверить.
 * @customfunction OBJECTIVITY_MARKERS
 * @param means Средние баллы (для ВПР — первичный): строки — школы, столбцы — процедуры.
 * @param sds Стандартные отклонения балла внутри школ, того же размера.
 * @param participants Число участников, того же размера.
 * @param [spearman] Корреляция Спирмена отметок по журналу с первичным баллом, того же размера (необязательно).
 * @param [names] Названия процедур, по одному на столбец (необязательно).
 * @param [minParticipants] Минимум участников для признака (по умолчанию 5).
 * @returns Столбец признаков.
 */
export function objectivityMarkers(means: any[][], sds: any[][], participants: any[][], spearman?: any[][], names?: any[][], minParticipants?: any): any[][] {
  return excel(() => objectivityMarkersColumn(means, sds, participants, given(spearman), given(names), given(minParticipants)));
}

/**
 * Резкое изменение результатов когорты: K = S(4 класс, прошлый год) / S(5 класс, этот год) и вывод «резкий рост» (ниже Q25 − 3·IQR), «резкое снижение» (выше Q75 + 3·IQR), «нет» или «недостаточно данных».
 * @customfunction COHORT_CHANGE
 * @param s4Previous Средний процент выполнения ВПР в 4 классе прошлого года (столбец).
 * @param s5Current Средний процент выполнения ВПР в 5 классе этого года (столбец).
 * @param [participants4] Участников в 4 классе прошлого года (необязательно).
 * @param [participants5] Участников в 5 классе этого года (необязательно).
 * @param [minParticipants] Минимум участников в обоих классах (по умолчанию 5).
 * @returns Два столбца: K и вывод.
 */
export function cohortChange(s4Previous: any[][], s5Current: any[][], participants4?: any[][], participants5?: any[][], minParticipants?: any): any[][] {
  return excel(() => cohortChangeTable(s4Previous, s5Current, given(participants4), given(participants5), given(minParticipants)));
}

/**
 * Индекс объективности: 100 − доля школ хотя бы с одним признаком, % (по школам, где рассчитан хотя бы один признак); с муниципалитетами — таблица по муниципалитетам и «Регион в целом».
 * @customfunction OBJECTIVITY_INDEX
 * @param markers Признаки: результаты OBJECTIVITY_MARKERS, COHORT_CHANGE или столбцы листа «Объективность».
 * @param [municipalities] Муниципалитет каждой школы (необязательно).
 * @returns Индекс объективности или таблица по муниципалитетам.
 */
export function objectivityIndexFn(markers: any[][], municipalities?: any[][]): any[][] {
  return excel(() => objectivityIndexTable(markers, given(municipalities)));
}
