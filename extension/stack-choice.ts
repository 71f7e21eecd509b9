// The user's server stack, remembered across requests and sessions in the extension pages'
// own storage (shared by the panel and the popup) ("auto": preselect from the traffic).
import { isStackChoice, type StackChoice } from '../src/fixes/stacks/stack';

const key = 'cors-lens.stack';

export function loadStackChoice(): StackChoice {
  try {
    const saved = globalThis.localStorage?.getItem(key);
    return isStackChoice(saved) ? saved : 'auto';
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
