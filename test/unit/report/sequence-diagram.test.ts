import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/analyzer/analyze';
import type { Exchange } from '../../../src/exchange/types';
import {
  diagramLayout,
  diagramNames,
  diagramSvg,
  sequenceDiagram,
} from '../../../src/report/sequence-diagram';
import { api, exchange, h, ok, page, preflight } from '../exchange-builder';

const diagramOf = (e: Exchange) => sequenceDiagram(e, analyze(e));
const arrows = (e: Exchange) =>
  diagramOf(e).steps.map((s) => `${s.from === 'page' ? '→' : '←'} ${s.title} [${s.state}]`);

/** A PUT with `X-Api-Key` whose preflight answers with `allowed` besides the page's origin. */
const refusedHeader = (...allowed: [string, string][]) =>
  exchange({
    method: 'PUT',
    requestHeaders: [['X-Api-Key', '1']],
    preflight: preflight(
      { method: 'PUT', headers: 'x-api-key' },
      204,
      ['Access-Control-Allow-Origin', page],
      ...allowed,
    ),
  });

describe('the sequence diagram', () => {
  it('a refused header: the preflight answer in red with the header that decided it; the request not sent', () => {
    const e = refusedHeader(
      ['Access-Control-Allow-Methods', 'PUT'],
      ['Access-Control-Allow-Headers', 'content-type'],
    );
    expect(arrows(e)).toEqual([
      '→ OPTIONS /v1/items [ok]',
      '← 204 (preflight) [fail]',
      '→ PUT /v1/items [not-sent]',
    ]);
    const answer = diagramOf(e).steps[1];
    expect(answer?.lines.filter((l) => l.fail).map((l) => l.text)).toEqual([
      'Access-Control-Allow-Headers: content-type',
      '✗ Header not allowed',
      '  x-api-key',
    ]);
    expect(diagramOf(e).outcome).toEqual({
      text: '✗ HeaderDisallowedByPreflightResponse',
      fail: true,
    });
  });

  it('a passing simple request: two arrows, nothing red, the page reads the response', () => {
    const e = exchange({
      requestHeaders: [['Origin', page]],
      response: ok(['Access-Control-Allow-Origin', page]),
      completed: true,
    });
    const d = diagramOf(e);
    expect(arrows(e)).toEqual(['→ GET /v1/items [ok]', '← 200 [ok]']);
    expect(d.steps[0]?.lines).toEqual([{ text: `Origin: ${page}` }]);
    expect(d.outcome).toEqual({ text: '✓ the page reads the response', fail: false });
  });

  it('a redirect without Allow-Origin: the redirect answer is the red one, with its Location', () => {
    const e = exchange({
      redirects: [{ url: api, status: 302, headers: h(['Location', '/v2/items']) }],
      response: { url: 'https://api.example.com/v2/items', status: 200, headers: [] },
    });
    const verdict = analyze(e);
    expect(verdict.stage).toBe('redirect');
    expect(arrows(e)).toEqual([
      '→ GET /v1/items [ok]',
      '← 302 [fail]',
      '→ GET /v2/items [ok]',
      '← 200 [ok]',
    ]);
    expect(diagramOf(e).steps[1]?.lines[0]).toEqual({
      text: 'Location: https://api.example.com/v2/items',
    });
  });

  it('a preflight the browser took from its cache is drawn as such', () => {
    const e = exchange({
      method: 'PUT',
      response: ok(['Access-Control-Allow-Origin', page]),
      completed: true,
    });
    expect(analyze(e).preflight).toBe('probably-cached');
    expect(arrows(e)[0]).toBe('→ OPTIONS (from the preflight cache, not sent) [cached]');
  });

  it('a request that got no answer names the network error', () => {
    const e = exchange({ error: 'net::ERR_CONNECTION_REFUSED' });
    expect(arrows(e)).toEqual(['→ GET /v1/items [ok]', '← no response [fail]']);
    expect(diagramOf(e).steps[1]?.lines[0]?.text).toBe('net::ERR_CONNECTION_REFUSED');
  });

  it('hostile values stay text: control and bidi characters escaped, markup escaped in the SVG', () => {
    const e = exchange({
      response: ok(['Access-Control-Allow-Origin', '<script>x</script>\u001b[31m\u202e']),
    });
    const lines = diagramOf(e).steps.flatMap((s) => s.lines.map((l) => l.text));
    // eslint-disable-next-line no-control-regex -- looking for them is the point
    expect(lines.join(' ')).not.toMatch(/[\u0000-\u001f\u202e]/);
    expect(lines.join(' ')).toContain('\\u001b[31m\\u202e');
    const svg = diagramSvg(e, analyze(e));
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('&#60;script&#62;');
  });

  it('lays every line out inside the diagram, each below the previous one', () => {
    const e = refusedHeader([
      'Access-Control-Allow-Headers',
      `a-${'very-long-header-name-'.repeat(8)}`,
    ]);
    const layout = diagramLayout(diagramOf(e), diagramNames(e));
    const texts = layout.shapes.flatMap((s) => (s.tag === 'text' ? [s] : []));
    for (const t of texts) {
      expect(t.text.length).toBeLessThanOrEqual(64);
      expect(t.y).toBeLessThan(layout.height);
    }
    const left = texts.filter((t) => !t.anchor).map((t) => t.y);
    expect(left).toEqual([...left].sort((a, b) => a - b));
    expect(new Set(left).size).toBe(left.length);
  });
});
