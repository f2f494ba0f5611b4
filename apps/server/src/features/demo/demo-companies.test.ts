import {
  CompanyCreate,
  findJsic,
  findMunicipality,
  isValidCorporateNumber,
  stripCompanyForm,
} from '@banso/shared';
import { describe, expect, it } from 'vitest';
import { DEMO_AREAS } from './demo-areas';
import {
  DEMO_CORPORATE_NUMBER_BASE_PREFIX,
  DEMO_REFERENCE_YEAR,
  DEMO_TAG,
  demoCorporateNumber,
  generateDemoCompanies,
} from './demo-companies';
import { INDUSTRIES } from './demo-industries';
import { BRAND_PREFIXES, PLACE_PREFIXES, SURNAMES, type Word } from './demo-words';
import { createRng } from './prng';

const companies = generateDemoCompanies(3000, 20250401);
const KATAKANA = /^[\u30a1-\u30fa\u30fc]+$/;

describe('createRng', () => {
  it('repeats its sequence for a seed and differs between seeds', () => {
    const a = createRng(7);
    const b = createRng(7);
    const c = createRng(8);
    const seqA = Array.from({ length: 20 }, () => a.next());
    expect(Array.from({ length: 20 }, () => b.next())).toEqual(seqA);
    expect(Array.from({ length: 20 }, () => c.next())).not.toEqual(seqA);
    for (const x of seqA) expect(x >= 0 && x < 1).toBe(true);
  });

  it('keeps int() within its bounds and reaches both ends', () => {
    const rng = createRng(1);
    const seen = new Set(Array.from({ length: 2000 }, () => rng.int(3, 6)));
    expect([...seen].sort()).toEqual([3, 4, 5, 6]);
  });

  it('samples distinct items', () => {
    const rng = createRng(2);
    const s = rng.sample(['a', 'b', 'c', 'd', 'e'], 3);
    expect(s).toHaveLength(3);
    expect(new Set(s).size).toBe(3);
    expect(rng.sample(['a'], 5)).toEqual(['a']);
  });
});

