// Figures from batches run side by side: a ratio is taken between two batches that ran in the
// same round (the same `key`), so a slow stretch of this shared machine falls on both sides.

export interface RatioFigure {
  median: number;
  p25: number;
  p75: number;
}

export interface Batch<V extends string> {
  /** Batches with the same key ran side by side. */
  key: string;
  variant: V;
  ms: number;
}

export const quantile = (values: number[], q: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * q))] ??
  NaN;

/** Per variant, the median and p25–p75 of its batches' ratios to `baseline`'s beside them. */
export function ratiosTo<V extends string>(
  run: Batch<V>[],
  variants: readonly V[],
  baseline: V,
): Record<V, RatioFigure> {
  return Object.fromEntries(
    variants.map((name) => {
      const paired = run
        .filter((b) => b.variant === name)
        .flatMap((b) => {
          const beside = run.find((o) => o.variant === baseline && o.key === b.key);
          return beside ? [b.ms / beside.ms] : [];
        });
      const figure: RatioFigure = {
        median: quantile(paired, 0.5),
        p25: quantile(paired, 0.25),
        p75: quantile(paired, 0.75),
      };
      return [name, figure];
    }),
  ) as Record<V, RatioFigure>;
}
