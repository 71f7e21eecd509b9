// `cors-lens audit` against real server libraries configured the way their docs warn about,
// and the safe way: the insecure ones must come out high, the exact allow-list clean.
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audit } from '../../src/cli/audit';
import { startStack, startUpstream, type RunningServer } from './stack-servers';

const cli = resolve(import.meta.dirname, '../../dist/cli/cors-lens.mjs');
const run = promisify(execFile);
/** `cors-lens audit URL` as the trusted app with a cookie, plus `more` flags. */
const auditCli = (url: string, ...more: string[]) =>
  run(process.execPath, [
    cli,
    'audit',
    url,
    '--origin',
    'https://app.example.com',
    '--credentials',
    ...more,
  ]);
let upstream: Awaited<ReturnType<typeof startUpstream>>;

beforeAll(async () => {
  upstream = await startUpstream();
});
afterAll(async () => upstream?.close());

/** Runs `test` against `stack` started with `config`, and always stops it. */
async function withServer(
  stack: Parameters<typeof startStack>[0],
  config: string,
  test: (server: RunningServer) => Promise<void>,
): Promise<void> {
  const server = await startStack(stack, config, upstream.url);
  try {
    await test(server);
  } finally {
    await server.close();
  }
}

const auditAs = (url: string, credentials: boolean) =>
  audit({ url, trusted: 'https://app.example.com', credentials });

const worst = (findings: { severity: string; id: string }[]) =>
  findings.filter((f) => f.severity === 'high').map((f) => f.id);

describe('cors-lens audit on real servers', () => {
  it('Starlette with allow_origins=["*"] and credentials echoes any origin once a cookie is sent', async () => {
    await withServer(
      'fastapi',
      `from fastapi.middleware.cors import CORSMiddleware
app.add_middleware(CORSMiddleware, allow_origins=["*"], allow_credentials=True, allow_methods=["*"], allow_headers=["*"])`,
      async (server) => {
        const signedIn = await auditAs(server.url, true);
        expect(worst(signedIn.findings)).toEqual(
          expect.arrayContaining([
            'arbitrary-origin-reflected',
            'null-origin-reflected',
            'suffix-origin-reflected',
          ]),
        );
        // Without a cookie this Starlette answers `*`, which hides the problem from a naive scan.
        const anonymous = await auditAs(server.url, false);
        expect(worst(anonymous.findings)).toEqual([]);
        expect(anonymous.findings.map((f) => f.id)).toContain('wildcard-origin');
        // The CLI exits 1 on a high finding, so it fits in CI.
        const failure = await auditCli(server.url, '--json').catch(
          (e: unknown) => e as { code: number; stdout: string },
        );
        expect(failure).toMatchObject({ code: 1 });
        expect(JSON.parse((failure as { stdout: string }).stdout)).toMatchObject({
          url: server.url,
          findings: expect.arrayContaining([
            expect.objectContaining({
              id: 'arbitrary-origin-reflected',
              severity: 'high',
              origin: 'https://evil-cors-lens.example',
            }),
          ]),
        });
      },
    );
  });

  it('Express with the cors README’s regex /example\\.com$/ admits evilexample.com-style origins', async () => {
    await withServer(
      'express',
      `import cors from 'cors';\napp.use(cors({ origin: /example\\.com$/, credentials: true }));`,
      async (server) => {
        const result = await auditAs(server.url, true);
        expect(worst(result.findings)).toEqual(['prefix-origin-reflected']);
        expect(result.findings.find((f) => f.id === 'prefix-origin-reflected')?.origin).toBe(
          'https://evilapp.example.com',
        );
      },
    );
  });

  it('django-cors-headers with a regex missing its $ admits TRUSTED.attacker origins', async () => {
    await withServer(
      'django',
      `CORS_ALLOWED_ORIGIN_REGEXES = [r"^https://app\\.example\\.com"]\nCORS_ALLOW_CREDENTIALS = True`,
      async (server) => {
        const result = await auditAs(server.url, true);
        expect(worst(result.findings)).toEqual(
          expect.arrayContaining(['suffix-origin-reflected', 'special-character-reflected']),
        );
        expect(worst(result.findings)).not.toContain('arbitrary-origin-reflected');
      },
    );
  });

  it('an exact allow-list (our own Express fix) yields nothing above info', async () => {
    await withServer(
      'express',
      `import cors from 'cors';\napp.use(cors({ origin: ["https://app.example.com"], credentials: true }));`,
      async (server) => {
        const result = await auditAs(server.url, true);
        expect(result.findings.filter((f) => f.severity !== 'info')).toEqual([]);
        expect(result.findings.map((f) => f.id)).toEqual(['trusted-origin-allowed']);
        const { stdout } = await auditCli(server.url);
        expect(stdout).toContain('No finding above info.');
      },
    );
  });
});
