/** Limits shared by the API, the web client and the CLI. */
export const LIMITS = {
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
  loginAttemptsPerWindow: 10,
  loginWindowSeconds: 15 * 60,
} as const;
