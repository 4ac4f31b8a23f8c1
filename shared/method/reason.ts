/**
 * The one-line reason in Russian that every status carries, with its numbers and, last, its
 * conclusion in words: «индекс качества 0,82 (95% ДИ 0,77–0,87), группа 3; ИСБШ 0,91, группа 4;
 * вывод: индекс качества значимо ниже среднего по региону, социальные условия неблагоприятные».
 */
import { errorFunction } from 'simple-statistics';
import { NO_DATA, fmt, fmtPercent, NOUN, counted } from '../messages';
import type { Settings } from './settings';

export interface ReasonInput {
  qualityIndex: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  qualityGroup: number | null;
  participants: number;
  isbsh: number | null;
  isbshGroup: number | null;
  residual: number | null;
  contribution: 1 | 0 | -1 | null;
  federalLow: boolean;
  lowIndicators: string[];
  failShares: (number | null)[];
}

/** Confidence level of a two-sided interval ±z: 1.96 → 95. */
export function confidenceLevel(z: number): number {
  return Math.round(errorFunction(z / Math.SQRT2) * 1000) / 10;
}

/**
 * @example reasonLine(school, settings) // 'индекс качества 0,82 (95% ДИ 0,77–0,87), группа 3; ИСБШ 0,91, группа 4'
 */
export function reasonLine(s: ReasonInput, settings: ReasonSettings, indicators?: string[]): string {
  return reasonWriter(settings, indicators)(s);
}

type ReasonSettings = Pick<Settings, 'zCritical' | 'minParticipants' | 'failShare' | 'indicators'>;

/**
 * The reason line for many schools at once: what does not depend on the school (the confidence
 * level, the failure threshold, the indicators' positions) is worked out once.
 */
export function reasonWriter(settings: ReasonSettings, indicators?: string[]): (s: ReasonInput) => string {
  const level = String(confidenceLevel(settings.zCritical)).replace('.', ',');
  const federal = `доля не справившихся не менее ${fmt(settings.failShare * 100, 0)}%: `;
  const column = new Map((indicators ?? []).map((name, k) => [name, k] as const));
  return (s) => {
    // Pieces joined once: the line is stored as one flat string, not a chain of concatenations.
    const parts: string[] = [];
    if (s.qualityIndex === null) parts.push('нет результатов оценочных процедур');
    else {
      const ci = s.ciLow !== null && s.ciHigh !== null ? ` (${level}% ДИ ${fmt(s.ciLow)}–${fmt(s.ciHigh)})` : '';
      const group = s.qualityGroup !== null
        ? `группа ${s.qualityGroup}`
        : `${NO_DATA} (${counted(s.participants, NOUN.participant)}, нужно не менее ${settings.minParticipants})`;
      parts.push(`индекс качества ${fmt(s.qualityIndex)}${ci}, ${group}`);
    }
    parts.push(s.isbsh !== null ? `ИСБШ ${fmt(s.isbsh)}, группа ${s.isbshGroup ?? '—'}` : 'ИСБШ не рассчитан');
    if (s.contribution !== null && s.residual !== null && s.contribution !== 0) {
      parts.push(`вклад школы ${s.residual > 0 ? '+' : ''}${fmt(s.residual)} (${s.contribution > 0 ? 'выше' : 'ниже'} ожидаемого)`);
    }
    if (s.federalLow) {
      const list = s.lowIndicators.map((name) => {
        const k = column.get(name);
        const share = k !== undefined ? s.failShares[k] : null;
        return share !== null && share !== undefined ? `${name} — ${fmtPercent(share, 0)}` : name;
      });
      parts.push(federal + list.join(', '));
    }
    parts.push(conclusion(s));
    return parts.join('; ');
  };
}

/** The reason's last part: what the numbers mean, in words. */
export function conclusion(s: Pick<ReasonInput, 'qualityIndex' | 'ciLow' | 'ciHigh' | 'isbshGroup'>): string {
  const quality = s.qualityIndex === null
    ? 'результаты не оценены'
    : s.ciLow === null || s.ciHigh === null
      ? 'значимость отличия индекса качества от среднего не оценена'
      : s.ciHigh < 1
        ? 'индекс качества значимо ниже среднего по региону'
        : s.ciLow > 1
          ? 'индекс качества значимо выше среднего по региону'
          : 'отличие индекса качества от среднего по региону в пределах статистической погрешности';
  const social = s.isbshGroup !== null && s.isbshGroup <= 4 ? ', социальные условия неблагоприятные' : '';
  return `вывод: ${quality}${social}`;
}
