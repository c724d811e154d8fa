import { getFormProps } from "@conform-to/react";
import { Form, Link } from "@remix-run/react";
import type { disclosureFormSchema } from "~/forms/disclosure";
import { useServerCheckedForm } from "~/forms/use-server-checked-form";
import type { FormShape } from "~/forms/use-schema-form";
import { useI18n } from "~/i18n/use-i18n";

type Shape = FormShape<typeof disclosureFormSchema>;

/** The public income disclosure's switch on the reports page: one button, works without JavaScript. */
export function DisclosureSwitch({ slug, enabled }: { slug: string; enabled: boolean }) {
  const { t } = useI18n();
  const [form] = useServerCheckedForm<Shape>({ id: "disclosure-switch" });
  const path = `/coops/${slug}/disclosure`;
  return (
    <section aria-labelledby="disclosure-setting" className="rounded-lg bg-white p-4 shadow-sm">
      <h3 id="disclosure-setting" className="font-semibold">
        {t("disclosure.setting")}
      </h3>
      <p className="mt-1 text-sm text-soil-800">
        {enabled ? (
          <>
            {t("disclosure.settingOn")}{" "}
            <Link to={path} className="font-medium text-leaf-800 underline">
              {path}
            </Link>
          </>
        ) : (
          t("disclosure.settingOff")
        )}
      </p>
      <Form method="post" {...getFormProps(form)} className="mt-2">
        <input type="hidden" name="intent" value="disclosure" />
        <button
          type="submit"
          name="enabled"
          value={enabled ? "off" : "on"}
          className={
            enabled
              ? "rounded border border-soil-700 px-4 py-2 text-sm font-semibold"
              : "rounded bg-leaf-700 px-4 py-2 text-sm font-semibold text-white hover:bg-leaf-800"
          }
        >
          {enabled ? t("disclosure.turnOff") : t("disclosure.turnOn")}
        </button>
      </Form>
    </section>
  );
}
