import { beforeAll, describe, expect, it } from 'vitest';
import type { Analyzer } from './analyzer';
import { nodeAnalyzer } from './node/resources';

let analyzer: Analyzer;
beforeAll(async () => {
  analyzer = await nodeAnalyzer();
}, 60_000);

const terms = (text: string, kind?: string) =>
  analyzer
    .analyze(text)
    .filter((t) => kind === undefined || t.kind === kind)
    .map((t) => t.term);

describe('analyzer (golden)', () => {
  it('keeps a patent compound whole and splits it into its parts and words', () => {
    expect(analyzer.analyze('炭素繊維強化樹脂の成形方法及び軽量部品')).toEqual([
      { term: '炭素繊維強化樹脂', kind: 'compound' },
      { term: '炭素繊維', kind: 'part' },
      { term: '繊維強化', kind: 'part' },
      { term: '強化樹脂', kind: 'part' },
      { term: '炭素繊維強化', kind: 'part' },
      { term: '繊維強化樹脂', kind: 'part' },
      { term: '炭素', kind: 'word' },
      { term: '繊維', kind: 'word' },
      { term: '強化', kind: 'word' },
      { term: '樹脂', kind: 'word' },
      { term: '成形方法', kind: 'compound' },
      { term: '成形', kind: 'word' },
      { term: '軽量部品', kind: 'compound' },
      { term: '軽量', kind: 'word' },
      { term: '部品', kind: 'word' },
    ]);
  });

  it('folds full and half width, katakana variants and the long-vowel mark', () => {
    expect(terms('ＩｏＴセンサを用いた画像認識による外観検査装置')).toEqual([
      'iotセンサ',
      'iot',
      'センサ',
      '画像認識',
      '画像',
      '認識',
      '外観検査装置',
      '外観検査',
      '検査装置',
      '外観',
      '検査',
      '装置',
    ]);
    // Half-width katakana and センサー/センサ, モーター/モータ are the same terms.
    expect(terms('ｾﾝｻｰとモーターを内蔵')).toEqual(['センサ', 'モータ', '内蔵']);
    expect(terms('センサーとモータを内蔵')).toEqual(['センサ', 'モータ', '内蔵']);
  });

  it('drops numbers and measurements, keeps letter-digit words (3D, CO2)', () => {
    expect(terms('厚さ１０ｍｍのアルミニウム合金板を500℃でレーザー溶接する')).toEqual([
      '厚い',
      'アルミニウム合金板',
      'アルミニウム合金',
      '合金板',
      'アルミニウム',
      '合金',
      'レーザ溶接',
      'レーザ',
      '溶接',
    ]);
    expect(terms('3Dプリンタで治具を試作し、CO2を削減')).toEqual([
      '3dプリンタ',
      '3d',
      'プリンタ',
      '治具',
      '試作',
      'co2',
      '削減',
    ]);
  });

  it('folds thesaurus aliases and Sudachi variants to one term', () => {
    expect(terms('CFRP')).toEqual(['炭素繊維強化樹脂']);
    expect(terms('ディープラーニング')).toEqual(['機械学習']);
    expect(analyzer.termOf('アルミ')).toBe(analyzer.termOf('アルミニウム'));
    expect(analyzer.termOf('ねじ')).toBe('ネジ');
    expect(analyzer.termOf('めっき')).toBe(analyzer.termOf('メッキ'));
  });

  it('reads a company text: verbs to base form, prefixes kept only in compounds', () => {
    // 良品 (the opposite of 不良品) is not emitted; 金|型 (two one-character words) stay a compound.
    expect(terms('不良品を検出し、金型を削る。', 'word')).toEqual(['検出', '削る']);
    expect(terms('不良品を検出し、金型を削る。', 'compound')).toEqual(['不良品', '金型']);
  });

  it('gives character bigrams for words no dictionary knows', () => {
    const tokens = analyzer.analyze('ナノバブラーで洗う');
    expect(tokens.filter((t) => t.kind === 'bigram').map((t) => t.term)).toContain('バブ');
  });

  it('expands with thesaurus relations both ways and with synonyms, at lower weights', () => {
    const cfrp = analyzer.expand('炭素繊維強化樹脂');
    expect(cfrp.map((e) => e.term)).toEqual(expect.arrayContaining(['成形', '積層', '軽量部品']));
    expect(cfrp.every((e) => e.weight < 1 && e.source === 'thesaurus')).toBe(true);
    expect(analyzer.expand('外観検査').map((e) => e.term)).toContain(analyzer.termOf('画像認識'));
    const cloth = analyzer.expand('織物');
    expect(cloth.filter((e) => e.source === 'synonym').map((e) => e.term)).toEqual(
      expect.arrayContaining(['布地', '布']),
    );
  });

  it('is loaded once and shared', async () => {
    expect(await nodeAnalyzer()).toBe(analyzer);
  });
});
