// Text that cannot drive a terminal or reorder what a reader sees: C0 and C1 control
// characters (ESC, BEL, BS, DEL, ...) and the bidi controls (U+202A–U+202E, U+2066–U+2069, and
// the marks U+200E, U+200F, U+061C) become visible `\uXXXX` escapes. Header values are the
// server's or the page's, so anything can be in them.

// eslint-disable-next-line no-control-regex -- matching control characters is the point
const hidden = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/g;
const hiddenButNewlines =
  // eslint-disable-next-line no-control-regex -- the same, newlines kept (a report's structure)
  /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/g;

const escape = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

export function printable(text: string, options: { keepNewlines?: boolean } = {}): string {
  return text.replace(options.keepNewlines ? hiddenButNewlines : hidden, escape);
}
