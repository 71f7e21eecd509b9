// Every message the extension's contexts exchange, declared once. The worker, the panel
// and the popup import these types; `isRequestMessage` guards what arrives on the wire.

/** One-shot requests (`runtime.sendMessage`) and what the worker answers to each. */
export interface RequestMessages {
  'cors-lens:ping': { request: object; response: { version: string } };
}

export type RequestType = keyof RequestMessages;
export type RequestMessage<K extends RequestType = RequestType> = {
  [T in K]: { type: T } & RequestMessages[T]['request'];
}[K];
export type ResponseOf<K extends RequestType> = RequestMessages[K]['response'];

/** Sent back instead of a response when the worker could not handle a request. */
export interface ErrorResponse {
  error: string;
}

const requestTypes: Record<RequestType, true> = {
  'cors-lens:ping': true,
};

export function isRequestMessage(value: unknown): value is RequestMessage {
  if (typeof value !== 'object' || value === null) return false;
  const type = (value as { type?: unknown }).type;
  return typeof type === 'string' && Object.hasOwn(requestTypes, type);
}
