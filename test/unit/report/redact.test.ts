import { describe, expect, it } from 'vitest';
import { redactExchange, redactHeader, redactUrl } from '../../../src/report/redact';
import { buildJsonReport } from '../../../src/report/json-report';
import { exchange, h } from '../exchange-builder';

describe('redaction', () => {
  it.each(['Cookie', 'Set-Cookie', 'Authorization', 'Proxy-Authorization'])(
    'replaces %s with a marker',
    (name) => {
      expect(redactHeader({ name, value: 'secret-value' })).toEqual({
        name,
        value: `[redacted ${name.toLowerCase()}, 12 characters]`,
      });
    },
  );
  it('catches token-looking values and names', () => {
    expect(redactHeader({ name: 'X-Api-Key', value: 'k1' }).value).toContain('redacted');
    expect(
      redactHeader({
        name: 'X-Other',
        value: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.abcdefghijkl',
      }).value,
    ).toContain('redacted');
    expect(redactHeader({ name: 'Content-Type', value: 'application/json' }).value).toBe(
      'application/json',
    );
    expect(
      redactHeader({ name: 'Access-Control-Allow-Headers', value: 'authorization' }).value,
    ).toBe('authorization');
  });
  it('cleans URLs: secret query values and userinfo', () => {
    expect(redactUrl('https://api.example.com/x?token=abc123&page=2')).toBe(
      'https://api.example.com/x?token=%5Bredacted+6+characters%5D&page=2',
    );
    expect(redactUrl('https://user:pw@api.example.com/')).toBe(
      'https://redacted:redacted@api.example.com/',
    );
    expect(redactUrl('https://api.example.com/x?page=2')).toBe('https://api.example.com/x?page=2');
  });
  it('covers every header list of an exchange', () => {
    const e = redactExchange(
      exchange({
        requestHeaders: [['Cookie', 'a=1']],
        preflight: { requestHeaders: h(['Authorization', 'x']), status: 204, headers: [] },
        response: { status: 200, headers: h(['Set-Cookie', 'b=2']) },
      }),
    );
    expect(JSON.stringify(e)).not.toMatch(/a=1|b=2|"x"/);
  });
  it('is on by default in the JSON report, and can be turned off', () => {
    const input = [
      {
        id: '1:1',
        startedAt: 0,
        exchange: exchange({
          requestHeaders: [['Cookie', 'sid=42']],
          response: { status: 200, headers: [] },
        }),
      },
    ];
    const redacted = buildJsonReport(input, {
      version: '0',
      generatedAt: '2026-12-02T00:00:00.000Z',
    });
    expect(JSON.stringify(redacted)).not.toContain('sid=42');
    expect(redacted.redacted).toBe(true);
    const full = buildJsonReport(input, {
      version: '0',
      generatedAt: '2026-12-02T00:00:00.000Z',
      includeSecrets: true,
    });
    expect(JSON.stringify(full)).toContain('sid=42');
  });
  it('describes itself', () => {
    const report = buildJsonReport(
      [{ id: '1:1', startedAt: 0, exchange: exchange({ response: { status: 200, headers: [] } }) }],
      {
        version: '1.2.3',
        generatedAt: '2026-12-02T00:00:00.000Z',
        pageUrl: 'https://app.example.com/page',
      },
    );
    expect(report).toMatchObject({
      schema: 'cors-lens.report/v1',
      tool: { name: 'CORS Lens', version: '1.2.3' },
      page: { origin: 'https://app.example.com' },
      summary: { total: 1, blocked: 1, byCode: { MissingAllowOriginHeader: 1 } },
    });
    expect(report.exchanges[0]).toMatchObject({
      url: 'https://api.example.com/v1/items',
      method: 'GET',
      outcome: 'blocked',
      startedAt: '1970-01-01T00:00:00.000Z',
      verdict: { chromiumError: 'MissingAllowOriginHeader', failedParameter: null },
    });
  });
});
