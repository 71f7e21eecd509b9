import { describe, expect, it } from 'vitest';
import { buildJsonReport } from '../../../src/report/json-report';
import { htmlReport } from '../../../src/report/html-report';
import { escapeHtml } from '../../../src/report/escape-html';
import { markdownReport, mdCode } from '../../../src/report/markdown-report';
import { exchange, h, page, preflight } from '../exchange-builder';

const options = {
  version: '0.1.0',
  generatedAt: '2026-12-02T12:00:00.000Z',
  pageUrl: `${page}/checkout?session=abc123def456`,
  browser: { name: 'Chromium', version: '156.0.8078.114' },
};
const inputs = [
  {
    id: '1:1',
    startedAt: 0,
    exchange: exchange({
      method: 'PUT',
      requestHeaders: [
        ['Authorization', 'Bearer secret-token-value'],
        ['X-Session', 'sid=42'],
      ],
      preflight: preflight(
        { method: 'PUT', headers: 'authorization,x-api-key' },
        204,
        ['Access-Control-Allow-Origin', page],
        ['Access-Control-Allow-Methods', 'PUT'],
        ['Access-Control-Allow-Headers', 'authorization'],
      ),
      error: 'net::ERR_FAILED',
    }),
  },
  {
    id: '1:2',
    startedAt: 5,
    exchange: exchange({
      response: {
        status: 200,
        headers: h(
          ['Access-Control-Allow-Origin', '<img src=x onerror=alert(1)>'],
          ['X-Note', '`code` | pipe </script>'],
        ),
      },
      error: 'net::ERR_FAILED',
    }),
  },
  {
    id: '1:3',
    startedAt: 9,
    exchange: exchange({
      response: { status: 200, headers: h(['Access-Control-Allow-Origin', '*']) },
      completed: true,
    }),
  },
];
const report = buildJsonReport(inputs, options);

describe('markdown report', () => {
  const md = markdownReport(report);
  it('has the page, browser, time and each blocked exchange with message, diff, explanation, change and curl', () => {
    expect(md).toContain('# CORS report for https://app.example.com');
    expect(md).toContain('Chromium 156.0.8078.114');
    expect(md).toContain('2026-12-02T12:00:00.000Z');
    expect(md).toContain('## Blocked requests (2)');
    expect(md).toContain('HeaderDisallowedByPreflightResponse');
    expect(md).toContain('Request header field x-api-key is not allowed');
    expect(md).toMatch(/\| \*\*x-api-key\*\* \| `x-api-key` \| `authorization` \| — \| fail ← \|/);
    expect(md).toContain('curl -i -X OPTIONS');
    expect(md).toContain('## Other requests (1)');
  });
  it('redacts by default and keeps markup inert', () => {
    expect(md).not.toContain('secret-token-value');
    expect(md).not.toContain('sid=42');
    expect(md).not.toContain('abc123def456');
    const prose = md.replace(/```[\s\S]*?```/g, '').replace(/(`+)[^`]*?\1/g, '');
    expect(prose).not.toMatch(/[^\\]<img/);
  });
  it('puts no raw control or bidi character anywhere, curl commands included', () => {
    const hostile = '\u001b[31mred\u0007\b\u007f\u0085\u202egnp.exe\u2066x\u200f';
    const input = {
      id: '1:9',
      startedAt: 0,
      exchange: exchange({
        requestHeaders: [['X-Note', hostile]],
        response: {
          status: 200,
          headers: h(['Access-Control-Allow-Origin', hostile], ['X-Why', hostile]),
        },
        error: 'net::ERR_FAILED',
      }),
    };
    const text = markdownReport(buildJsonReport([input], { ...options, includeSecrets: true }));
    expect(text).not.toMatch(
      // eslint-disable-next-line no-control-regex -- looking for them is the point
      /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u200e\u200f]/,
    );
    expect(text).toContain('\\u001b[31mred');
    expect(text).toContain('\\u202egnp.exe');
  });
  it('code spans survive backticks and pipes', () => {
    expect(mdCode('a`b')).toBe('``a`b``');
    expect(mdCode('`x`')).toBe('`` `x` ``');
    expect(mdCode('a|b')).toBe('`a\\|b`');
  });
  it('matches the snapshot', () => {
    expect(md).toMatchSnapshot();
  });
});

