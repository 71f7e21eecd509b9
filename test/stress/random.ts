// A seeded, fast generator of hostile inputs for the fuzz tests: plain PRNG rather than
// fast-check, because a million inputs must take seconds, not minutes.

export class Random {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0 || 1;
  }
  /** xorshift32 */
  next(): number {
    let x = this.state;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.state = x >>> 0;
    return this.state / 4294967296;
  }
  int(max: number): number {
    return Math.floor(this.next() * max);
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)] as T;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
}

const headerNames = [
  'Origin',
  'Access-Control-Allow-Origin',
  'access-control-allow-origin',
  'Access-Control-Allow-Credentials',
  'Access-Control-Allow-Methods',
  'Access-Control-Allow-Headers',
  'Access-Control-Expose-Headers',
  'Access-Control-Max-Age',
  'Access-Control-Request-Method',
  'Access-Control-Request-Headers',
  'Access-Control-Allow-Private-Network',
  'Vary',
  'Location',
  'Set-Cookie',
  'Cookie',
  'Authorization',
  'Content-Type',
  'Sec-Fetch-Mode',
  'X-Api-Key',
  '',
  ' ',
  'X\u0000Y',
  '💥',
  'a'.repeat(300),
];

const values = [
  '*',
  'null',
  'true',
  'TRUE',
  '',
  'http://localhost:8000',
  'https://app.example.com',
  'https://app.example.com/',
  'http://localhost:8000, http://localhost:8000',
  'GET, PUT, *',
  'x-api-key,, ,content-type',
  '<img src=x onerror=alert(1)>',
  '</script><script>alert(1)</script>',
  'javascript:alert(1)',
  '\u202eevil\u202c',
  '\u0000\u0001\u001f\u007f',
  'é✓中文',
  '-1',
  '99999999999999999999',
  'NaN',
  '/relative/location',
  'http://user:pass@127.0.0.1/x',
  '\r\nInjected: yes',
];

// One shared 1 MB value: the cost under test is the analyzer's, not the allocator's.
const huge = `${'x'.repeat(1_000_000)}<img src=x onerror=alert(1)>`;

export function hostileString(random: Random): string {
  const roll = random.next();
  if (roll < 0.0005) return huge;
  if (roll < 0.1) {
    let s = '';
    const length = random.int(64);
    for (let i = 0; i < length; i++) s += String.fromCharCode(random.int(0x3000));
    return s;
  }
  return random.pick(values);
}

export function headerList(random: Random, max = 12): { name: string; value: string }[] {
  const count = random.chance(0.0002) ? 3000 : random.int(max);
  const list: { name: string; value: string }[] = [];
  for (let i = 0; i < count; i++)
    list.push({
      name: random.chance(0.9) ? random.pick(headerNames) : hostileString(random),
      value: hostileString(random),
    });
  return list;
}

const urls = [
  'http://127.0.0.1:9000/s/a/0',
  'https://api.example.com/v1/items?token=abc',
  'http://[::1]:8080/x',
  'file:///etc/passwd',
  'data:text/plain,hi',
  'not a url',
  '',
  'http://user:pass@127.0.0.1/x',
  'javascript:alert(1)',
];
const methods = ['GET', 'PUT', 'POST', 'DELETE', 'OPTIONS', 'patch', '', 'G E T', '💥'];
const statuses = [0, 200, 204, 301, 302, 307, 308, 400, 401, 403, 404, 405, 500, -1, 99999, NaN];

export function randomUrl(random: Random): string {
  return random.chance(0.9) ? random.pick(urls) : hostileString(random);
}
export function randomMethod(random: Random): string {
  return random.pick(methods);
}
export function randomStatus(random: Random): number {
  return random.pick(statuses);
}
