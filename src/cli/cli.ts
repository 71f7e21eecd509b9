// `cors-lens`: the command-line face of the shared analyzer.
//   cors-lens analyze FILE|-  [--format json|text] [--fix STACK]
//   cors-lens explain "MESSAGE"
// Exit codes: 0 done (even when a request is blocked), 2 bad input or usage.

import { readFileSync } from 'node:fs';
import { analyze } from '../analyzer/analyze';
import { ExchangeInputError, parseExchangesJson } from '../exchange/parse-exchange';
import { explainMessage } from '../explain/parse-console-message';
import { colours, formatAuditText, formatVerdictText, plain, printable } from './format-text';
import { check, CheckError } from './check';
import type { Header } from '../exchange/types';
import { HarInputError, readHar } from '../har/read-har';
import { parseUrl } from '../http/origin';
import { audit } from './audit';
import { parseReport, verify, VerifyInputError } from './verify';
import { verifyMarkdown, verifyText } from './format-verify';
import { checkPolicy, parsePolicy, PolicyInputError } from './policy';
import { formatPolicyText } from './format-policy';
import { buildJsonReport } from '../report/json-report';
import { htmlReport } from '../report/html-report';
import { markdownReport } from '../report/markdown-report';
import { suggestFix } from '../fixes/suggest-fix';
import { isStackChoice, stackIds, type StackChoice } from '../fixes/stacks';

const usage = `Usage:
  cors-lens analyze FILE|- [--format json|text] [--fix STACK]
                                                  classify exchanges (one JSON object or an array)
  cors-lens explain "MESSAGE" [--format json|text] explain a CORS error copied from the console
  cors-lens har FILE.har|- [--format markdown|html|json] [--fix STACK] [--blocked-only] [--include-secrets]
                                                  the report of a HAR exported from Chrome DevTools
  cors-lens audit URL [--origin TRUSTED] [--credentials] [--method M] [--json]
                                                  send crafted origins; report which are echoed
  cors-lens check URL --origin ORIGIN [--method M] [-H 'Name: value']... [--credentials include|omit]
                 [--fix STACK] [--json]
                                                  ask the server the way Chromium would
  cors-lens verify REPORT.json [--base URL] [--format text|markdown|json] [--send-actual [--method M]]
                                                  ask the servers of a report's blocked requests again
  cors-lens check --policy cors-policy.json BASE_URL [--json]
                                                  check a server against a declared CORS policy (CI)
  cors-lens --version | --help

analyze prints a JSON array of verdicts, one per input exchange, in order; with --fix each
verdict also carries "fix", the suggested server change for STACK. check always suggests one
(--fix auto, the default, picks the stack the server's responses give away).
STACK: auto, ${stackIds.join(', ')}.
har writes the same report as the extension's export (default Markdown), redacted unless
--include-secrets.
Exit status: 0 when everything was analysed (even if blocked), 2 on bad input.
check exits 0 when a browser would allow the request, 1 when it would block it, 2 on bad
input or an unreachable server. audit sends only to URL, and exits 1 when a finding is high.`;

class UsageError extends Error {}
/** Bad input (an unreadable file, a message that is no browser error): one line, no usage. */
class InputError extends Error {}

type Format = 'json' | 'text' | 'markdown' | 'html';

interface Options {
  format: Format;
  formatGiven: boolean;
  positional: string[];
  origin?: string;
  method?: string;
  headers: Header[];
  credentials?: 'include' | 'omit';
  fix?: StackChoice;
  includeSecrets?: boolean;
  blockedOnly?: boolean;
  /** audit --credentials: probe as a signed-in browser (with a cookie). */
  sendCookie?: boolean;
  /** verify: the scheme, host and port to ask instead of the report's. */
  base?: string;
  /** check --policy: the declared policy to check the server against. */
  policy?: string;
  /** verify: send the actual requests too (safe methods, or the one named by --method). */
  sendActual?: boolean;
}

/** analyze, explain and check print JSON or text. */
function textOrJson(options: Options): void {
  if (options.format !== 'json' && options.format !== 'text')
    throw new UsageError(`--format must be json or text, not ${JSON.stringify(options.format)}`);
}

