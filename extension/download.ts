import { ask } from './messaging';
import type { ExportFormat } from '../src/protocol/messages';
import { loadStackChoice } from './stack-choice';

export interface ExportScope {
  blockedOnly?: boolean;
  ids?: string[];
}

/** Saves an export of a tab through a blob link: no downloads permission needed. */
export async function downloadExport(
  tabId: number,
  format: ExportFormat,
  scope: ExportScope = {},
): Promise<void> {
  const { content, filename, mimeType } = await ask({
    type: 'cors-lens:export',
    tabId,
    format,
    stack: loadStackChoice(),
    ...scope,
  });
  const url = URL.createObjectURL(new Blob([content], { type: mimeType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
