import { useId, useLayoutEffect, useRef, useState, type KeyboardEvent } from "react";
import { useI18n } from "~/i18n/use-i18n";
import { keyOf, renditionLabel, type QualityChoice, type QualityKey } from "./quality-options";

// A menu button (WAI-ARIA APG "menu button"): Enter, Space or the arrows open it, the arrows,
// Home and End move between the choices, Escape closes it and returns focus to the button.

export function QualityMenu({
  choices,
  selected,
  playingHeight,
  onChoose,
}: {
  choices: QualityChoice[];
  selected: QualityKey;
  /** Height of the rendition Auto is playing now, if known. */
  playingHeight: number | null;
  onChoose: (choice: QualityChoice) => void;
}) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const itemRefs = useRef<(HTMLButtonElement | null)[]>([]);
  const id = useId();
  const focusOnOpen = useRef(0);
  // Focus moves into the menu in the same commit that shows it, so a key pressed right after
  // opening already lands on an item (a frame later it would still reach the button).
  useLayoutEffect(() => {
    if (open) itemRefs.current[focusOnOpen.current]?.focus();
  }, [open]);
  const labelOf = (choice: QualityChoice) =>
    choice.id === "auto"
      ? playingHeight
        ? t("player.autoWith", { current: renditionLabel(playingHeight, 0) })
        : t("player.auto")
      : choice.id === "audio"
        ? t("player.audioOnly")
        : renditionLabel(choice.height, choice.bitrate);
  const current = choices.find((c) => keyOf(c) === selected) ?? choices[0];
  if (choices.length < 2) return null;

  const focusItem = (index: number) => {
    const count = choices.length;
    itemRefs.current[((index % count) + count) % count]?.focus();
  };
  const openAt = (index: number) => {
    focusOnOpen.current = index;
    setOpen(true);
  };
  const close = (refocus: boolean) => {
    setOpen(false);
    if (refocus) buttonRef.current?.focus();
  };
  const selectedIndex = Math.max(
    0,
    choices.findIndex((c) => keyOf(c) === selected),
  );

  const onButtonKey = (event: KeyboardEvent) => {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      openAt(event.key === "ArrowDown" ? selectedIndex : choices.length - 1);
    } else if (event.key === "Escape" && open) {
      event.preventDefault();
      close(true);
    }
  };
  const onMenuKey = (event: KeyboardEvent) => {
    const index = itemRefs.current.findIndex((el) => el === document.activeElement);
    const moves: Record<string, number> = { ArrowDown: index + 1, ArrowUp: index - 1, Home: 0, End: choices.length - 1 };
    if (event.key in moves) {
      event.preventDefault();
      focusItem(moves[event.key]);
    } else if (event.key === "Escape") {
      event.preventDefault();
      close(true);
    } else if (event.key === "Tab") {
      close(false);
    }
  };

  return (
    <div
      className="relative"
      // A click or tab elsewhere closes it.
      onBlur={(event) => {
        if (open && !event.currentTarget.contains(event.relatedTarget as Node | null)) setOpen(false);
      }}
    >
      <button
        ref={buttonRef}
        type="button"
        id={`${id}-button`}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? `${id}-menu` : undefined}
        onClick={() => (open ? close(false) : openAt(selectedIndex))}
        onKeyDown={onButtonKey}
        className="rounded px-2 py-1.5 text-sm font-medium hover:bg-white/10 focus-visible:outline focus-visible:outline-2 focus-visible:outline-white"
      >
        {t("player.quality", { current: current ? labelOf(current) : t("player.auto") })}
      </button>
      {open ? (
        <ul
          id={`${id}-menu`}
          role="menu"
          aria-label={t("player.qualityMenu")}
          onKeyDown={onMenuKey}
          // Keeps focus where it is on a press, so the blur above cannot close the menu before the click (Safari).
          onMouseDown={(event) => event.preventDefault()}
          className="absolute bottom-full right-0 z-20 mb-1 min-w-40 rounded bg-white py-1 text-soil-900 shadow-lg"
        >
          {choices.map((choice, index) => {
            const checked = keyOf(choice) === selected;
            return (
              <li key={keyOf(choice)} role="none">
                <button
                  ref={(el) => {
                    itemRefs.current[index] = el;
                  }}
                  type="button"
                  role="menuitemradio"
                  aria-checked={checked}
                  tabIndex={index === selectedIndex ? 0 : -1}
                  onClick={() => {
                    onChoose(choice);
                    close(true);
                  }}
                  className="flex w-full items-center gap-2 px-3 py-2 text-left text-sm hover:bg-leaf-50 focus:bg-leaf-100 focus:outline-none"
                >
                  <span aria-hidden="true" className="w-4">
                    {checked ? "✓" : ""}
                  </span>
                  {labelOf(choice)}
                </button>
              </li>
            );
          })}
        </ul>
      ) : null}
    </div>
  );
}