describe('generateDemoCompanies', () => {
  it('gives the same companies for the same seed, other companies for another seed', () => {
    expect(generateDemoCompanies(200, 20250401)).toEqual(companies.slice(0, 200));
    const other = generateDemoCompanies(200, 20250402);
    expect(other.map((c) => c.name)).not.toEqual(companies.slice(0, 200).map((c) => c.name));
  });

  it('returns an empty list for zero and rejects a negative or fractional count', () => {
    expect(generateDemoCompanies(0, 1)).toEqual([]);
    expect(() => generateDemoCompanies(-1, 1)).toThrow(RangeError);
    expect(() => generateDemoCompanies(1.5, 1)).toThrow(RangeError);
  });

  it('produces companies the CompanyCreate contract accepts unchanged', () => {
    for (const c of companies) {
      const parsed = CompanyCreate.safeParse(c);
      expect(parsed.success, `${c.name}: ${JSON.stringify(parsed.error?.issues)}`).toBe(true);
      expect(parsed.data).toEqual(c);
    }
  });

  it('gives every company a unique name', () => {
    expect(new Set(companies.map((c) => c.name)).size).toBe(companies.length);
    const large = generateDemoCompanies(20_000, 99);
    expect(new Set(large.map((c) => c.name)).size).toBe(large.length);
  });

  it('reads each name from the same parts it was written with', () => {
    const prefixes = [...PLACE_PREFIXES, ...SURNAMES, ...BRAND_PREFIXES];
    const decompositions = (text: string, kana: string): boolean =>
      INDUSTRIES.some((industry) =>
        industry.cores.some((core) =>
          industry.suffixes.some((suffix) => {
            const tail = `${core[0]}${suffix[0]}`;
            const tailKana = `${core[1]}${suffix[1]}`;
            if (!text.endsWith(tail) || !kana.endsWith(tailKana)) return false;
            const head = text.slice(0, -tail.length);
            const headKana = kana.slice(0, -tailKana.length);
            const one = (w: Word) => w[0] === head && w[1] === headKana;
            // The long form: place + brand + core + suffix.
            const two = PLACE_PREFIXES.some((p) =>
              BRAND_PREFIXES.some(
                (b) => `${p[0]}${b[0]}` === head && `${p[1]}${b[1]}` === headKana,
              ),
            );
            return prefixes.some(one) || two;
          }),
        ),
      );
    for (const c of companies) {
      const core = stripCompanyForm(c.name);
      expect(c.nameKana ?? '', c.name).toMatch(KATAKANA);
      expect(decompositions(core, c.nameKana ?? ''), `${c.name} / ${c.nameKana}`).toBe(true);
    }
    expect(decompositions('多摩川精密工業', 'タマガワセイミツコウギョウ')).toBe(true);
    expect(decompositions('多摩川精密工業', 'タマガワセイミツサンギョウ')).toBe(false);
  });

  it('spells every reading of the vocabulary in katakana', () => {
    const words = [
      ...PLACE_PREFIXES,
      ...SURNAMES,
      ...BRAND_PREFIXES,
      ...INDUSTRIES.flatMap((i) => [...i.cores, ...i.suffixes]),
    ];
    for (const [text, kana] of words) expect(kana, text).toMatch(KATAKANA);
  });

  it('gives valid 法人番号 from the synthetic 9999 range, unique, and none to sole proprietors', () => {
    const numbers = companies.flatMap((c) => (c.corporateNumber ? [c.corporateNumber] : []));
    expect(new Set(numbers).size).toBe(numbers.length);
    for (const n of numbers) {
      expect(isValidCorporateNumber(n), n).toBe(true);
      expect(n.slice(1, 5)).toBe(DEMO_CORPORATE_NUMBER_BASE_PREFIX);
    }
    const soleProprietors = companies.filter((c) => !c.corporateNumber);
    expect(soleProprietors.length).toBeGreaterThan(0);
    for (const c of soleProprietors) expect(stripCompanyForm(c.name)).toBe(c.name);
    expect(demoCorporateNumber(1)).toBe('8999900000001');
    expect(() => demoCorporateNumber(0)).toThrow(RangeError);
  });

  it('uses only 4-digit JSIC codes of the shipped list, mostly manufacturing (division E)', () => {
    for (const industry of INDUSTRIES) {
      for (const code of industry.jsic) expect(findJsic(code)?.level, code).toBe('industry');
    }
    for (const c of companies) expect(findJsic(c.jsicCode ?? '')?.level).toBe('industry');
    const manufacturing = companies.filter(
      (c) => Number((c.jsicCode ?? '').slice(0, 2)) <= 32,
    ).length;
    expect(manufacturing / companies.length).toBeGreaterThan(0.75);
  });

  it('places companies in the seven wards of 川崎市 and their neighbours, with matching addresses and postal codes', () => {
    const wards = DEMO_AREAS.filter((a) => findMunicipality(a.code)?.name.startsWith('川崎市 '));
    expect(wards.map((a) => a.code)).toEqual([
      '141313',
      '141321',
      '141330',
      '141348',
      '141356',
      '141364',
      '141372',
    ]);
    for (const area of DEMO_AREAS) {
      const m = findMunicipality(area.code);
      expect(m, area.code).toBeDefined();
      expect(area.addressPrefix).toBe(`${m?.prefecture}${m?.name.replace(' ', '')}`);
    }
    const inKawasaki = companies.filter((c) => c.municipalityCode?.startsWith('1413')).length;
    expect(inKawasaki / companies.length).toBeGreaterThan(0.8);
    for (const c of companies) {
      const area = DEMO_AREAS.find((a) => a.code === c.municipalityCode);
      expect(area, c.municipalityCode ?? '').toBeDefined();
      expect(c.address?.startsWith(area?.addressPrefix ?? '?')).toBe(true);
      expect(c.postalCode).toMatch(/^\d{7}$/);
      expect(area?.postalPrefixes).toContain(c.postalCode?.slice(0, 3));
    }
  });

  it('has SME-like sizes and a realistic share of owners aged 65 or more', () => {
    const employees = companies.flatMap((c) => (c.employees == null ? [] : [c.employees]));
    const small = employees.filter((e) => e < 20).length / employees.length;
    expect(small).toBeGreaterThan(0.5);
    expect(Math.max(...employees)).toBeGreaterThanOrEqual(300); // a few large companies
    const ages = companies.flatMap((c) =>
      c.representativeBirthYear ? [DEMO_REFERENCE_YEAR - c.representativeBirthYear] : [],
    );
    const older = ages.filter((a) => a >= 65).length / ages.length;
    expect(older).toBeGreaterThan(0.25);
    expect(older).toBeLessThan(0.5);
    const statuses = new Set(companies.map((c) => c.successorStatus));
    for (const s of ['decided', 'candidate', 'none', 'unknown', 'not_needed'])
      expect(statuses).toContain(s);
    for (const c of companies) {
      expect(c.foundedYear ?? 0).toBeLessThanOrEqual(DEMO_REFERENCE_YEAR);
      if (c.name.includes('有限会社')) expect(c.foundedYear ?? 0).toBeLessThanOrEqual(2005);
      if (c.name.includes('合同会社')) expect(c.foundedYear ?? 0).toBeGreaterThanOrEqual(2006);
    }
  });

  it('marks every company as fictional and fills in what support staff look at', () => {
    for (const c of companies) {
      expect(c.tags).toContain(DEMO_TAG);
      expect(c.businessDescription?.startsWith('【架空のデモデータ】')).toBe(true);
      if (c.website) expect(new URL(c.website).hostname.endsWith('.example')).toBe(true);
      expect(c.technologies.length).toBeGreaterThanOrEqual(2);
      expect(c.products.length).toBeGreaterThanOrEqual(1);
      expect(c.needs.length).toBeGreaterThanOrEqual(1);
    }
    const technologies = new Set(companies.flatMap((c) => c.technologies));
    for (const t of [
      '切削加工',
      '精密板金',
      '表面処理',
      '射出成形',
      '画像検査',
      'IoT',
      '福祉機器',
    ]) {
      expect(technologies).toContain(t);
    }
  });
});
