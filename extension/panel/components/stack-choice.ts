// The user's server stack, remembered across requests and sessions in the panel page's own
// storage ("auto": preselect from the traffic).
import { isStackId } from '../../../src/fixes/stacks';
import type { StackChoice } from './FixSection';

const key = 'cors-lens.stack';

export function loadStackChoice(): StackChoice {
  try {
    const saved = globalThis.localStorage?.getItem(key) ?? 'auto';
    return isStackId(saved) ? saved : 'auto';
  } catch {
    return 'auto';
  }
}

export function saveStackChoice(choice: StackChoice): void {
  try {
    globalThis.localStorage?.setItem(key, choice);
  } catch {
    // Storage can be unavailable (disabled, full): the choice then lasts the session.
  }
}
