import {
  COMPANY_KIND,
  type CompanyCreate,
  type CompanyKind,
  toCorporateNumber,
} from '@banso/shared';
import { DEMO_AREAS } from './demo-areas';
import { INDUSTRIES, type Industry } from './demo-industries';
import {
  BRAND_PREFIXES,
  COMMON_TAGS,
  GIVEN_NAMES,
  LEGAL_FORMS,
  type LegalForm,
  PLACE_PREFIXES,
  SURNAMES,
  type Word,
} from './demo-words';
import { createRng, type Rng } from './prng';

/**
 * Fictional (架空) companies for demos, tests and benchmarks.
 *
 * Everything is synthetic and deterministic: the same (count, seed) gives the same companies on
 * every machine, and the first k companies of a run do not depend on count. Names are composed
 * from parts (a place, surname or brand + an industry word + a suffix, with a legal form) and
 * their readings from the same parts. A composed name can by chance equal a real company's name
 * somewhere in Japan, so every demo company is marked: the tag 架空, a description that starts
 * with 【架空のデモデータ】, a website under the reserved `.example` domain, and a 法人番号 from
 * a synthetic range.
 *
 * 法人番号: check digit + '9999' + an 8-digit serial (the company's position, from 1). The check
 * digit is computed like a real one, so the numbers pass validation, but they were not issued by
 * the National Tax Agency; the run of nines makes them easy to spot.
 */

/** The tag on every demo company. */
export const DEMO_TAG = '架空';
/** First four digits of the 12-digit base of every demo 法人番号 (after the check digit). */
export const DEMO_CORPORATE_NUMBER_BASE_PREFIX = '9999';
/** Ages and years are computed as of this year, so the output never depends on the clock. */
export const DEMO_REFERENCE_YEAR = 2025;

export interface DemoCompanyOptions {
  /** Year that ages and founding years are relative to (default DEMO_REFERENCE_YEAR). */
  referenceYear?: number;
}

/** The 法人番号 of the n-th demo company (n from 1). */
export function demoCorporateNumber(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 99_999_999)
    throw new RangeError(`demo serial out of range: ${n}`);
  return toCorporateNumber(`${DEMO_CORPORATE_NUMBER_BASE_PREFIX}${String(n).padStart(8, '0')}`);
}

const join = (...words: Word[]): Word => [
  words.map((x) => x[0]).join(''),
  words.map((x) => x[1]).join(''),
];

const withForm = (core: string, form: LegalForm) =>
  form.position === 'before'
    ? `${form.form}${core}`
    : form.position === 'after'
      ? `${core}${form.form}`
      : core;

const PREFIX_SOURCES = [
  [PLACE_PREFIXES, 55],
  [SURNAMES, 30],
  [BRAND_PREFIXES, 15],
] as const;

interface Taken {
  /** Names without legal form. */
  cores: Set<string>;
  names: Set<string>;
}

/**
 * prefix + core + suffix (多摩川 + 精密 + 工業) plus the legal form. The full name is unique in the
 * run; the name without legal form is kept unique too while that is easy (small runs), so that
 * 株式会社X and X有限会社 rarely both appear. Very large runs fall back to longer names.
 */
function composeName(
  rng: Rng,
  industry: Industry,
  form: LegalForm,
  taken: Taken,
): { name: string; kana: string } {
  const draw = (): Word =>
    join(
      rng.pick(rng.weighted(PREFIX_SOURCES)),
      rng.pick(industry.cores),
      rng.pick(industry.suffixes),
    );
  for (let attempt = 0; attempt < 40; attempt++) {
    const [core, kana] = draw();
    const name = withForm(core, form);
    if (!taken.names.has(name) && (attempt >= 8 || !taken.cores.has(core))) {
      taken.cores.add(core);
      taken.names.add(name);
      return { name, kana };
    }
  }
  for (let attempt = 0; attempt < 100_000; attempt++) {
    const [core, kana] = join(
      rng.pick(PLACE_PREFIXES),
      rng.pick(BRAND_PREFIXES),
      rng.pick(industry.cores),
      rng.pick(industry.suffixes),
    );
    const name = withForm(core, form);
    if (!taken.names.has(name)) {
      taken.names.add(name);
      return { name, kana };
    }
  }
  throw new Error('demo company names exhausted');
}

