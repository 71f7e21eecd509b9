import { describe, expect, it } from 'vitest';
import { captureOutput } from './captured-output';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../src/cli/cli';

const output = captureOutput();

const dir = mkdtempSync(join(tmpdir(), 'cors-lens-cli-'));
function file(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}
const blocked = {
  request: {
    method: 'GET',
    url: 'https://api.example.com/',
    origin: 'https://app.example.com',
    headers: [],
    credentials: 'omit',
  },
  response: { status: 200, headers: [] },
};
const passing = {
  ...blocked,
  response: { status: 200, headers: [{ name: 'Access-Control-Allow-Origin', value: '*' }] },
};

describe('cors-lens analyze', () => {
  it('prints a JSON array of verdicts in input order, exit 0 even when blocked', () => {
    expect(main(['analyze', file('two.json', [blocked, passing])])).toBe(0);
    const verdicts = JSON.parse(output.out) as {
      chromiumError: string | null;
      failedParameter: string | null;
    }[];
    expect(verdicts.map((v) => v.chromiumError)).toEqual(['MissingAllowOriginHeader', null]);
    expect(verdicts[0]).toHaveProperty('failedParameter', null);
  });
  it('wraps a single exchange in an array', () => {
    expect(main(['analyze', file('one.json', blocked)])).toBe(0);
    expect(JSON.parse(output.out)).toHaveLength(1);
  });
  it('prints text with --format text, without colour when not a TTY', () => {
    expect(main(['analyze', file('one.json', blocked), '--format', 'text'])).toBe(0);
    expect(output.out).toContain('BLOCKED GET https://api.example.com/ MissingAllowOriginHeader');
    expect(output.out).not.toContain('\u001b[');
  });
  it('adds the fix for the chosen stack with --fix, in JSON and text', () => {
    expect(main(['analyze', file('one.json', blocked), '--fix', 'fastapi'])).toBe(0);
    const [verdict] = JSON.parse(output.out) as {
      chromiumError: string;
      fix: { stack: string; config: string; changes: string[] };
    }[];
    expect(verdict?.chromiumError).toBe('MissingAllowOriginHeader');
    expect(verdict?.fix.stack).toBe('fastapi');
    expect(verdict?.fix.changes).toEqual(['Add `https://app.example.com` to `allow_origins`.']);
    expect(verdict?.fix.config).toContain('allow_origins=["https://app.example.com"]');
    output.out = '';
    expect(main(['analyze', file('one.json', blocked), '--fix', 'nginx', '--format', 'text'])).toBe(
      0,
    );
    expect(output.out).toContain('Fix for nginx:');
    expect(output.out).toContain('    "https://app.example.com" $http_origin;');
    output.out = '';
    main(['analyze', file('one.json', blocked)]);
    expect(JSON.parse(output.out)[0]).not.toHaveProperty('fix');
  });
  it('the README example: a credentialed PUT answered `*` by uvicorn', () => {
    expect(
      main(['analyze', 'test/fixtures/example-exchange.json', '--format', 'text', '--fix', 'auto']),
    ).toBe(0);
    expect(output.out).toContain(
      'BLOCKED PUT https://api.example.com/items/7 PreflightWildcardOriginNotAllowed',
    );
    expect(output.out).toContain(
      'Fix for FastAPI / Starlette (CORSMiddleware), detected from Server: uvicorn:',
    );
  });
  it.each([
    [['analyze', 'x', '--fix', 'cobol'], '--fix must be auto or one of express, fastify'],
    [['analyze', 'x', '--format', 'html'], '--format must be json or text'],
    [['har', 'x.har', '--format', 'text'], 'har writes a report: --format markdown, html or json'],
    [['har'], 'har takes one FILE.har'],
    [['analyze', '/no/such/file.json'], 'no such file'],
    [['analyze'], 'analyze takes one FILE'],
    [['analyze', 'x', '--format', 'xml'], '--format must be json or text'],
    [['frobnicate'], 'unknown command'],
  ])('exits 2 with a clear message: %j', (args, message) => {
    expect(main(args)).toBe(2);
    expect(output.err).toContain(message);
    expect(output.err).not.toMatch(/at .*\.ts:\d+/);
  });
  it('exits 2 on malformed JSON and names the field of a bad exchange', () => {
    expect(main(['analyze', file('bad.json', '{nope')])).toBe(2);
    expect(output.err).toContain('input: not valid JSON');
    expect(main(['analyze', file('bad2.json', [blocked, { request: { method: 'GET' } }])])).toBe(2);
    expect(output.err).toContain('input[1].request.url');
  });
});

describe('cors-lens explain', () => {
  it('explains a pasted Chrome message', () => {
    const message =
      "Access to fetch at 'https://api.example.com/x' from origin 'https://app.example.com' has been blocked by CORS policy: Request header field x-api-key is not allowed by Access-Control-Allow-Headers in preflight response.";
    expect(main(['explain', message])).toBe(0);
    expect(JSON.parse(output.out)).toMatchObject({
      chromiumError: 'HeaderDisallowedByPreflightResponse',
      failedParameter: 'x-api-key',
    });
  });
  it('exits 2 on something else', () => {
    expect(main(['explain', 'hello'])).toBe(2);
  });
});
