import { formatCountdown } from "~/domain/flash-sale";
import type { ReplayChapter } from "~/domain/replay-chapters";
import { useI18n } from "~/i18n/use-i18n";

// "Jump to" chapters of a shoppable replay: one per pin, in broadcast order. The chapter
// playing now is marked (aria-current), so the product card beside the video and this list
// agree.
export function ReplayChapters({
  chapters,
  titleOf,
  current,
  onJump,
}: {
  chapters: readonly ReplayChapter[];
  titleOf: (productId: string) => string | null;
  current: ReplayChapter | null;
  onJump: (ms: number) => void;
}) {
  const { t } = useI18n();
  const items = chapters.map((c) => ({ chapter: c, title: titleOf(c.productId) })).filter((x) => x.title !== null);
  if (items.length === 0) return null;
  return (
    <nav aria-labelledby="replay-chapters-title" className="rounded-lg bg-white p-3 shadow-sm">
      <h2 id="replay-chapters-title" className="font-semibold">
        {t("replay.chapters")}
      </h2>
      <ol className="mt-2 space-y-1">
        {items.map(({ chapter, title }) => {
          const at = formatCountdown(chapter.startMs / 1000);
          const active = current?.pinId === chapter.pinId;
          return (
            <li key={chapter.pinId}>
              <button
                type="button"
                onClick={() => onJump(chapter.startMs)}
                aria-current={active ? "true" : undefined}
                className={`flex w-full items-center gap-3 rounded px-2 py-2 text-left text-sm ${active ? "bg-leaf-50 font-semibold" : "hover:bg-soil-50"}`}
              >
                {/* Named by what it shows, "Jump to" only for screen readers: an aria-label would drop the visible text (WCAG 2.5.3). */}
                <span className="sr-only">{t("replay.jumpTo")}</span>
                <span className="font-mono tabular-nums text-soil-800">{at}</span>
                <span>{title}</span>
              </button>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
