import { z } from 'zod';
import { findMunicipality, findPrefecture } from '../ja/municipalities';

/**
 * An organisation's matching settings (input side): its partner regions (連携地域). The codes
 * are checked against the shipped prefecture and municipality lists, so this module loads them;
 * the response DTO (MatchingSettings) lives in matching.ts, free of those lists.
 */

export const PARTNER_REGIONS_MAX = 100;

const isKnownRegion = (v: string) =>
  /^[0-9]{2}$/.test(v)
    ? findPrefecture(v) !== undefined
    : /^[0-9]{5,6}$/.test(v) && findMunicipality(v) !== undefined;

/** A prefecture code (2 digits) or a municipality code (5, or 6 with check digit) → '09', '092011'. */
export const PartnerRegionCode = z
  .string()
  .transform((v) => v.normalize('NFKC').trim())
  .refine(isKnownRegion, { params: { code: 'municipality_unknown' } })
  .transform((v) => (v.length === 2 ? v : (findMunicipality(v)?.code ?? v)))
  .meta({
    description:
      'A prefecture code (JIS X 0401, 2 digits: 栃木県 = 09) or a municipality code ' +
      '(全国地方公共団体コード, 5 digits or 6 with check digit: 宇都宮市 = 092011).',
    example: '09',
  });

export const MatchingSettingsUpdate = z
  .object({
    partnerRegions: z
      .array(PartnerRegionCode)
      .max(PARTNER_REGIONS_MAX)
      .transform((codes) => [...new Set(codes)])
      .meta({
        description:
          '連携地域: candidates located there rank a little higher (as much as the same prefecture). Replaces the list.',
      }),
  })
  .strict()
  .meta({ id: 'MatchingSettingsUpdate' });
export type MatchingSettingsUpdate = z.infer<typeof MatchingSettingsUpdate>;
