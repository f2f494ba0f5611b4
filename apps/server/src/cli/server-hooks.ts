import type { ServerHooks } from '../runtime/server';

/** What `banso serve` attaches to the running server. */
export const serverHooks: ServerHooks = {};
