// The `baton` command line: a thin shell over the library that maps errors to documented exit codes.
import { DataError, ExitCode, UsageError } from '../model/errors.js';
import { formatProblem } from '../model/problem.js';
import { type Command, commandHelp, type Io, parseCommandArgs } from './command.js';
import { analyzeCommand } from './commands/analyze.js';
import { askCommand } from './commands/ask.js';
import { compareCommand } from './commands/compare.js';
import { demoCommand } from './commands/demo.js';
import { diagnoseCommand } from './commands/diagnose.js';
import { exportCommand } from './commands/export.js';
import { inspectCommand } from './commands/inspect.js';
import { metricsCommand } from './commands/metrics.js';
import { networkCommand } from './commands/network.js';
import { queryCommand } from './commands/query.js';
import { reportCommand } from './commands/report.js';
import { segmentsCommand } from './commands/segments.js';
import { serveCommand } from './commands/serve.js';

export const COMMANDS: readonly Command[] = [
  analyzeCommand,
  inspectCommand,
  queryCommand,
  askCommand,
  diagnoseCommand,
  compareCommand,
  networkCommand,
  segmentsCommand,
  exportCommand,
  reportCommand,
  serveCommand,
  metricsCommand,
  demoCommand,
];

const stdio: Io = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
};

export function mainHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    'baton: conversation handoff analysis for support teams',
    '',
    'Usage: baton <command> [options]',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    "Run 'baton <command> --help' for a command's options.",
    'Exit codes: 0 ok, 1 internal error, 2 usage error, 3 data error.',
    'Quick look: baton analyze --demo',
  ].join('\n');
}

export async function main(argv: string[], io: Io = stdio): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(mainHelp());
    return name ? ExitCode.ok : ExitCode.usage;
  }
  if (name === '--version' || name === '-v') {
    io.out('baton 0.1.0');
    return ExitCode.ok;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.err(`baton: unknown command '${name}'.\n\n${mainHelp()}`);
    return ExitCode.usage;
  }
  try {
    const { values, positionals } = parseCommandArgs(command, rest);
    if (values.help) {
      io.out(commandHelp(command));
      return ExitCode.ok;
    }
    return await command.run(values, positionals, io);
  } catch (error) {
    return reportError(error, io);
  }
}

function reportError(error: unknown, io: Io): number {
  if (error instanceof UsageError || error instanceof DataError) {
    io.err(`baton: ${error.message}`);
    for (const p of error.problems) io.err(`  ${formatProblem(p)}`);
    return error instanceof UsageError ? ExitCode.usage : ExitCode.data;
  }
  const text = error instanceof Error ? error.message : String(error);
  if (text.includes('Out of Memory Error')) {
    io.err(`baton: DuckDB ran out of memory: ${text.split('\n')[0]}`);
    io.err(
      'Raise --memory-limit (e.g. --memory-limit 8GB) or free memory; DuckDB spills to disk below that limit.',
    );
    return ExitCode.data;
  }
  io.err(`baton: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  io.err('This is a bug in Baton; please report it with the command you ran.');
  return ExitCode.internal;
}