function parseOptions(args: string[], command = ''): Options {
  const options: Options = { format: 'json', formatGiven: false, positional: [], headers: [] };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    const [flag, inline] =
      arg.startsWith('--') && arg.includes('=')
        ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
        : [arg, undefined];
    const value = () => {
      const v = inline ?? args[++i];
      if (v === undefined) throw new UsageError(`${flag} needs a value`);
      return v;
    };
    if (flag === '--format') {
      const v = value();
      if (v !== 'json' && v !== 'text' && v !== 'markdown' && v !== 'html')
        throw new UsageError(`--format must be json or text, not ${JSON.stringify(v)}`);
      options.format = v;
      options.formatGiven = true;
    } else if (flag === '--json') {
      options.format = 'json';
      options.formatGiven = true;
    } else if (flag === '--include-secrets') options.includeSecrets = true;
    else if (flag === '--blocked-only') options.blockedOnly = true;
    else if (flag === '--base' && command === 'verify') options.base = value();
    else if (flag === '--policy') options.policy = value();
    else if (flag === '--send-actual' && command === 'verify') options.sendActual = true;
    else if (flag === '--origin') options.origin = value();
    else if (flag === '--method' || flag === '-X') options.method = value();
    else if (flag === '-H' || flag === '--header') {
      const v = value();
      const colon = v.indexOf(':');
      if (colon <= 0) throw new UsageError(`-H takes 'Name: value', not ${JSON.stringify(v)}`);
      options.headers.push({ name: v.slice(0, colon).trim(), value: v.slice(colon + 1).trim() });
    } else if (flag === '--credentials' && command === 'audit') {
      options.sendCookie = true;
    } else if (flag === '--credentials') {
      const v = value();
      if (v !== 'include' && v !== 'omit')
        throw new UsageError(`--credentials must be include or omit, not ${JSON.stringify(v)}`);
      options.credentials = v;
    } else if (flag === '--fix') {
      const v = value();
      if (!isStackChoice(v))
        throw new UsageError(
          `--fix must be auto or one of ${stackIds.join(', ')}, not ${JSON.stringify(v)}`,
        );
      options.fix = v;
    } else if (arg.startsWith('-') && arg !== '-' && arg !== '--') {
      throw new UsageError(`unknown option ${arg}`);
    } else {
      options.positional.push(arg);
    }
  }
  return options;
}

/** A file read and parsed; a parse error names the file (one line, exit 2). */
function readParsed<T>(file: string, parse: (text: string) => T): T {
  const text = readInput(file);
  try {
    return parse(text);
  } catch (error) {
    if (error instanceof VerifyInputError || error instanceof PolicyInputError)
      throw new InputError(`${file}: ${error.message}`);
    throw error;
  }
}

