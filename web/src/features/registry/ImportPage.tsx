import { useEffect, useId, useRef, useState, type ChangeEvent } from "react";
import { Link } from "react-router-dom";
import { ApiError } from "../../api/client";
import { cancelImport, getImport, startImport, uploadImportChunk } from "../../api/registry";
import type { ImportJob } from "../../api/types";
import { downloadText } from "../../components/download";
import { ErrorAlert, errorMessage } from "../../components/forms";
import { usePageTitle } from "../../components/usePageTitle";
import { formatNumber, intlLocale } from "../../i18n/format";
import { useI18n, type MessageKey } from "../../i18n/i18n";
import { sha256Hex, uploadInChunks } from "./chunkedUpload";
import {
  IMPORT_FIELDS,
  mappingFor,
  mappingProblems,
  readHeader,
  reportCsv,
  spreadsheetDelimiter,
  suggestChoices,
  type ColumnChoice,
  type CsvHeader,
} from "./csvImport";
import { ImportGuide } from "./ImportGuide";
import { importProcessing, importOutcome } from "./importOutcome";
import { Labels } from "./labels";
import "./registry.css";

type Phase = "choose" | "hashing" | "uploading" | "upload_failed" | "processing" | "finished";
const FINISHED = new Set(["done", "failed", "cancelled"]);
const POLL_MS = 1000;

const IMPORT_FIELD_KEYS: Record<(typeof IMPORT_FIELDS)[number], MessageKey> = {
  given_name: "registry.field.given_name",
  family_name: "registry.field.family_name",
  patronymic: "registry.field.patronymic",
  birth_date: "registry.field.birth_date",
  sex: "registry.field.sex",
  identifier_scheme: "import.field.identifier_scheme",
  identifier_value: "import.field.identifier_value",
  community_code: "import.field.community_code",
  settlement_code: "import.field.settlement_code",
  address: "registry.field.address",
  phone: "registry.field.phone",
  languages: "registry.field.languages",
  disability_degree: "registry.field.disability_degree",
  notes: "registry.field.notes",
  household_ref: "import.field.household_ref",
  relationship_to_head: "registry.relationshipToHead",
};

function percent(part: number, whole: number): number {
  if (whole <= 0) return 0;
  return Math.min(100, Math.floor((part * 100) / whole));
}

