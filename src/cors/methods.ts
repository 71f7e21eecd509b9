// Fetch §2.2.1 "Methods": https://fetch.spec.whatwg.org/#methods

const normalizedMethods = ['DELETE', 'GET', 'HEAD', 'OPTIONS', 'POST', 'PUT'];

/** Only these six are upper-cased when the request is made; `patch` stays `patch`. */
export function normalizeMethod(method: string): string {
  const upper = method.toUpperCase();
  return normalizedMethods.includes(upper) ? upper : method;
}

/** https://fetch.spec.whatwg.org/#cors-safelisted-method */
export function isSafelistedMethod(method: string): boolean {
  return method === 'GET' || method === 'HEAD' || method === 'POST';
}