function readInput(file: string): string {
  try {
    return readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(
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
  textOrJson(options);
  const [file, extra] = options.positional;
  if (!file || extra !== undefined)
    throw new UsageError('analyze takes one FILE (or - for standard input)');
  const exchanges = parseExchangesJson(readInput(file));
  const results = exchanges.map((exchange) => {
    const verdict = analyze(exchange);
    return { exchange, verdict, fix: options.fix && suggestFix(exchange, verdict, options.fix) };
  });
  if (options.format === 'json') {
    const out = results.map(({ verdict, fix }) => (fix ? { ...verdict, fix } : verdict));
    process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
    return;
  }
  const p = palette();
  const texts = results.map(({ exchange, verdict, fix }) =>
    formatVerdictText(exchange, verdict, p, fix),
  );
  process.stdout.write(`${texts.join('\n\n')}\n`);
}

function harCommand(options: Options): void {
  const [file, extra] = options.positional;
  if (!file || extra !== undefined)
    throw new UsageError('har takes one FILE.har (or - for standard input)');
  const format = options.formatGiven ? options.format : 'markdown';
  if (format === 'text')
    throw new UsageError('har writes a report: --format markdown, html or json');
  const har = readHar(readInput(file));
  const inputs = har.exchanges.filter(
    (e) => !options.blockedOnly || analyze(e.exchange).outcome === 'blocked',
  );
  const report = buildJsonReport(inputs, {
    version: __CORS_LENS_VERSION__,
    generatedAt: new Date().toISOString(),
    pageUrl: har.pageUrl,
    browser: har.browser,
    includeSecrets: options.includeSecrets ?? false,
    stack: options.fix ?? 'auto',
  });
  const out =
    format === 'json'
      ? JSON.stringify(report, null, 2)
      : format === 'html'
        ? htmlReport(report)
        : markdownReport(report);
  process.stdout.write(out.endsWith('\n') ? out : `${out}\n`);
}

function explainCommand(options: Options): void {
  textOrJson(options);
  const message = options.positional.join(' ').trim();
  if (!message) throw new UsageError('explain takes the console message (quote it)');
  const parsed = explainMessage(message);
  if (!parsed)
    throw new InputError(
      'this does not look like an error from Chrome, Firefox or Safari (paste the console line as it is)',
    );
  if (options.format === 'json') {
    process.stdout.write(`${JSON.stringify(parsed, null, 2)}\n`);
    return;
  }
  const p = palette();
  const code =
    parsed.chromiumError ??
    parsed.firefoxReason ??
    (parsed.possibleErrors ? `one of ${parsed.possibleErrors.join(', ')}` : null) ??
    parsed.notCors?.title ??
    (parsed.category === 'generic' ? 'Request failed (the message does not say why)' : 'unknown');
  process.stdout.write(
    [
      `${p.bold(printable(code))}${parsed.failedParameter ? ` (${printable(parsed.failedParameter)})` : ''}${parsed.errorTitle ? ` — ${parsed.errorTitle}` : ''}${parsed.browser === 'safari' ? ' (Safari)' : ''}`,
      `  ${printable(parsed.summary)}`,
      '',
      `  ${printable(parsed.explanation)}`,
      ...parsed.headerChanges.map((change) => `  → ${printable(change)}`),
    ].join('\n') + '\n',
  );
}

async function policyCommand(options: Options, file: string): Promise<number> {
  const [base, extra] = options.positional;
  if (!base || extra !== undefined) throw new UsageError('check --policy takes one base URL');
  try {
    if (!/^https?:$/.test(new URL(base).protocol)) throw new Error();
  } catch {
    throw new UsageError(`not an http(s) URL: ${JSON.stringify(base)}`);
  }
  const policy = readParsed(file, parsePolicy);
  const result = await checkPolicy(policy, base);
  if (options.formatGiven && options.format === 'json')
    process.stdout.write(
      `${JSON.stringify({ schema: 'cors-lens.policy/v1', ...result }, null, 2)}\n`,
    );
  else process.stdout.write(formatPolicyText(result, palette()));
  if (result.checks.some((c) => c.actual === 'unreachable')) return 2;
  return result.ok ? 0 : 1;
}

async function checkCommand(options: Options): Promise<number> {
  textOrJson(options);
  if (options.policy) return policyCommand(options, options.policy);
  const [url, extra] = options.positional;
  if (!url || extra !== undefined) throw new UsageError('check takes one URL');
  if (!options.origin)
    throw new UsageError(
      'check needs --origin, the origin of the page that would make the request',
    );
  try {
    new URL(url);
    if (new URL(options.origin).origin !== options.origin && options.origin !== 'null')
      throw new Error();
  } catch {
    throw new UsageError(
      `not a URL and origin: ${JSON.stringify(url)} --origin ${JSON.stringify(options.origin)} (an origin is scheme://host[:port], no path)`,
    );
  }
  const method = options.method ?? 'GET';
  if (!/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(method))
    throw new UsageError(`not an HTTP method: ${JSON.stringify(method)}`);
  const { exchange, verdict, unreachable } = await check({
    url,
    origin: options.origin,
    method,
    headers: options.headers,
    credentials: options.credentials ?? 'omit',
  });
  const json = options.formatGiven && options.format === 'json';
  if (unreachable !== null) {
    // --json always prints JSON: the network-error verdict, with the error in words.
    if (json)
      process.stdout.write(
        `${JSON.stringify({ ...verdict, exchange, error: unreachable }, null, 2)}\n`,
      );
    process.stderr.write(`cors-lens: ${unreachable}\n`);
    return 2;
  }
  const fix = suggestFix(exchange, verdict, options.fix ?? 'auto');
  if (json) process.stdout.write(`${JSON.stringify({ ...verdict, exchange, fix }, null, 2)}\n`);
  else process.stdout.write(`${formatVerdictText(exchange, verdict, palette(), fix)}\n`);
  return verdict.outcome === 'blocked' ? 1 : 0;
}

async function auditCommand(options: Options): Promise<number> {
  textOrJson(options);
  const [url, extra] = options.positional;
  if (!url || extra !== undefined) throw new UsageError('audit takes one URL');
  const parsed = parseUrl(url);
  if (!parsed || !/^https?:$/.test(parsed.protocol))
    throw new UsageError(`not an http(s) URL: ${JSON.stringify(url)}`);
  if (options.origin !== undefined && parseUrl(options.origin)?.origin !== options.origin)
    throw new UsageError(
      `--origin takes the trusted origin, scheme://host[:port], not ${JSON.stringify(options.origin)}`,
    );
  const result = await audit({
    url,
    ...(options.origin ? { trusted: options.origin } : {}),
    credentials: options.sendCookie ?? false,
    ...(options.method ? { method: options.method } : {}),
  });
  const json = options.formatGiven && options.format === 'json';
  if (result.unreachable) {
    if (json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    process.stderr.write(`cors-lens: ${result.unreachable.error}\n`);
    return 2;
  }
  if (json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  else process.stdout.write(`${formatAuditText(result, palette())}\n`);
  return result.findings.some((f) => f.severity === 'high') ? 1 : 0;
}

async function verifyCommand(options: Options): Promise<number> {
  const [file, extra] = options.positional;
  if (!file || extra !== undefined) throw new UsageError('verify takes one report file');
  if (options.format === 'html') throw new UsageError('--format must be text, markdown or json');
  if (options.base) {
    try {
      if (!/^https?:$/.test(new URL(options.base).protocol)) throw new Error();
    } catch {
      throw new UsageError(`--base takes an http(s) URL, not ${JSON.stringify(options.base)}`);
    }
  }
  const report = readParsed(file, parseReport);
  const result = await verify(report, {
    sendActual: options.sendActual ?? false,
    ...(options.base ? { base: options.base } : {}),
    ...(options.method ? { method: options.method } : {}),
  });
  const format = options.formatGiven ? options.format : 'text';
  process.stdout.write(
    format === 'json'
      ? `${JSON.stringify({ schema: 'cors-lens.verify/v1', ...result }, null, 2)}\n`
      : format === 'markdown'
        ? verifyMarkdown(result.rows, result.servers)
        : verifyText(result.rows, palette(), result.servers),
  );
  return result.exitCode;
}

/** Like `main`, for commands that talk to the network. */
export async function mainAsync(args: string[]): Promise<number> {
  if (args[0] !== 'check' && args[0] !== 'audit' && args[0] !== 'verify') return main(args);
  try {
    if (args[0] === 'audit') return await auditCommand(parseOptions(args.slice(1), 'audit'));
    if (args[0] === 'verify') return await verifyCommand(parseOptions(args.slice(1), 'verify'));
    return await checkCommand(parseOptions(args.slice(1)));
  } catch (error) {
    if (
      error instanceof UsageError ||
      error instanceof CheckError ||
      error instanceof VerifyInputError ||
      error instanceof PolicyInputError ||
      error instanceof InputError
    ) {
      process.stderr.write(`cors-lens: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}

export function main(args: string[]): number {
  const [command, ...rest] = args;
  let options: Options | undefined;
  try {
    if (command === '--version' || command === '-v') {
      process.stdout.write(`${__CORS_LENS_VERSION__}\n`);
      return 0;
    }
    if (!command || command === '--help' || command === '-h' || command === 'help') {
      process.stdout.write(`${usage}\n`);
      return command ? 0 : 2;
    }
    options = parseOptions(rest);
    if (command === 'analyze') analyzeCommand(options);
    else if (command === 'har') harCommand(options);
    else if (command === 'explain') explainCommand(options);
    else throw new UsageError(`unknown command ${JSON.stringify(command)}`);
    return 0;
  } catch (error) {
    if (error instanceof HarInputError) {
      process.stderr.write(`cors-lens: ${options?.positional[0] ?? 'HAR'}: ${error.message}\n`);
      return 2;
    }
    if (
      error instanceof UsageError ||
      error instanceof ExchangeInputError ||
      error instanceof InputError
    ) {
      process.stderr.write(
        `cors-lens: ${error.message}\n${error instanceof UsageError ? `\n${usage}\n` : ''}`,
      );
      return 2;
    }
    throw error;
  }
}
