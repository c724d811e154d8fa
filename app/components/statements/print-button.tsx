import { useI18n } from "~/i18n/use-i18n";

/** Prints the page (without JavaScript the browser's own print command does the same); never printed itself. */
export function PrintButton() {
  const { t } = useI18n();
  return (
    <button
      type="button"
      data-print-hide
      onClick={() => window.print()}
      className="rounded border border-leaf-700 px-3 py-1.5 text-sm font-medium text-leaf-800 hover:bg-leaf-50"
    >
      {t("statement.print")}
    </button>
  );
}
