import { useEffect, useRef, useState } from "react";
import { useI18n } from "../i18n/i18n";

/** Modal that shows a one-time password once, with a copy button. */
export function OneTimePasswordDialog({
  username,
  password,
  onClose,
}: {
  username: string;
  password: string;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const ref = useRef<HTMLDialogElement>(null);
  const [copied, setCopied] = useState<"yes" | "no" | null>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);

  async function copy() {
    try {
      await navigator.clipboard.writeText(password);
      setCopied("yes");
    } catch {
      setCopied("no");
    }
  }

  return (
    <dialog ref={ref} className="dialog" aria-labelledby="otp-title" onClose={onClose}>
      <h2 id="otp-title">{t("otp.title")}</h2>
      <p>{t("otp.explanation", { username })}</p>
      <p className="otp-value">
        <code data-testid="one-time-password">{password}</code>
      </p>
      <p role="status" className="otp-copy-status">
        {copied === "yes" ? t("otp.copied") : copied === "no" ? t("otp.copyFailed") : ""}
      </p>
      <div className="actions">
        <button type="button" onClick={() => void copy()}>
          {t("otp.copy")}
        </button>
        <button type="button" className="button-secondary" onClick={() => ref.current?.close()}>
          {t("common.close")}
        </button>
      </div>
    </dialog>
  );
}
