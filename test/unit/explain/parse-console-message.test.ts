import { describe, expect, it } from 'vitest';
import { chromeConsoleMessage, firefoxConsoleMessage } from '../../../src/analyzer/console-message';
import { corsErrorCodes, firefoxReasons } from '../../../src/analyzer/cors-errors';
import { parseConsoleMessage } from '../../../src/explain/parse-console-message';

const url = 'https://api.example.com/v1/items?q=1';
const origin = 'https://app.example.com';

const parameters: Partial<Record<(typeof corsErrorCodes)[number], string>> = {
  MultipleAllowOriginValues: `${origin}, ${origin}`,
  PreflightMultipleAllowOriginValues: 'https://a.example https://b.example',
  InvalidAllowOriginValue: 'invalid.origin',
  PreflightInvalidAllowOriginValue: "'*'",
  AllowOriginMismatch: `${origin}/`,
  PreflightAllowOriginMismatch: 'null',
  InvalidAllowCredentials: 'True',
  MethodDisallowedByPreflightResponse: 'PATCH',
  HeaderDisallowedByPreflightResponse: 'x-api-key',
};
// Codes whose text never reaches a console in current Chrome, or names no code of its own.
const notParsed = new Set([
  'InvalidResponse',
  'PreflightMissingAllowExternal',
  'PreflightInvalidAllowExternal',
]);

describe('parseConsoleMessage', () => {
  it.each(corsErrorCodes.filter((c) => !notParsed.has(c)))(
    'reads back Chrome’s text for %s',
    (code) => {
      const failedParameter = parameters[code] ?? null;
      const message = chromeConsoleMessage(code, {
        kind: 'fetch',
        initialUrl: url,
        failedUrl: url,
        origin,
        failedParameter,
      });
      const parsed = parseConsoleMessage(message);
      expect(parsed?.chromiumError).toBe(code);
      expect(parsed?.failedParameter).toBe(failedParameter);
      expect(parsed?.browser).toBe('chrome');
      expect(parsed?.summary.length).toBeGreaterThan(10);
    },
  );

  it('reads a redirect and an XHR initiator', () => {
    const parsed = parseConsoleMessage(
      `Access to XMLHttpRequest at '${url}' (redirected from 'https://api.example.com/old') from origin '${origin}' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.`,
    );
    expect(parsed).toMatchObject({
      chromiumError: 'MissingAllowOriginHeader',
      kind: 'XMLHttpRequest',
      redirectedFrom: 'https://api.example.com/old',
      url,
      origin,
    });
    expect(parsed?.explanation).toContain(origin);
  });

  it('reads the older Chrome texts with the no-cors advice', () => {
    const parsed = parseConsoleMessage(
      `Access to fetch at '${url}' from origin '${origin}' has been blocked by CORS policy: Response to preflight request doesn't pass access control check: No 'Access-Control-Allow-Origin' header is present on the requested resource. If an opaque response serves your needs, set the request's mode to 'no-cors' to fetch the resource with CORS disabled.`,
    );
    expect(parsed?.chromiumError).toBe('PreflightMissingAllowOriginHeader');
  });

  it.each(firefoxReasons)('reads Firefox’s text for %s', (reason) => {
    const message = firefoxConsoleMessage(reason, {
      url,
      status: 404,
      allowOrigin: 'https://x.example',
      token: '(x)',
      header: 'x-api-key',
    });
    const parsed = parseConsoleMessage(message);
    expect(parsed?.browser).toBe('firefox');
    expect(parsed?.firefoxReason).toBe(reason);
  });

  it('reads Firefox’s values', () => {
    const parsed = parseConsoleMessage(
      firefoxConsoleMessage('CORSMissingAllowHeaderFromPreflight', {
        url,
        status: null,
        allowOrigin: null,
        token: null,
        header: 'x-api-key',
      }),
    );
    expect(parsed).toMatchObject({
      chromiumError: 'HeaderDisallowedByPreflightResponse',
      failedParameter: 'x-api-key',
      url,
    });
    expect(
      parseConsoleMessage(
        firefoxConsoleMessage('CORSMissingAllowOrigin', {
          url,
          status: 500,
          allowOrigin: null,
          token: null,
          header: null,
        }),
      )?.status,
    ).toBe(500);
  });

  it('reads older Firefox wording with ASCII quotes', () => {
    const parsed = parseConsoleMessage(
      `Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at ${url}. (Reason: missing token 'x-foo' in CORS header 'Access-Control-Allow-Headers' from CORS preflight channel).`,
    );
    expect(parsed).toMatchObject({
      firefoxReason: 'CORSMissingAllowHeaderFromPreflight',
      failedParameter: 'x-foo',
    });
  });

  it('refuses what is not a CORS message', () => {
    expect(parseConsoleMessage('Uncaught TypeError: x is not a function')).toBeNull();
    expect(parseConsoleMessage('')).toBeNull();
  });
});