const FORM_WEIGHTS: Record<'sme' | 'startup' | 'large', readonly (readonly [LegalForm, number])[]> =
  {
    sme: LEGAL_FORMS.map((f) => [f, f.weight] as const),
    startup: LEGAL_FORMS.filter((f) => f.form === '株式会社' || f.form === '合同会社').map(
      (f) => [f, f.weight] as const,
    ),
    large: LEGAL_FORMS.filter((f) => f.form === '株式会社').map((f) => [f, f.weight] as const),
  };

function legalFormFor(rng: Rng, kind: CompanyKind): LegalForm {
  return rng.weighted(FORM_WEIGHTS[kind === 'startup' || kind === 'large' ? kind : 'sme']);
}

function foundedYear(rng: Rng, kind: CompanyKind, form: LegalForm, year: number): number {
  if (kind === 'startup') return rng.int(Math.max(2006, year - 12), year - 1);
  // No new 有限会社 since the Companies Act of May 2006; 合同会社 exist only since then.
  if (form.form === '有限会社') return rng.int(1950, 2005);
  if (form.form === '合同会社') return rng.int(2006, year - 1);
  const era = rng.weighted([
    [[1946, 1969], 30],
    [[1970, 1989], 35],
    [[1990, 2009], 22],
    [[2010, year - 1], 13],
  ] as const);
  return rng.int(era[0], era[1]);
}

function employeesFor(rng: Rng, kind: CompanyKind): number {
  if (kind === 'large') return rng.int(300, 3000);
  if (kind === 'startup') return rng.int(1, 30);
  const [min, max] = rng.weighted([
    [[1, 4], 25],
    [[5, 9], 22],
    [[10, 19], 20],
    [[20, 49], 18],
    [[50, 99], 9],
    [[100, 299], 6],
  ] as const);
  return rng.int(min, max);
}

function capitalFor(
  rng: Rng,
  kind: CompanyKind,
  form: LegalForm,
  employees: number,
): number | null {
  if (form.position === 'none') return null;
  if (kind === 'large') return rng.pick([300, 500, 1_000, 2_500, 5_000]) * 1_000_000;
  if (form.form === '有限会社') return rng.pick([3_000_000, 3_000_000, 5_000_000, 10_000_000]);
  if (kind === 'startup')
    return rng.pick([1_000_000, 5_000_000, 10_000_000, 30_000_000, 99_000_000]);
  const millions =
    employees < 10
      ? [3, 5, 10, 10, 10]
      : employees < 50
        ? [10, 10, 20, 30, 48]
        : [30, 50, 80, 99, 100];
  return rng.pick(millions) * 1_000_000;
}

/** Owners' ages as in SME surveys: about four in ten are 65 or older. */
function representativeAge(rng: Rng, kind: CompanyKind): number {
  if (kind === 'startup') return rng.int(28, 52);
  const [min, max] = rng.weighted([
    [[35, 44], 10],
    [[45, 54], 22],
    [[55, 64], 28],
    [[65, 74], 28],
    [[75, 86], 12],
  ] as const);
  return rng.int(min, max);
}

function successorFor(rng: Rng, age: number, kind: CompanyKind): CompanyCreate['successorStatus'] {
  if (kind !== 'sme') return rng.chance(0.7) ? 'not_needed' : 'unknown';
  if (age >= 65) {
    return rng.weighted([
      ['decided', 30],
      ['candidate', 25],
      ['none', 30],
      ['unknown', 15],
    ] as const);
  }
  if (age >= 55) {
    return rng.weighted([
      ['decided', 15],
      ['candidate', 20],
      ['none', 20],
      ['unknown', 45],
    ] as const);
  }
  return rng.weighted([
    ['not_needed', 40],
    ['unknown', 50],
    ['candidate', 10],
  ] as const);
}

