import { Chalk } from 'chalk';
import type { ReportStyle } from '../report/formatters.js';
import type { CliIo } from './cli-io.js';

/** Colours when writing to a terminal, unless NO_COLOR is set; plain text otherwise. */
export function reportStyle(io: CliIo, toTty: boolean): ReportStyle {
  const forced = io.env['FORCE_COLOR'];
  const useColour = io.env['NO_COLOR'] === undefined && (toTty || (forced !== undefined && forced !== '0'));
  const chalk = new Chalk({ level: useColour ? 1 : 0 });
  return { error: chalk.red, warning: chalk.yellow, dim: chalk.dim, bold: chalk.bold };
}
