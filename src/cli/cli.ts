// `cors-lens`: the command-line face of the shared analyzer.
//   cors-lens analyze FILE|-  [--format json|text]
//   cors-lens explain "MESSAGE"
// Exit codes: 0 done (even when a request is blocked), 2 bad input or usage.

import { readFileSync } from 'node:fs';
import { analyze } from '../analyzer/analyze';
import { ExchangeInputError, parseExchangesJson } from '../exchange/parse-exchange';
import { parseConsoleMessage } from '../explain/parse-console-message';
import { colours, formatVerdictText, plain, printable } from './format-text';

const usage = `Usage:
  cors-lens analyze FILE|- [--format json|text]   classify exchanges (one JSON object or an array)
  cors-lens explain "MESSAGE" [--format json|text] explain a CORS error copied from the console
  cors-lens --version | --help

analyze prints a JSON array of verdicts, one per input exchange, in order.
Exit status: 0 when everything was analysed (even if blocked), 2 on bad input.`;

class UsageError extends Error {}

interface Options {
  format: 'json' | 'text';
  positional: string[];
}

function parseOptions(args: string[]): Options {
  const options: Options = { format: 'json', positional: [] };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg === '--format' || arg.startsWith('--format=')) {
      const value = arg.includes('=') ? arg.slice('--format='.length) : args[++i];
      if (value !== 'json' && value !== 'text')
        throw new UsageError(`--format must be json or text, not ${JSON.stringify(value ?? '')}`);
      options.format = value;
    } else if (arg.startsWith('--') && arg !== '--') {
      throw new UsageError(`unknown option ${arg}`);
    } else {
      options.positional.push(arg);
    }
  }
  return options;
}

function readInput(file: string): string {
  try {
    return readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(
      code === 'ENOENT'
        ? `no such file: ${file}`
        : `cannot read ${file}: ${(error as Error).message}`,
    );
  }
}

function palette() {
  return process.stdout.isTTY && !process.env.NO_COLOR ? colours : plain;
}

function analyzeCommand(options: Options): void {
  const [file, extra] = options.positional;
  if (!file || extra !== undefined)
    throw new UsageError('analyze takes one FILE (or - for standard input)');
  const exchanges = parseExchangesJson(readInput(file));
  const results = exchanges.map((exchange) => ({ exchange, verdict: analyze(exchange) }));
  if (options.format === 'json') {
    process.stdout.write(
      `${JSON.stringify(
        results.map((r) => r.verdict),
        null,
        2,
      )}\n`,
    );
    return;
  }
  const p = palette();
  const texts = results.map(({ exchange, verdict }) => formatVerdictText(exchange, verdict, p));
  process.stdout.write(`${texts.join('\n\n')}\n`);
}

function explainCommand(options: Options): void {
  const message = options.positional.join(' ').trim();
  if (!message) throw new UsageError('explain takes the console message (quote it)');
  const parsed = parseConsoleMessage(message);
  if (!parsed) throw new UsageError('this does not look like a CORS error from Chrome or Firefox');
  if (options.format === 'json') {
    process.stdout.write(`${JSON.stringify(parsed, null, 2)}\n`);
    return;
  }
  const p = palette();
  const code = parsed.chromiumError ?? parsed.firefoxReason ?? 'unknown';
  process.stdout.write(
    [
      `${p.bold(code)}${parsed.failedParameter ? ` (${printable(parsed.failedParameter)})` : ''} — ${parsed.errorTitle ?? ''}`,
      `  ${printable(parsed.summary)}`,
      '',
      `  ${printable(parsed.explanation)}`,
      ...parsed.headerChanges.map((change) => `  → ${printable(change)}`),
    ].join('\n') + '\n',
  );
}

export function main(args: string[]): number {
  const [command, ...rest] = args;
  try {
    if (command === '--version' || command === '-v') {
      process.stdout.write(`${__CORS_LENS_VERSION__}\n`);
      return 0;
    }
    if (!command || command === '--help' || command === '-h' || command === 'help') {
      process.stdout.write(`${usage}\n`);
      return command ? 0 : 2;
    }
    const options = parseOptions(rest);
    if (command === 'analyze') analyzeCommand(options);
    else if (command === 'explain') explainCommand(options);
    else throw new UsageError(`unknown command ${JSON.stringify(command)}`);
    return 0;
  } catch (error) {
    if (error instanceof UsageError || error instanceof ExchangeInputError) {
      process.stderr.write(
        `cors-lens: ${error.message}\n${error instanceof UsageError ? `\n${usage}\n` : ''}`,
      );
      return 2;
    }
    throw error;
  }
}