const KIND_LABEL: Partial<Record<CompanyKind, string>> = {
  sme: COMPANY_KIND.ja.sme,
  startup: COMPANY_KIND.ja.startup,
  large: '企業',
};

const INDUSTRY_WEIGHTS = INDUSTRIES.map((i) => [i, i.weight] as const);
const AREA_WEIGHTS = DEMO_AREAS.map((a) => [a, a.weight] as const);

function generateOne(rng: Rng, n: number, year: number, taken: Taken): CompanyCreate {
  const industry = rng.weighted(INDUSTRY_WEIGHTS);
  const kind: CompanyKind = rng.chance(0.01)
    ? 'large'
    : rng.chance(industry.startupShare)
      ? 'startup'
      : 'sme';
  const form = legalFormFor(rng, kind);
  const { name, kana } = composeName(rng, industry, form, taken);

  const area = rng.weighted(AREA_WEIGHTS);
  const town = rng.pick(area.towns);
  const postalCode = `${rng.pick(area.postalPrefixes)}00${String(rng.int(1, 99)).padStart(2, '0')}`;
  const address = `${area.addressPrefix}${town}${rng.int(1, 5)}丁目${rng.int(1, 30)}-${rng.int(1, 20)}`;

  const employees = employeesFor(rng, kind);
  const age = representativeAge(rng, kind);
  const successorStatus = successorFor(rng, age, kind);
  const technologies = rng.sample(industry.technologies, rng.int(2, 4));
  const products = rng.sample(industry.products, rng.int(1, 3));
  const equipment = rng.sample(
    industry.equipment,
    rng.int(1, Math.min(4, industry.equipment.length)),
  );
  const needs = rng.sample(industry.needs, rng.int(1, 3));

  const tags = [DEMO_TAG, rng.pick(industry.tags)];
  if (kind === 'startup') tags.push('スタートアップ');
  if (age >= 65 && (successorStatus === 'none' || successorStatus === 'unknown'))
    tags.push('事業承継');
  if (industry.key === 'welfare' && rng.chance(0.3)) tags.push('かわさき基準（KIS）認証');
  for (let k = rng.int(0, 2); k > 0; k--) tags.push(rng.weighted(COMMON_TAGS));

  return {
    corporateNumber: form.position === 'none' ? null : demoCorporateNumber(n),
    name,
    nameKana: kana,
    nameEn: null,
    kind,
    jsicCode: rng.pick(industry.jsic),
    postalCode,
    municipalityCode: area.code,
    address,
    employees: rng.chance(0.04) ? null : employees,
    capitalYen: capitalFor(rng, kind, form, employees),
    foundedYear: foundedYear(rng, kind, form, year),
    representativeName: `${rng.pick(SURNAMES)[0]}\u3000${rng.pick(GIVEN_NAMES)}`,
    representativeBirthYear: rng.chance(0.05) ? null : year - age,
    successorStatus,
    website: rng.chance(0.55) ? `https://c${n}.demo.banso.example/` : null,
    businessDescription:
      `【架空のデモデータ】${town}で${industry.activity}を手がける${KIND_LABEL[kind] ?? '企業'}。` +
      `${technologies.join('・')}を強みとし、主な製品・サービスは${products.join('、')}。`,
    technologies,
    products,
    equipment,
    needs,
    tags: [...new Set(tags)],
  };
}

/**
 * `count` fictional companies from `seed`: pure and deterministic, every one valid for the
 * CompanyCreate contract, names unique within the run.
 */
export function generateDemoCompanies(
  count: number,
  seed: number,
  options: DemoCompanyOptions = {},
): CompanyCreate[] {
  if (!Number.isInteger(count) || count < 0)
    throw new RangeError(`count must be a non-negative integer: ${count}`);
  const rng = createRng(seed);
  const year = options.referenceYear ?? DEMO_REFERENCE_YEAR;
  const taken: Taken = { cores: new Set(), names: new Set() };
  const out: CompanyCreate[] = [];
  for (let n = 1; n <= count; n++) out.push(generateOne(rng, n, year, taken));
  return out;
}
