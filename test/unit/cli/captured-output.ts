// What the CLI writes, captured per test: `output.out` and `output.err`.
import { afterEach, beforeEach, vi } from 'vitest';

export function captureOutput(): { out: string; err: string } {
  const output = { out: '', err: '' };
  beforeEach(() => {
    output.out = '';
    output.err = '';
    vi.spyOn(process.stdout, 'write').mockImplementation(
      (chunk) => ((output.out += String(chunk)), true),
    );
    vi.spyOn(process.stderr, 'write').mockImplementation(
      (chunk) => ((output.err += String(chunk)), true),
    );
  });
  afterEach(() => vi.restoreAllMocks());
  return output;
}
