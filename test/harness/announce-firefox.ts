// Vitest global setup of the Firefox suite: says which Firefox it runs.
import { firefoxPath } from './firefox';
import { browserVersion } from './versions';

export default function announce(): void {
  console.log(`browser: ${browserVersion(firefoxPath)} (${firefoxPath})`);
}
