/**
 * A record behind a computed actual as the metric repositories read it: codes and names only,
 * no display text. `presentKpiRecord` (programs.presenter.ts) turns it into the drill-down's
 * label in the request's language, with the labels of @banso/shared's vocabulary.
 */
interface Common {
  id: string;
  /** When the counted event happened (ISO 8601). */
  at: string;
  /** What the record adds for a sum. */
  value: number | null;
}

export type KpiRecordRow =
  /** A registered company (企業登録数, sums of its employees or capital). */
  | (Common & { entity: 'company'; name: string; visits?: undefined })
  /** A company counted by 訪問企業数, at its first counted visit, with its counted visits. */
  | (Common & { entity: 'company'; name: string; visits: number })
  /** A visit: its company, its kind (a code) and its Asia/Tokyo day. */
  | (Common & { entity: 'visit'; company: string; kind: string; day: string })
  /** A follow-up or a match: its company and its title. */
  | (Common & { entity: 'follow_up' | 'match'; company: string; title: string });

export interface KpiRecordRows {
  total: number;
  items: KpiRecordRow[];
}
