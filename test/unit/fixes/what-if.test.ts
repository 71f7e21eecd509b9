import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/analyzer/analyze';
import { formatHeaderLines, parseHeaderLines, withServerHeaders } from '../../../src/fixes/what-if';
import { exchange, h, page, preflight } from '../exchange-builder';

describe('what-if editing', () => {
  it('reads Name: value lines and reports the ones it cannot', () => {
    expect(parseHeaderLines('A: 1\n\nnot a header\nB:2 ')).toEqual({
      headers: h(['A', '1'], ['B', '2']),
      errors: ['Line 3: expected "Name: value"'],
    });
    expect(parseHeaderLines(formatHeaderLines(h(['X', 'y z'])))).toEqual({
      headers: h(['X', 'y z']),
      errors: [],
    });
  });

  it('re-checks the exchange with the edited headers', () => {
    const e = exchange({
      method: 'PUT',
      preflight: preflight({ method: 'PUT' }, 204, ['Access-Control-Allow-Origin', page]),
      error: 'net::ERR_FAILED',
    });
    expect(analyze(e).chromiumError).toBe('MethodDisallowedByPreflightResponse');
    const edited = withServerHeaders(e, {
      preflight: h(['Access-Control-Allow-Origin', page], ['Access-Control-Allow-Methods', 'PUT']),
      response: h(['Access-Control-Allow-Origin', page]),
    });
    expect(analyze(edited).outcome).toBe('ok');
  });
});
