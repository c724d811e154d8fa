import { useState } from "react";
import { useHydrated } from "~/components/use-hydrated";
import { useI18n } from "~/i18n/use-i18n";
import { ConfirmAction } from "./confirm-action";

/**
 * The RTMP ingest address and the secret stream key (studio only). The key stays masked
 * until the host opens "Show stream key" (a <details>: works without JavaScript); Copy needs
 * JavaScript and appears once it runs; rotating asks first.
 */
export function StreamSettings({
  ingestUrl,
  streamKey,
  keyMadeAt,
  canRotate,
  openKey,
}: {
  ingestUrl: string;
  streamKey: string | null;
  keyMadeAt: string | null;
  canRotate: boolean;
  openKey: boolean;
}) {
  const { t, date } = useI18n();
  return (
    <section aria-labelledby="studio-stream" className="space-y-3 rounded-xl bg-white p-4 shadow-sm">
      <h2 id="studio-stream" className="text-lg font-semibold">
        {t("studio.stream")}
      </h2>
      <div>
        <p className="text-sm font-medium">{t("studio.ingestUrl")}</p>
        <div className="mt-1 flex items-center gap-2">
          <code className="min-w-0 flex-1 break-all rounded bg-soil-50 px-2 py-2 text-sm">{ingestUrl}</code>
          <CopyButton text={ingestUrl} label={t("studio.copyUrl")} />
        </div>
      </div>
      {streamKey ? (
        <details open={openKey} className="rounded border border-soil-100 p-2">
          <summary className="flex min-h-12 cursor-pointer items-center font-medium text-leaf-800">{t("studio.showKey")}</summary>
          <p className="text-sm font-medium">{t("studio.streamKey")}</p>
          <div className="mt-1 flex items-center gap-2">
            <code className="min-w-0 flex-1 break-all rounded bg-soil-50 px-2 py-2 text-sm" data-stream-key>
              {streamKey}
            </code>
            <CopyButton text={streamKey} label={t("studio.copyKey")} />
          </div>
          <p className="mt-2 text-xs text-soil-800">{t("studio.keySecret")}</p>
          {keyMadeAt ? <p className="text-xs text-soil-800">{t("studio.keyMadeAt", { time: date(keyMadeAt) })}</p> : null}
        </details>
      ) : (
        <p className="text-sm text-soil-800">{t("studio.noKey")}</p>
      )}
      {canRotate ? (
        <ConfirmAction
          label={t("studio.rotate")}
          question={t("studio.rotateConfirm")}
          yes={t("studio.rotateYes")}
          intent="rotate-key"
          tone="quiet"
        />
      ) : null}
    </section>
  );
}

function CopyButton({ text, label }: { text: string; label: string }) {
  const hydrated = useHydrated();
  const { t } = useI18n();
  const [copied, setCopied] = useState(false);
  if (!hydrated) return null;
  return (
    <button
      type="button"
      className="min-h-12 shrink-0 rounded-lg border-2 border-soil-700 px-3 text-sm font-semibold"
      onClick={() => {
        void navigator.clipboard?.writeText(text).then(() => setCopied(true));
      }}
    >
      <span aria-live="polite">{copied ? t("studio.copied") : label}</span>
    </button>
  );
}
