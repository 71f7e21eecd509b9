// A finding: a CORS configuration that works, and works too well (or breaks later). Used by
// the passive checks on every recorded exchange and by the active `cors-lens audit`.

export type Severity = 'high' | 'medium' | 'low' | 'info';
export const severities: readonly Severity[] = ['high', 'medium', 'low', 'info'];

export interface Finding {
  /** Stable, kebab-case: `reflected-origin-with-credentials`, ... (docs/security-findings.md lists them). */
  id: string;
  severity: Severity;
  title: string;
  /** What it lets an attacker do, or what breaks. */
  risk: string;
  /** The headers (or probe results) that show it. */
  evidence: string[];
  /** How to confirm what the passive check can only suspect; null when certain. */
  confirm: string | null;
  /** What to change, in words; the panel adds the config for the user's stack. */
  fix: string;
}

export function worstSeverity(findings: readonly Pick<Finding, 'severity'>[]): Severity | null {
  for (const severity of severities)
    if (findings.some((f) => f.severity === severity)) return severity;
  return null;
}
