import { browser } from './browser';
import type {
  ErrorResponse,
  RequestMessage,
  RequestType,
  ResponseOf,
} from '../src/protocol/messages';

/** Sends a typed request to the worker; a wrong payload is a compile error. */
export async function ask<K extends RequestType>(
  message: RequestMessage<K>,
): Promise<ResponseOf<K>> {
  const answer = (await browser.runtime.sendMessage(message)) as ResponseOf<K> | ErrorResponse;
  if (typeof answer === 'object' && answer !== null && 'error' in answer)
    throw new Error(answer.error);
  return answer;
}
