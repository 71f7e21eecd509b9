import { describe, expect, it } from 'vitest';
import { decodeStored, encodeStored } from '../../../src/tracker/stored-json';
import { isCrossOriginFromPage } from '../../../src/tracker/webrequest-event';

describe('stored JSON', () => {
  it('gives back what was stored, hostile text included', () => {
    const record = {
      id: '1:42',
      inFlight: false,
      exchange: {
        request: { url: 'http://a.test/?q="</script>' },
        headers: [{ name: 'X', value: '\u2028\\' }],
      },
    };
    const text = encodeStored(record);
    expect(typeof text).toBe('string');
    expect(decodeStored(text)).toEqual(record);
  });

  it('reads an object written by an earlier version as it is, and broken text as null', () => {
    const old = { requests: {}, preflights: {} };
    expect(decodeStored(old)).toBe(old);
    expect(decodeStored(7)).toBe(7);
    expect(decodeStored('{"cut')).toBeNull();
  });
});

describe('isCrossOriginFromPage', () => {
  const at = (url: string, initiator?: string, tabId = 3) =>
    isCrossOriginFromPage({ tabId, url, initiator });

  it('keeps http(s) requests to another origin made from a tab', () => {
    expect(at('http://127.0.0.1:9000/x', 'http://localhost:8000')).toBe(true);
    expect(at('https://api.test/x', 'https://api.test:8443')).toBe(true);
  });

  it("keeps a worker's request (tabId -1) made for a web page's origin", () => {
    expect(at('http://127.0.0.1:9000/x', 'http://localhost:8000', -1)).toBe(true);
    expect(at('http://localhost:8000/x', 'http://localhost:8000', -1)).toBe(false);
  });

  it("drops tab-less requests of the browser and of extensions (they are no page's)", () => {
    expect(at('http://127.0.0.1:9000/x', 'chrome-extension://abcdef', -1)).toBe(false);
    expect(at('http://127.0.0.1:9000/x', 'moz-extension://abcdef', -1)).toBe(false);
    expect(at('http://127.0.0.1:9000/x', undefined, -1)).toBe(false);
  });

  it('drops same-origin, non-http and initiatorless requests', () => {
    expect(at('http://localhost:8000/x', 'http://localhost:8000')).toBe(false);
    expect(at('https://API.test:443/x', 'https://api.test')).toBe(false);
    expect(at('data:text/plain,x', 'http://localhost:8000')).toBe(false);
    expect(at('chrome-extension://abc/x', 'http://localhost:8000')).toBe(false);
    expect(at('http://127.0.0.1:9000/x', undefined)).toBe(false);
    expect(at('not a url', 'http://localhost:8000')).toBe(false);
  });
});
