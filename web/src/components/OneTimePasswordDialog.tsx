import { useEffect, useRef, useState } from "react";
import { useI18n } from "../i18n/i18n";

/**
 * Modal that shows a one-time password, with a copy button. The server never shows it again,
 * so closing (Escape included) asks first unless it was copied.
 */
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
  const [confirming, setConfirming] = useState(false);
  const keepOpenRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (confirming) keepOpenRef.current?.focus();
  }, [confirming]);

  function askToClose() {
    if (copied === "yes") ref.current?.close();
    else setConfirming(true);
  }

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
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby="otp-title"
      onClose={onClose}
      onCancel={(event) => {
        // Escape: the password would be lost for good; ask instead of closing.
        event.preventDefault();
        askToClose();
      }}
    >
      <h2 id="otp-title">{t("otp.title")}</h2>
      <p>{t("otp.explanation", { username })}</p>
      <p className="otp-value">
        <code data-testid="one-time-password">{password}</code>
      </p>
      <p role="status" className="otp-copy-status">
        {copied === "yes" ? t("otp.copied") : copied === "no" ? t("otp.copyFailed") : ""}
      </p>
      {confirming ? (
        <div className="alert alert-error" role="alert">
          <p>{t("otp.confirmClose")}</p>
          <div className="actions">
            <button type="button" ref={keepOpenRef} onClick={() => setConfirming(false)}>
              {t("otp.keepOpen")}
            </button>
            <button type="button" className="button-secondary" onClick={() => ref.current?.close()}>
              {t("otp.closeAnyway")}
            </button>
          </div>
        </div>
      ) : (
        <div className="actions">
          <button type="button" onClick={() => void copy()}>
            {t("otp.copy")}
          </button>
          <button type="button" className="button-secondary" onClick={askToClose}>
            {t("common.close")}
          </button>
        </div>
      )}
    </dialog>
  );
}
