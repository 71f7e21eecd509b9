import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { Icon, type IconName } from './Icons';

interface Props {
  /** The button's accessible name and title. */
  label: string;
  /** Without one, the button is a caret beside the button it belongs to. */
  icon?: IconName;
  /** Words beside the icon, when there is room. */
  text?: string;
  children: ComponentChildren;
}

/**
 * A toolbar button that opens a small panel of settings below it (a disclosure, as DevTools'
 * gear does). Escape or a click elsewhere closes it and gives the focus back to the button.
 */
export function ToolbarMenu({ label, icon, text, children }: Props) {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLSpanElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const id = `menu-${label.toLowerCase().replace(/\W+/g, '-')}`;
  useEffect(() => {
    if (!open) return undefined;
    root.current?.querySelector<HTMLElement>('.menu input, .menu select, .menu button')?.focus();
    const outside = (event: MouseEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', outside);
    return () => document.removeEventListener('mousedown', outside);
  }, [open]);
  return (
    <span
      class="menu-root"
      ref={root}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && open) {
          event.stopPropagation();
          setOpen(false);
          button.current?.focus();
        }
      }}
    >
      <button
        type="button"
        ref={button}
        class={text ? 'tool with-text' : 'tool'}
        title={label}
        aria-label={label}
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpen(!open)}
      >
        {icon && <Icon name={icon} />}
        {text && <span class="tool-text">{text}</span>}
        <Icon name="caret" />
      </button>
      {open && (
        <div class="menu" id={id} role="group" aria-label={label}>
          {children}
        </div>
      )}
    </span>
  );
}
