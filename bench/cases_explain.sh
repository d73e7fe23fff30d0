#!/usr/bin/env bash
# The query plans of the cases room's hot reads on a generated casework database
# (socius_gen_cases), on SQLite (EXPLAIN QUERY PLAN) or PostgreSQL (EXPLAIN ANALYZE):
#
#   bench/cases_explain.sh sqlite:/tmp/cases.db worker-01-07 head-01
#   bench/cases_explain.sh postgresql://socius@127.0.0.1:5432/socius_cases_bench worker-01-07 head-01
#
# The statements are those of src/cases/repository.cc (FindCase's counts, ListEvents,
# ListCaseload, ListPlannedVisits, ListDueActions, ListCases for closure approvals,
# ListContacts' visibility EXISTS, the team view's overdue list and counts) with the values
# of the named worker and head; when the repository changes, change them here too.
set -euo pipefail

url="${1:?usage: $0 DB_URL WORKER_USERNAME HEAD_USERNAME}"
worker_name="${2:?worker username}"
head_name="${3:?head username}"
today=$(date -u +%F)
week=$(date -u -d '+7 days' +%F)
six=$(date -u -d '+6 days' +%F)

if [[ "$url" == sqlite:* ]]; then
  db="${url#sqlite:}"
  q() { sqlite3 -batch -noheader "$db" "$1"; }
  explain() { echo "-- $1"; sqlite3 -batch "$db" "EXPLAIN QUERY PLAN $2"; echo; }
else
  q() { psql -X -q -A -t "$url" -c "$1"; }
  explain() {
    echo "-- $1"
    psql -X -q -A -t "$url" -c "EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) $2" | grep -v '^$'
    echo
  }
fi

