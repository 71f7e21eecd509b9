// Vitest global setup of the Chromium suites: says which Chromium they run.
import { chromiumPath } from './browser';
import { browserVersion } from './versions';

export default function announce(): void {
  console.log(`browser: ${browserVersion(chromiumPath)} (${chromiumPath})`);
}
