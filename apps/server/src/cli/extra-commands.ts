import type { Command } from 'commander';
import { registerBackupCommands } from './commands/backup';
import { registerCompaniesIoCommands } from './commands/companies-io';
import { registerDemoCommand } from './commands/demo';
import { registerListingsCommands } from './commands/listings';
import { registerMatchCommand } from './commands/match';
import { registerReportCommands } from './commands/report';

/** Commands of other features (imports/exports, backups, demo data); each registers itself here. */
export const extraCommands: ((program: Command) => void)[] = [];
extraCommands.push(registerDemoCommand);
extraCommands.push(registerBackupCommands);
extraCommands.push(registerCompaniesIoCommands);
extraCommands.push(registerReportCommands);
extraCommands.push(registerMatchCommand);
extraCommands.push(registerListingsCommands);
