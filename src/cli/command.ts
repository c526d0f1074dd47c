// What a CLI command is: its options (with help text) and a run function over parsed values and output streams.
import { parseArgs } from 'node:util';
import { UsageError } from '../model/errors.js';

export interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  multiple?: boolean;
  description: string;
  /** Placeholder shown in help, e.g. FILE. */
  value?: string;
}

export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
}

export type Values = Record<string, string | boolean | string[] | undefined>;

export interface Command {
  name: string;
  summary: string;
  usage: string;
  /** Paragraphs after the option list: examples, notes. */
  details?: string;
  options: Record<string, OptionSpec>;
  run: (values: Values, positionals: string[], io: Io) => Promise<number>;
}

export const HELP_OPTION: Record<string, OptionSpec> = {
  help: { type: 'boolean', short: 'h', description: 'Show this help.' },
};

export function parseCommandArgs(
  command: Command,
  argv: string[],
): { values: Values; positionals: string[] } {
  const options = { ...command.options, ...HELP_OPTION };
  try {
    const parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: Object.fromEntries(
        Object.entries(options).map(([name, o]) => [
          name,
          { type: o.type, ...(o.short ? { short: o.short } : {}), ...(o.multiple ? { multiple: true } : {}) },
        ]),
      ),
    });
    return { values: parsed.values as Values, positionals: parsed.positionals };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new UsageError(`${message}\nRun 'baton ${command.name} --help' for the options.`);
  }
}

export function commandHelp(command: Command): string {
  const options = { ...command.options, ...HELP_OPTION };
  const rows = Object.entries(options).map(([name, o]) => {
    const flag = `${o.short ? `-${o.short}, ` : '    '}--${name}${o.type === 'string' ? ` ${o.value ?? 'VALUE'}` : ''}`;
    return [flag, o.description + (o.multiple ? ' Repeatable.' : '')] as const;
  });
  const width = Math.max(...rows.map(([f]) => f.length));
  const lines = [`Usage: ${command.usage}`, '', command.summary, '', 'Options:'];
  for (const [flag, text] of rows) lines.push(`  ${flag.padEnd(width)}  ${text}`);
  if (command.details) lines.push('', command.details);
  return lines.join('\n');
}

export const str = (v: Values[string]): string | undefined => (typeof v === 'string' ? v : undefined);
export const list = (v: Values[string]): string[] =>
  Array.isArray(v) ? v : typeof v === 'string' ? [v] : [];
