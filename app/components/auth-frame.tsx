import type { ReactNode } from "react";

/** The frame shared by the sign-in and sign-up pages: heading, an alert, the form, a footer link. */
export function AuthFrame({
  id,
  title,
  alert,
  children,
  footer,
}: {
  id: string;
  title: string;
  alert?: string | null;
  children: ReactNode;
  footer: ReactNode;
}) {
  return (
    <section aria-labelledby={id} className="mx-auto max-w-sm">
      <h1 id={id} className="text-2xl font-bold">
        {title}
      </h1>
      {alert ? (
        <p role="alert" className="mt-3 rounded bg-chili-700/10 p-3 text-chili-700">
          {alert}
        </p>
      ) : null}
      {children}
      <p className="mt-4 text-sm">{footer}</p>
    </section>
  );
}

export const authSubmitClass = "w-full rounded bg-leaf-700 px-4 py-2 font-semibold text-white hover:bg-leaf-800 disabled:opacity-70";
