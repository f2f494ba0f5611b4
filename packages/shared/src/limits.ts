/** Limits shared by the API, the web client and the CLI. */
export const LIMITS = {
  /** A row version sent back for an optimistic update: the database column is a 4-byte integer. */
  rowVersionMax: 2_147_483_647,
  /** JSON request bodies. */
  jsonBodyBytes: 1024 * 1024,
  /** CSV uploads through the API; the CLI streams files of any size. */
  uploadBytes: 200 * 1024 * 1024,
  pageSizeDefault: 50,
  pageSizeMax: 500,
  passwordMinLength: 12,
  textShort: 200,
  textLong: 20_000,
  listItems: 200,
  /** Columns of one CSV record: more is refused before the record is built (issue 12.3). */
  csvColumns: 1_000,
  /** Characters of one CSV record (one line, or several inside a quoted cell). */
  csvRecordChars: 1024 * 1024,
} as const;

/**
 * Sign-in throttling (counted in the database, shared by every server process). Each rule lets
 * `free` attempts fail, then blocks for `baseSeconds`, doubling with every further failure up to
 * `maxSeconds`; failures older than `forgetAfterSeconds` are forgotten. A correct password ends
 * the account's and the pair's counts.
 */
export const LOGIN_THROTTLE = {
  /** One account from one address: a person mistyping, or a guesser at one account. */
  pair: { free: 5, baseSeconds: 30, maxSeconds: 15 * 60 },
  /** One account from anywhere: a guesser spread over many addresses (an admin can unlock). */
  account: { free: 20, baseSeconds: 60, maxSeconds: 60 * 60 },
  /**
   * One address trying accounts that do not exist (spraying). It never stops a correct password
   * of a real account, so colleagues behind the same address still sign in.
   */
  address: { free: 30, baseSeconds: 30, maxSeconds: 15 * 60 },
  forgetAfterSeconds: 24 * 60 * 60,
} as const;
export interface LoginThrottleRule {
  free: number;
  baseSeconds: number;
  maxSeconds: number;
}
