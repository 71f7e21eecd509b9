import { describe, expect, it } from 'vitest';
import { auditProbes, judgeAudit, type ProbeAnswer } from '../../../src/audit/active-audit';

/** A server whose allow check is `test(origin)`: echoes what passes, with credentials. */
function serve(test: (origin: string) => boolean, credentials = true): ProbeAnswer[] {
  return auditProbes('https://app.example.com').map((probe) => ({
    ...probe,
    status: 200,
    headers: test(probe.origin)
      ? [
          { name: 'Access-Control-Allow-Origin', value: probe.origin },
          ...(credentials ? [{ name: 'Access-Control-Allow-Credentials', value: 'true' }] : []),
          { name: 'Vary', value: 'Origin' },
        ]
      : [],
  }));
}
const high = (answers: ProbeAnswer[]) =>
  judgeAudit(answers)
    .filter((f) => f.severity === 'high')
    .map((f) => f.id);

describe('active audit', () => {
  it('sends the CORScanner/Corsy origin set for a trusted origin', () => {
    expect(auditProbes('https://app.example.com').map((p) => `${p.kind} ${p.origin}`)).toEqual([
      'trusted https://app.example.com',
      'arbitrary https://evil-cors-lens.example',
      'null null',
      'suffix https://app.example.com.evil-cors-lens.example',
      'prefix https://evilapp.example.com',
      'unescaped-dot https://app.examplexcom',
      'http-downgrade http://app.example.com',
      'subdomain https://cors-lens-audit.app.example.com',
      'special-character https://app.example.com_.evil-cors-lens.example',
      'special-character https://app.example.com`.evil-cors-lens.example',
      'special-character https://app.example.com}.evil-cors-lens.example',
    ]);
    expect(auditProbes('http://127.0.0.1:8080').map((p) => p.kind)).not.toContain('subdomain');
  });

  it('names each sloppy check by the bypass it admits', () => {
    expect(high(serve(() => true))).toContain('arbitrary-origin-reflected');
    expect(high(serve((o) => /^https:\/\/app.example.com$/.test(o)))).toEqual([
      'unescaped-dot-reflected',
    ]);
    expect(high(serve((o) => o.startsWith('https://app.example.com')))).toEqual([
      'suffix-origin-reflected',
      'special-character-reflected',
      'special-character-reflected',
      'special-character-reflected',
    ]);
    expect(high(serve((o) => o.endsWith('example.com')))).toEqual(['prefix-origin-reflected']);
    const subdomains = judgeAudit(serve((o) => /^https:\/\/([\w-]+\.)*app\.example\.com$/.test(o)));
    expect(subdomains.find((f) => f.id === 'any-subdomain-trusted')?.severity).toBe('medium');
  });

  it('an exact allow-list gives only the info baseline; reflection without credentials is low', () => {
    expect(judgeAudit(serve((o) => o === 'https://app.example.com'))).toEqual([
      expect.objectContaining({ id: 'trusted-origin-allowed', severity: 'info' }),
    ]);
    const anonymous = judgeAudit(serve(() => true, false));
    expect(anonymous.find((f) => f.id === 'arbitrary-origin-reflected')?.severity).toBe('low');
  });
});
