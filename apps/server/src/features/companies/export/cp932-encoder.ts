import iconv from 'iconv-lite';

/**
 * Characters Shift_JIS (CP932) cannot hold as they are, with the CP932 character of the same
 * meaning. iconv-lite would write `?` for most of them (〜 − ‖ — ¢ £ ¬) and `\` for ¥; these
 * are the usual JIS X 0208 ↔ CP932 pairs, plus no-break space and the en dash.
 */
export const CP932_SUBSTITUTIONS: Readonly<Record<string, string>> = {
  '\u301c': '\uff5e', // 〜 WAVE DASH → ～
  '\u2212': '\uff0d', // − MINUS SIGN → －
  '\u00a5': '\uffe5', // ¥ → ￥
  '\u2016': '\u2225', // ‖ → ∥
  '\u2014': '\u2015', // — EM DASH → ―
  '\u00a2': '\uffe0', // ¢ → ￠
  '\u00a3': '\uffe1', // £ → ￡
  '\u00ac': '\uffe2', // ¬ → ￢
  '\u203e': '\uffe3', // ‾ → ￣
  '\u00a0': ' ', // no-break space → space
  '\u2013': '-', // – EN DASH → -
};

/** What an unencodable character is written as: 〓 (geta mark), the customary placeholder. */
export const UNENCODABLE_MARK = '\u3013';

export interface EncodeStats {
  /** Characters replaced by their CP932 equivalent (〜 → ～ …). */
  substituted: number;
  /** Characters with no CP932 form, written as 〓. */
  unencodable: number;
  /** The first few unencodable characters, for the report. */
  samples: string[];
}

/**
 * A Shift_JIS (CP932) encoder that never writes a silent '?': known characters are substituted,
 * the rest become 〓, and both are counted. Characters are checked by a round trip through
 * iconv-lite, cached per character.
 */
export function createCp932Encoder() {
  const stats: EncodeStats = { substituted: 0, unencodable: 0, samples: [] };
  const verdicts = new Map<string, string | null>();
  const verdict = (ch: string): string | null => {
    let v = verdicts.get(ch);
    if (v === undefined) {
      const substitute = CP932_SUBSTITUTIONS[ch];
      if (substitute !== undefined) v = substitute;
      else
        v =
          iconv.decode(iconv.encode(ch, 'shift_jis'), 'shift_jis') === ch ? null : UNENCODABLE_MARK;
      verdicts.set(ch, v);
    }
    return v;
  };
  return {
    stats,
    /** The text as Shift_JIS bytes, with substitutions applied and counted. */
    encode(text: string): Buffer {
      let out = '';
      let from = 0;
      let i = 0;
      for (const ch of text) {
        const code = ch.charCodeAt(0);
        if (code >= 0x80 || code === 0x5c || code === 0x7e) {
          const replacement = verdict(ch);
          if (replacement !== null) {
            out += text.slice(from, i) + replacement;
            from = i + ch.length;
            if (replacement === UNENCODABLE_MARK) {
              stats.unencodable++;
              if (stats.samples.length < 10 && !stats.samples.includes(ch)) stats.samples.push(ch);
            } else stats.substituted++;
          }
        }
        i += ch.length;
      }
      return iconv.encode(from === 0 ? text : out + text.slice(from), 'shift_jis');
    },
  };
}
