import type { ChartReferenceLineProps } from '@mantine/charts';

/** Kawasaki City's own results as the summary carries them (`reference`, source `kawasaki`). */
export interface KawasakiReference {
  source: 'kawasaki';
  contracted: number;
  commercialized: number;
}

/**
 * Kawasaki's figures as dashed horizontal lines over this organisation's cumulative 成約 and 製品化,
 * each labelled as Kawasaki's (never drawn as a series of the organisation's own). The axis
 * grows to show them however small the organisation's totals are.
 */
export function kawasakiReferenceLines(
  reference: KawasakiReference,
  label: (figure: 'contracted' | 'commercialized', count: number) => string,
): ChartReferenceLineProps[] {
  return (['contracted', 'commercialized'] as const).map((figure) => ({
    y: reference[figure],
    label: label(figure, reference[figure]),
    labelPosition: 'insideTopLeft',
    color: figure === 'contracted' ? 'indigo.9' : 'green.9',
    strokeDasharray: '6 4',
    ifOverflow: 'extendDomain',
  }));
}