describe('html report', () => {
  const html = htmlReport(report);
  it('is self-contained and forbids scripts', () => {
    expect(html).toContain("default-src 'none'");
    expect(html).not.toMatch(/<script|<link|src=["']http/i);
  });
  it('escapes every value', () => {
    expect(html).toContain('&#60;img src=x onerror=alert(1)&#62;');
    expect(html).not.toContain('<img');
    expect(escapeHtml(`<a href="x">'&`)).toBe('&#60;a href=&#34;x&#34;&#62;&#39;&#38;');
  });
  it('redacts by default', () => {
    expect(html).not.toContain('secret-token-value');
    expect(html).not.toContain('sid=42');
  });
  it('matches the snapshot', () => {
    expect(html).toMatchSnapshot();
  });
});

describe('the fix in reports', () => {
  const forDjango = buildJsonReport(inputs, { ...options, stack: 'django' });
  it('carries the fix for the chosen stack on blocked exchanges only', () => {
    const fixes = forDjango.exchanges.map((e) => e.fix?.stack ?? null);
    expect(fixes).toEqual(
      forDjango.exchanges.map((e) => (e.outcome === 'blocked' ? 'django' : null)),
    );
    expect(forDjango.exchanges.find((e) => e.fix)?.fix?.config).toContain('CORS_ALLOW_HEADERS');
  });
  it('renders it in Markdown as a fenced block and in HTML as escaped text', () => {
    const md = markdownReport(forDjango);
    expect(md).toContain('**Suggested fix — Django (django-cors-headers)**');
    expect(md).toMatch(/1\. Add `x-api-key` to `CORS_ALLOW_HEADERS`\./);
    expect(md).toMatch(/```python\n# "corsheaders" in INSTALLED_APPS/);
    const html = htmlReport(forDjango);
    expect(html).toContain(
      '<li>Add <code>x-api-key</code> to <code>CORS_ALLOW_HEADERS</code>.</li>',
    );
    expect(html).toContain('CORS_ALLOWED_ORIGINS = [&#34;https://app.example.com&#34;]');
  });
});

describe('findings in reports', () => {
  const withFindings = buildJsonReport(
    [
      {
        id: '1:9',
        startedAt: 0,
        exchange: exchange({
          request: {
            method: 'GET',
            url: 'https://api.example.com/me',
            origin: page,
            credentials: 'include',
            headers: [],
          },
          response: {
            status: 200,
            headers: h(
              ['Access-Control-Allow-Origin', page],
              ['Access-Control-Allow-Credentials', 'true'],
              ['Access-Control-Expose-Headers', 'X-Session-Token'],
            ),
          },
          completed: true,
        }),
      },
    ],
    options,
  );
  it('list every finding of passing exchanges too, with evidence and fix', () => {
    const md = markdownReport(withFindings);
    // Grouped by kind, each with the requests it was seen on.
    expect(md).toContain('## Findings (3 kinds)');
    expect(md).toContain('- **MEDIUM** The origin is echoed with credentials allowed — 1 request');
    expect(md).toContain('  Seen on: `GET https://api.example.com/me`');
    expect(md).toContain('  - `response: Access-Control-Allow-Credentials: true`');
    const html = htmlReport(withFindings);
    expect(html).toContain('<h2>Findings (3 kinds)</h2>');
    expect(html).toContain('<code>response: Access-Control-Expose-Headers: X-Session-Token</code>');
  });
});

describe('one fix per server', () => {
  it('merges what every blocked request to a server needs into one config, and lists the rest', () => {
    const put = (path: string, header: string) =>
      exchange({
        method: 'PUT',
        request: {
          method: 'PUT',
          url: `https://api.example.com${path}`,
          origin: page,
          headers: [],
        },
        preflight: preflight({ method: 'PUT', headers: header }, 204),
        response: null,
      });
    const merged = buildJsonReport(
      [
        { id: 'a', startedAt: 0, exchange: put('/items', 'x-api-key') },
        { id: 'b', startedAt: 1, exchange: put('/orders', 'x-trace') },
      ],
      { ...options, stack: 'express' },
    );
    expect(merged.servers).toHaveLength(1);
    const [server] = merged.servers ?? [];
    expect(server?.server).toBe('https://api.example.com');
    expect(server?.fixes).toEqual(['a', 'b']);
    expect(server?.policy.methods).toEqual(expect.arrayContaining(['PUT']));
    expect(server?.policy.headers).toEqual(expect.arrayContaining(['x-api-key', 'x-trace']));
    expect(server?.config).toContain('x-api-key');
    expect(server?.config).toContain('x-trace');
    const md = markdownReport(merged);
    expect(md.indexOf('## One fix per server')).toBeLessThan(md.indexOf('## Blocked requests'));
    expect(md).toContain('Fixes 2 blocked requests (#1, #2)');
    expect(htmlReport(merged)).toContain('<h2>One fix per server</h2>');
  });
});

describe('json report', () => {
  it('matches the snapshot', () => {
    expect(report).toMatchSnapshot();
  });
});
