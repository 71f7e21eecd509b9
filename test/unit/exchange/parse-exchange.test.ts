import { describe, expect, it } from 'vitest';
import {
  ExchangeInputError,
  parseExchange,
  parseExchangesJson,
} from '../../../src/exchange/parse-exchange';

const minimal = {
  request: {
    method: 'GET',
    url: 'https://api.example.com/',
    origin: 'https://app.example.com',
    headers: [],
  },
};

describe('parseExchange', () => {
  it('accepts the documented shape and ignores unknown fields', () => {
    const exchange = parseExchange({
      ...minimal,
      extra: 1,
      response: { status: 200, headers: [{ name: 'A', value: 'b' }], more: true },
    });
    expect(exchange.response).toEqual({ status: 200, headers: [{ name: 'A', value: 'b' }] });
  });
  it('accepts header maps and pairs too', () => {
    const exchange = parseExchange({
      ...minimal,
      response: { status: 200, headers: { 'Access-Control-Allow-Origin': '*' } },
      preflight: { status: 204, headers: [['A', 'b']] },
    });
    expect(exchange.response?.headers).toEqual([
      { name: 'Access-Control-Allow-Origin', value: '*' },
    ]);
    expect(exchange.preflight?.headers).toEqual([{ name: 'A', value: 'b' }]);
  });
  it('takes the origin from the Origin header when absent', () => {
    const exchange = parseExchange({
      request: {
        method: 'GET',
        url: 'https://api.example.com/',
        headers: [{ name: 'Origin', value: 'https://o.example' }],
      },
    });
    expect(exchange.request.origin).toBe('https://o.example');
  });
  it.each([
    [{}, 'exchange.request: expected an object, got nothing (the field is missing)'],
    [
      { request: { ...minimal.request, url: 'not a url' } },
      'exchange.request.url: not an absolute URL: "not a url"',
    ],
    [
      { request: { ...minimal.request, method: 'GE T' } },
      'exchange.request.method: not an HTTP method: "GE T"',
    ],
    [
      { request: { ...minimal.request, credentials: 'yes' } },
      'exchange.request.credentials: expected one of "include", "same-origin", "omit", got the string "yes"',
    ],
    [
      { ...minimal, response: { status: 'ok' } },
      'exchange.response.status: expected an HTTP status (an integer 0–999), got the string "ok"',
    ],
    [
      { ...minimal, response: { status: 200, headers: [{ name: 1, value: 'x' }] } },
      'exchange.response.headers[0].name: expected a string, got a number',
    ],
    [
      { request: { method: 'GET', url: 'https://a.example/', headers: [] } },
      'exchange.request.origin: missing (and no Origin request header to take it from)',
    ],
    [{ ...minimal, redirects: {} }, 'exchange.redirects: expected an array, got an object'],
  ])('names the field at fault: %j', (input, message) => {
    expect(() => parseExchange(input)).toThrow(ExchangeInputError);
    expect(() => parseExchange(input)).toThrow(message);
  });
  it('reads one exchange or an array, naming the index', () => {
    expect(parseExchangesJson(JSON.stringify(minimal))).toHaveLength(1);
    expect(() => parseExchangesJson(JSON.stringify([minimal, { request: 3 }]))).toThrow(
      'input[1].request: expected an object, got a number',
    );
    expect(() => parseExchangesJson('{oops')).toThrow(/^input: not valid JSON/);
  });
});
