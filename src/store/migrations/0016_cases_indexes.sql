-- Indexes the cases room's reads need at scale (bench/cases_explain.sh shows the plans).

-- Closure requests waiting for a head of service ("Today" of a head, the team view): few rows
-- among all cases, so a partial index instead of reading every case of the installation.
CREATE INDEX cases_closure_requested ON cases(closure_requested_at)
  WHERE closure_requested_at IS NOT NULL;
