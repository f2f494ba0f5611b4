import type { Command } from 'commander';

/** Commands of other features (imports/exports, backups, demo data); each registers itself here. */
export const extraCommands: ((program: Command) => void)[] = [];
