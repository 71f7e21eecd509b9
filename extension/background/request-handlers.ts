import { browser } from '../browser';
import {
  isRequestMessage,
  type RequestMessage,
  type RequestMessages,
  type RequestType,
} from '../../src/protocol/messages';

type Handlers = {
  [K in RequestType]: (
    message: RequestMessage<K>,
  ) => Promise<RequestMessages[K]['response']> | RequestMessages[K]['response'];
};

const handlers: Handlers = {
  'cors-lens:ping': () => ({ version: __CORS_LENS_VERSION__ }),
};

/** Answers the typed one-shot messages; anything malformed is ignored, errors go back to the caller. */
export function listenForRequests(): void {
  browser.runtime.onMessage.addListener((message: unknown) => {
    if (!isRequestMessage(message)) return undefined;
    const handler = handlers[message.type] as (m: RequestMessage) => unknown;
    return Promise.resolve()
      .then(() => handler(message))
      .catch((error: unknown) => ({
        error: error instanceof Error ? error.message : String(error),
      }));
  });
}