worker=$(q "SELECT id FROM users WHERE username = '$worker_name'")
head_path=$(q "SELECT t.path FROM role_assignments r JOIN territories t ON t.id = r.territory_id
               JOIN users u ON u.id = r.user_id WHERE u.username = '$head_name' LIMIT 1")
case_id=$(q "SELECT id FROM cases WHERE assigned_worker_id = '$worker' AND state <> 'closed'
             ORDER BY opened_at LIMIT 1")
person=$(q "SELECT COALESCE(person_id, '') FROM cases WHERE person_id IS NOT NULL
            AND assigned_worker_id = '$worker' LIMIT 1")
echo "worker $worker_name $worker, case $case_id, head scope $head_path, today $today"
echo

explain "FindCase: the open and overdue action counts of one case" \
  "SELECT (SELECT COUNT(*) FROM plan_actions a WHERE a.case_id = k.id
     AND a.status IN ('planned', 'in_progress')),
   (SELECT COUNT(*) FROM plan_actions a WHERE a.case_id = k.id
     AND a.status IN ('planned', 'in_progress') AND a.deadline < '$today')
   FROM cases k JOIN territories t ON t.id = k.community_id
   JOIN users w ON w.id = k.assigned_worker_id
   LEFT JOIN case_settings s ON s.community_id = k.community_id
   LEFT JOIN users cu ON cu.id = k.closure_requested_by
   LEFT JOIN persons p ON p.id = k.person_id LEFT JOIN households h ON h.id = k.household_id
   LEFT JOIN persons hp ON hp.id = h.head_person_id WHERE k.id = '$case_id'"

explain "ListEvents: the whole timeline of a case (newest first)" \
  "SELECT e.id, e.at, u.display_name, e.kind, e.detail FROM case_events e
   LEFT JOIN users u ON u.id = e.actor_id WHERE e.case_id = '$case_id'
   ORDER BY e.at DESC, e.id DESC LIMIT 201"

explain "ListCaseload (Today): the worker's open cases, risk first" \
  "SELECT k.id FROM cases k JOIN territories t ON t.id = k.community_id
   JOIN users w ON w.id = k.assigned_worker_id
   WHERE k.assigned_worker_id = '$worker' AND k.state <> 'closed' ORDER BY CASE
   k.risk_level WHEN 'critical' THEN 0 WHEN 'high' THEN 1 WHEN 'medium' THEN 2 ELSE 3 END,
   k.opened_at, k.id LIMIT 500"

explain "ListPlannedVisits (Today): home visits planned this week" \
  "SELECT c.id FROM contacts c JOIN territories t ON t.id = c.community_id
   JOIN users w ON w.id = c.worker_id WHERE c.worker_id = '$worker' AND c.kind = 'home_visit'
   AND c.status = 'planned' AND c.contact_date <= '$six'
   ORDER BY c.contact_date, c.contact_time, c.id LIMIT 200"

explain "ListDueActions (Today): as in the repository (OR across the two tables)" \
  "SELECT a.id, a.deadline FROM plan_actions a JOIN cases k ON k.id = a.case_id
   WHERE a.status IN ('planned', 'in_progress') AND a.deadline <= '$week' AND
   k.state <> 'closed' AND (a.responsible_user_id = '$worker' OR k.assigned_worker_id = '$worker')
   ORDER BY a.deadline, a.id LIMIT 200"

explain "ListDueActions (Today): the same rows as a UNION of the two ways in" \
  "SELECT * FROM (
     SELECT a.id, a.deadline FROM plan_actions a JOIN cases k ON k.id = a.case_id
     WHERE a.status IN ('planned', 'in_progress') AND a.deadline <= '$week'
     AND k.state <> 'closed' AND k.assigned_worker_id = '$worker'
   UNION
     SELECT a.id, a.deadline FROM plan_actions a JOIN cases k ON k.id = a.case_id
     WHERE a.status IN ('planned', 'in_progress') AND a.deadline <= '$week'
     AND k.state <> 'closed' AND a.responsible_user_id = '$worker') d
   ORDER BY d.deadline, d.id LIMIT 200"

explain "ListCases (Today of a head): closure requests waiting in the head's scope" \
  "SELECT k.id FROM cases k JOIN territories t ON t.id = k.community_id
   WHERE substr(t.path, 1, length('$head_path')) = '$head_path' AND k.state <> 'closed'
   AND k.closure_requested_at IS NOT NULL
   AND substr(t.path, 1, length('$head_path')) = '$head_path'
   ORDER BY k.opened_at DESC, k.id DESC LIMIT 101"

explain "ListContacts of a person: the case visibility EXISTS on each row" \
  "SELECT c.id FROM contacts c JOIN territories t ON t.id = c.community_id
   WHERE substr(t.path, 1, length('$head_path')) = '$head_path' AND c.person_id = '$person'
   AND (c.case_id IS NULL OR EXISTS (SELECT 1 FROM cases k JOIN territories kt ON
   kt.id = k.community_id LEFT JOIN case_settings ks ON ks.community_id = k.community_id
   WHERE k.id = c.case_id AND ((k.assigned_worker_id = '$worker' AND
   substr(kt.path, 1, length('$head_path')) = '$head_path') OR 1 = 0 OR (k.confidential = 0
   AND COALESCE(ks.team_visibility, 0) = 1 AND substr(kt.path, 1, length('$head_path')) =
   '$head_path'))))
   ORDER BY c.contact_date DESC, c.id DESC LIMIT 51"

# The team view reads by the ids of the communities in the head's territory.
if [[ "$url" == sqlite:* ]]; then
  communities=$(q "SELECT group_concat(quote(id), ',') FROM territories
                   WHERE level = 'community' AND substr(path, 1, length('$head_path')) = '$head_path'")
else
  communities=$(q "SELECT string_agg(quote_literal(id), ',') FROM territories
                   WHERE level = 'community' AND substr(path, 1, length('$head_path')) = '$head_path'")
fi

explain "ListOverdueActionsIn (team view): the overdue actions of the head's communities" \
  "SELECT a.id FROM plan_actions a JOIN cases k ON k.id = a.case_id
   WHERE a.community_id IN ($communities) AND a.status IN ('planned', 'in_progress')
   AND a.deadline < '$today' AND k.state <> 'closed' ORDER BY a.deadline, a.id LIMIT 200"

explain "TeamLoad (team view): open cases per worker" \
  "SELECT assigned_worker_id, COUNT(*) FROM cases WHERE community_id IN ($communities)
   AND state <> 'closed' GROUP BY assigned_worker_id"

explain "TeamLoad (team view): overdue and due actions per worker" \
  "SELECT k.assigned_worker_id, COUNT(*) FROM plan_actions a JOIN cases k ON k.id = a.case_id
   WHERE a.community_id IN ($communities) AND a.status IN ('planned', 'in_progress')
   AND a.deadline <= '$week' AND k.state <> 'closed' GROUP BY k.assigned_worker_id"

explain "TeamLoad (team view): home visits planned this week per worker" \
  "SELECT worker_id, COUNT(*) FROM contacts WHERE community_id IN ($communities)
   AND contact_date >= '$today' AND contact_date <= '$six' AND kind = 'home_visit'
   AND status = 'planned' GROUP BY worker_id"
