import { describe, expect, it } from 'vitest';
import { detectStack } from '../../../src/fixes/detect-stack';
import { exchange, h, ok, preflight } from '../exchange-builder';

const responding = (...headers: [string, string][]) => exchange({ response: ok(...headers) });

describe('detectStack', () => {
  it.each([
    [['X-Powered-By', 'Express'], 'express'],
    [['Server', 'uvicorn'], 'fastapi'],
    [['Server', 'Werkzeug/2.2.2 Python/3.11.2'], 'flask'],
    [['Server', 'WSGIServer/0.2 CPython/3.11.2'], 'django'],
    [['Server', 'WEBrick/1.7.0 (Ruby/3.1.2)'], 'rails'],
    [['Server', 'Kestrel'], 'aspnet'],
    [['X-Powered-By', 'PHP/8.2.7'], 'laravel'],
    [['Server', 'nginx/1.22.1'], 'nginx'],
    [['Server', 'Apache/2.4.62 (Debian)'], 'apache'],
    [['Server', 'Caddy'], 'caddy'],
  ] as [[string, string], string][])('%s → %s', (header, stack) => {
    expect(detectStack(responding(header))?.stack).toBe(stack);
  });

  it('reads the CORS libraries’ defaults', () => {
    const e = exchange({
      preflight: preflight({ method: 'PUT' }, 204, [
        'Access-Control-Allow-Methods',
        'GET,HEAD,PUT,PATCH,POST,DELETE',
      ]),
    });
    expect(detectStack(e)).toEqual({
      stack: 'express',
      because:
        "Access-Control-Allow-Methods: GET,HEAD,PUT,PATCH,POST,DELETE (the library's default)",
    });
    const django = exchange({
      preflight: preflight({ method: 'PUT' }, 200, ['Access-Control-Max-Age', '86400']),
    });
    expect(detectStack(django)?.stack).toBe('django');
  });

  it('prefers the application over the web server in front of it', () => {
    expect(detectStack(responding(['Server', 'nginx'], ['X-Powered-By', 'Express']))?.stack).toBe(
      'express',
    );
  });

  it('says nothing when nothing gives the server away', () => {
    expect(detectStack(exchange({ response: { url: 'x', status: 200, headers: h() } }))).toBeNull();
  });
});