/** Import persons from a CSV file: map the columns, upload in chunks, follow the job, see the report. */
export function ImportPage() {
  const { t, language } = useI18n();
  usePageTitle(t("import.title"));
  const fileId = useId();
  const [file, setFile] = useState<File | null>(null);
  const [header, setHeader] = useState<CsvHeader | null>(null);
  const [choices, setChoices] = useState<ColumnChoice[]>([]);
  const [partial, setPartial] = useState(true);
  const [skipDuplicates, setSkipDuplicates] = useState(false);
  const [linkDuplicates, setLinkDuplicates] = useState(false);
  const [phase, setPhase] = useState<Phase>("choose");
  const [job, setJob] = useState<ImportJob | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [alreadyImported, setAlreadyImported] = useState(false);
  // Aborted when the page goes away, so an upload in progress stops sending chunks.
  const stopped = useRef(new AbortController());
  useEffect(() => {
    const controller = new AbortController();
    stopped.current = controller;
    return () => controller.abort();
  }, []);

  async function choose(event: ChangeEvent<HTMLInputElement>) {
    const chosen = event.target.files?.[0] ?? null;
    setError(null);
    setJob(null);
    setAlreadyImported(false);
    setPhase("choose");
    setFile(chosen);
    setHeader(null);
    if (!chosen) return;
    try {
      const read = await readHeader(chosen);
      setHeader(read);
      setChoices(suggestChoices(read.columns));
    } catch (caught) {
      setError(caught);
    }
  }

  async function upload(current: ImportJob, source: File) {
    setPhase("uploading");
    try {
      const uploaded = await uploadInChunks({
        job: current,
        file: source,
        put: (offset, chunk) => uploadImportChunk(current.id, offset, chunk, stopped.current.signal),
        refresh: () => getImport(current.id),
        onProgress: setJob,
        signal: stopped.current.signal,
      });
      setJob(uploaded);
      setPhase(FINISHED.has(uploaded.status) ? "finished" : "processing");
    } catch (caught) {
      if (stopped.current.signal.aborted) return;
      setError(caught);
      setPhase("upload_failed");
    }
  }

  async function start(again = false) {
    if (!file || !header) return;
    setError(null);
    setAlreadyImported(false);
    setPhase("hashing");
    try {
      const sha256 = await sha256Hex(file);
      const created = await startImport({
        file_name: file.name,
        size: file.size,
        sha256,
        mapping: mappingFor(header.columns, choices),
        partial,
        skip_possible_duplicates: skipDuplicates || undefined,
        link_possible_duplicates: linkDuplicates || undefined,
        again: again || undefined,
      });
      setJob(created);
      if (created.status === "uploading") await upload(created, file);
      else setPhase(FINISHED.has(created.status) ? "finished" : "processing");
    } catch (caught) {
      setAlreadyImported(caught instanceof ApiError && caught.code === "import.already_imported");
      setError(caught);
      setPhase("choose");
    }
  }

  async function resume() {
    if (!job || !file) return;
    setError(null);
    try {
      // Continue from what the server holds, not from what we last heard.
      const current = await getImport(job.id);
      setJob(current);
      if (current.status === "uploading") await upload(current, file);
      else setPhase(FINISHED.has(current.status) ? "finished" : "processing");
    } catch (caught) {
      setError(caught);
      setPhase("upload_failed");
    }
  }

  async function cancel() {
    if (!job) return;
    try {
      setJob(await cancelImport(job.id));
    } catch (caught) {
      setError(caught);
    }
  }

  // Follow the job while the server validates and writes.
  const jobId = job?.id;
  useEffect(() => {
    if (phase !== "processing" || !jobId) return;
    let cancelled = false;
    let timer = 0;
    const poll = async () => {
      try {
        const current = await getImport(jobId);
        if (cancelled) return;
        setJob(current);
        if (FINISHED.has(current.status)) {
          setPhase("finished");
          return;
        }
      } catch (caught) {
        if (cancelled) return;
        setError(caught);
      }
      timer = window.setTimeout(() => void poll(), POLL_MS);
    };
    void poll();
    return () => {
      cancelled = true;
      window.clearTimeout(timer);
    };
  }, [phase, jobId]);

  function downloadReport() {
    if (!job) return;
    const text = reportCsv(
      [
        t("import.col.row"),
        t("import.col.person"),
        t("import.col.field"),
        t("import.col.severity"),
        t("import.col.code"),
        t("import.col.message"),
      ],
      job.errors.map((problem) => ({
        ...problem,
        field: problem.field ? fieldLabel(problem.field) : "",
        severity: problem.severity === "warning" ? t("import.warning") : t("import.error"),
      })),
      spreadsheetDelimiter(intlLocale(language)),
    );
    downloadText(text, `${(job.file_name || "import").replace(/\.csv$/i, "")}-report.csv`);
  }

  const problems = mappingProblems(choices);
  const busy = phase === "hashing" || phase === "uploading" || phase === "processing";
  const uploadPercent = job ? percent(job.bytes_received, job.size) : 0;
  const processing = job ? importProcessing(job) : ({ kind: "starting" } as const);
  const fieldLabel = (field: string) =>
    field in IMPORT_FIELD_KEYS ? t(IMPORT_FIELD_KEYS[field as keyof typeof IMPORT_FIELD_KEYS]) : field;

  return (
    <section className="page" aria-labelledby="import-title">
      <p>
        <Link to="/registry">{t("registry.backToSearch")}</Link>
      </p>
      <h1 id="import-title">{t("import.title")}</h1>
      <p>{t("import.intro")}</p>
      <div className="field">
        <label htmlFor={fileId}>{t("import.file")}</label>
        <input id={fileId} type="file" accept=".csv,text/csv" onChange={(event) => void choose(event)} disabled={busy} />
        <p className="field-hint">{t("import.fileHint")}</p>
      </div>
      {!file && phase === "choose" ? <ImportGuide fieldLabel={fieldLabel} /> : null}
      <ErrorAlert message={error ? errorMessage(error, t) : null} />
      {alreadyImported ? (
        <div className="actions">
          <button type="button" className="button-secondary" onClick={() => void start(true)}>
            {t("import.again")}
          </button>
        </div>
      ) : null}
      {header && file && (phase === "choose" || phase === "hashing") ? (
        <div className="card">
          <h2>{t("import.mappingTitle")}</h2>
          <p>
            {t("import.detected", {
              count: header.columns.length,
              delimiter: header.delimiter === ";" ? t("import.semicolon") : t("import.comma"),
            })}
          </p>
          <div className="table-scroll">
            <table className="data-table">
              <caption className="visually-hidden">{t("import.mappingTitle")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("import.column")}</th>
                  <th scope="col">{t("import.becomes")}</th>
                </tr>
              </thead>
              <tbody>
                {header.columns.map((column, index) => (
                  <tr key={`${index}:${column}`}>
                    <th scope="row">
                      <code>{column || t("import.unnamedColumn", { n: index + 1 })}</code>
                    </th>
                    <td>
                      <select
                        aria-label={t("import.mapColumn", { column: column || String(index + 1) })}
                        value={choices[index] ?? "ignore"}
                        onChange={(e) =>
                          setChoices(choices.map((c, i) => (i === index ? (e.target.value as ColumnChoice) : c)))
                        }
                      >
                        <option value="ignore">{t("import.ignore")}</option>
                        {IMPORT_FIELDS.map((field) => (
                          <option key={field} value={field}>
                            {fieldLabel(field)}
                          </option>
                        ))}
                      </select>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {problems.length ? (
            <ul className="field-error" role="alert">
              {problems.map((problem) => (
                <li key={`${problem.kind}:${problem.field}`}>
                  {problem.kind === "missing"
                    ? t("import.missingField", { field: fieldLabel(problem.field) })
                    : t("import.duplicateField", { field: fieldLabel(problem.field) })}
                </li>
              ))}
            </ul>
          ) : null}
          <fieldset>
            <legend>{t("import.options")}</legend>
            <div className="field checkbox-field">
              <input id={`${fileId}-partial`} type="checkbox" checked={partial} onChange={(e) => setPartial(e.target.checked)} />
              <label htmlFor={`${fileId}-partial`}>{t("import.partial")}</label>
            </div>
            <p className="field-hint">{partial ? t("import.partialHint") : t("import.allOrNothingHint")}</p>
            <div className="field checkbox-field">
              <input
                id={`${fileId}-skip`}
                type="checkbox"
                checked={skipDuplicates}
                onChange={(e) => setSkipDuplicates(e.target.checked)}
              />
              <label htmlFor={`${fileId}-skip`}>{t("import.skipDuplicates")}</label>
            </div>
            <div className="field checkbox-field">
              <input
                id={`${fileId}-link`}
                type="checkbox"
                checked={linkDuplicates}
                aria-describedby={`${fileId}-link-hint`}
                onChange={(e) => setLinkDuplicates(e.target.checked)}
              />
              <label htmlFor={`${fileId}-link`}>{t("import.linkDuplicates")}</label>
            </div>
            <p className="field-hint" id={`${fileId}-link-hint`}>
              {t("import.linkDuplicatesHint")}
            </p>
          </fieldset>
          <button type="button" onClick={() => void start()} disabled={busy || problems.length > 0}>
            {phase === "hashing" ? t("import.preparing") : t("import.start")}
          </button>
        </div>
      ) : null}
      {job && phase !== "choose" && phase !== "hashing" ? (
        <div className="card" aria-live="polite">
          <h2>{job.file_name}</h2>
          <p>
            {t("import.statusLine", { status: Labels.importStatus(job.status, t) })}
          </p>
          <div className="progress-block">
            <label htmlFor={`${fileId}-upload`}>
              {t("import.uploadProgress", { percent: uploadPercent })}
            </label>
            <progress id={`${fileId}-upload`} max={100} value={uploadPercent} />
          </div>
          {phase === "processing" || phase === "finished" ? (
            <div className="progress-block">
              <label htmlFor={`${fileId}-process`}>
                {processing.kind === "starting"
                  ? t("import.processingStarting")
                  : processing.kind === "checking"
                    ? t("import.checkingProgress", { read: formatNumber(processing.read, language) })
                    : t("import.processingProgress", {
                        percent: processing.percent,
                        read: formatNumber(processing.done, language),
                        total: formatNumber(processing.total, language),
                      })}
              </label>
              {processing.kind === "writing" || processing.kind === "finished" ? (
                <progress id={`${fileId}-process`} max={100} value={processing.percent} />
              ) : (
                <progress id={`${fileId}-process`} />
              )}
            </div>
          ) : null}
          {phase === "upload_failed" ? (
            <div className="actions">
              <button type="button" onClick={() => void resume()}>
                {t("import.resume")}
              </button>
            </div>
          ) : null}
          {phase === "processing" || phase === "uploading" ? (
            <div className="actions">
              <button type="button" className="button-secondary" onClick={() => void cancel()}>
                {t("import.cancel")}
              </button>
            </div>
          ) : null}
          {phase === "finished" ? <ImportReport job={job} onDownload={downloadReport} fieldLabel={fieldLabel} /> : null}
        </div>
      ) : null}
    </section>
  );
}

function ImportReport({
  job,
  onDownload,
  fieldLabel,
}: {
  job: ImportJob;
  onDownload: () => void;
  fieldLabel: (field: string) => string;
}) {
  const { t, language } = useI18n();
  const errors = job.errors;
  const n = (value: number) => formatNumber(value, language);
  const outcome = importOutcome(job);
  return (
    <>
      <div className={`alert ${job.status === "done" ? "alert-success" : "alert-error"}`} role="status">
        <p>
          {t(outcome.key, {
            written: n(outcome.counts.written),
            rejected: n(outcome.counts.rejected),
            total: n(outcome.counts.total),
          })}
        </p>
        {job.rows_linked > 0 ? <p>{t("import.linkedSummary", { linked: n(job.rows_linked) })}</p> : null}
      </div>
      {errors.length ? (
        <>
          <div className="page-header">
            <h3>{t("import.reportTitle", { count: errors.length })}</h3>
            <button type="button" className="button-secondary" onClick={onDownload}>
              {t("import.download")}
            </button>
          </div>
          {job.errors_truncated ? <p className="muted">{t("import.truncated")}</p> : null}
          <div className="table-scroll">
            <table className="data-table">
              <caption className="visually-hidden">{t("import.reportTitle", { count: errors.length })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("import.col.row")}</th>
                  <th scope="col">{t("import.col.person")}</th>
                  <th scope="col">{t("import.col.field")}</th>
                  <th scope="col">{t("import.col.message")}</th>
                </tr>
              </thead>
              <tbody>
                {errors.map((problem, index) => (
                  <tr key={`${problem.row}:${problem.field}:${index}`}>
                    <td>{problem.row > 0 ? n(problem.row) : ""}</td>
                    <td>{problem.person ?? ""}</td>
                    <td>{problem.field ? fieldLabel(problem.field) : ""}</td>
                    <td>
                      {problem.severity === "warning" ? <span className="badge badge-fuzzy">{t("import.warning")}</span> : null}{" "}
                      {problem.message} <code className="muted">{problem.code}</code>
                      {problem.params?.person_id ? (
                        <>
                          {" "}
                          <Link to={`/registry/persons/${encodeURIComponent(problem.params.person_id)}`}>
                            {t("import.openPerson")}
                          </Link>
                        </>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : (
        <p>{t("import.noProblems")}</p>
      )}
    </>
  );
}
