// The toolbar's icons: 16 px inline SVG in the current text color, drawn after DevTools' own
// (record, clear, filter, preserve log, download, settings). Decorative: every button that
// shows one carries its own accessible name.

const paths = {
  record: 'M8 3.5a4.5 4.5 0 1 0 0 9 4.5 4.5 0 0 0 0-9z',
  clear:
    'M8 2.5a5.5 5.5 0 1 0 0 11 5.5 5.5 0 0 0 0-11zM4 8a4 4 0 0 1 6.32-3.26L4.74 10.32A3.98 3.98 0 0 1 4 8zm4 4a3.98 3.98 0 0 1-2.32-.74l5.58-5.58A4 4 0 0 1 8 12z',
  filter: 'M2.5 3h11l-4.25 5v4.5l-2.5 1.25V8z',
  preserve: 'M3 2.5h10v11l-5-2.75-5 2.75zm1.5 1.5v7l3.5-1.9 3.5 1.9V4z',
  download:
    'M7.25 2.5h1.5v6.19l2.22-2.22 1.06 1.06L8 11.56 3.97 7.53l1.06-1.06 2.22 2.22zM3 12h10v1.5H3z',
  settings:
    'M9.1 1.5l.3 1.7c.4.2.8.4 1.1.7l1.6-.6 1.1 1.9-1.3 1.1v1.4l1.3 1.1-1.1 1.9-1.6-.6c-.3.3-.7.5-1.1.7l-.3 1.7H6.9l-.3-1.7c-.4-.2-.8-.4-1.1-.7l-1.6.6-1.1-1.9 1.3-1.1V6.3L2.8 5.2l1.1-1.9 1.6.6c.3-.3.7-.5 1.1-.7l.3-1.7zM8 6a2 2 0 1 0 0 4 2 2 0 0 0 0-4z',
  caret: 'M4.5 6h7L8 10z',
} as const;

export type IconName = keyof typeof paths;

export function Icon({ name }: { name: IconName }) {
  return (
    <svg
      class="icon"
      width="16"
      height="16"
      viewBox="0 0 16 16"
      aria-hidden="true"
      focusable="false"
    >
      <path d={paths[name]} fill="currentColor" fill-rule="evenodd" />
    </svg>
  );
}
