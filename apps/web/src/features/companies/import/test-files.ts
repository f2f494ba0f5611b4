/** Test files for the import wizard, as the bytes a user's file would hold. */

const fromHex = (hex: string): Uint8Array<ArrayBuffer> =>
  new Uint8Array(hex.match(/../g)?.map((byte) => Number.parseInt(byte, 16)) ?? []);

/**
 * A Banso CSV saved by Excel in Shift_JIS (CP932), with 髙﨑 and ① (NEC/IBM extensions) and a
 * quoted cell spanning two lines:
 *
 *   名称,フリガナ,所在地
 *   株式会社髙﨑精密,タカサキセイミツ,"川崎市高津区
 *   久本１丁目"
 *   丸①商事,マルイチショウジ,川崎市
 */
export const SJIS_BANSO_CSV = fromHex(
  '96bc8fcc2c8374838a834b83692c8f8a8ddd926e0d0a8a948eae89ef8ed0eee0ed9590b896a72c83' +
    '5e834a8354834c835a8343837e83632c2290ec8de88e738d8292c38be60d0a8b76967b8250929a96' +
    'da220d0a8adb87408fa48e962c837d838b8343836083568387834583572c90ec8de88e730d0a',
);

/** Another system's export (UTF-8 with BOM): its own headers, which need a column mapping. */
export const OTHER_SYSTEM_CSV = new TextEncoder().encode(
  '\uFEFF会社名,法人番号,住所,従業員,業種メモ\r\n' +
    '株式会社みぞのくち電機,1180301018771,神奈川県川崎市高津区溝口１－１,"1,200",電機\r\n' +
    '宮前フーズ,,神奈川県川崎市宮前区宮崎２－２,15,食品\r\n',
);

export const csvFile = (bytes: Uint8Array<ArrayBuffer>, name: string) =>
  new File([bytes], name, { type: 'text/csv' });
