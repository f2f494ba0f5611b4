import { defineVocabulary } from './define';

/** 事業・KPI: the wording of the KPI editor. */

/** The units the report prints; `free` lets the KPI carry its own unit label (社, 回, % …). */
export const KPI_UNIT = defineVocabulary('kpi_unit', ['件', '人', '千円', '万人', '歳', 'free'], {
  件: { ja: '件', en: '件' },
  人: { ja: '人', en: '人' },
  千円: { ja: '千円', en: '千円' },
  万人: { ja: '万人', en: '万人' },
  歳: { ja: '歳', en: '歳' },
  free: { ja: 'その他（自由入力）', en: 'Other (free text)' },
});

/** fiscal: April–March (年度); calendar: January–December (観光統計 count by 暦年). */
export const COUNTING_BASIS = defineVocabulary('counting_basis', ['fiscal', 'calendar'], {
  fiscal: { ja: '年度（4月～翌3月）', en: 'Fiscal year (April–March)' },
  calendar: { ja: '暦年（1月～12月）', en: 'Calendar year (January–December)' },
});

/** increase: achieved when actual ≥ plan; decrease: achieved when actual ≤ plan. */
export const KPI_DIRECTION = defineVocabulary('kpi_direction', ['increase', 'decrease'], {
  increase: { ja: '実績が計画以上で達成', en: 'the actual is at least the plan' },
  decrease: {
    ja: '実績が計画以下で達成（少ないほど良い）',
    en: 'the actual is at most the plan (lower is better)',
  },
});

/** actual: 事業費 (spent); budget: 予算 (planned). */
export const BUDGET_FIGURE = defineVocabulary('budget_figure', ['actual', 'budget'], {
  actual: { ja: '事業費（実績）', en: 'Cost (spent)' },
  budget: { ja: '予算', en: 'Budget' },
});
