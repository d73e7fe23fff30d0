-- wrk script: the assigned worker reading their case files (bench/run.sh, on the generated
-- casework). Cycles through the worker's cases: GET /api/v1/cases/{id} followed by
-- SOCIUS_CASE_SUFFIX ("" for the case, "/timeline?limit=200" for its whole timeline).
-- SOCIUS_COOKIE is "socius_session=<token>"; SOCIUS_CASE_IDS the case ids, comma-separated.
local cookie = os.getenv("SOCIUS_COOKIE")
if cookie == nil or cookie == "" then
  error("SOCIUS_COOKIE is not set")
end
wrk.headers["Cookie"] = cookie
wrk.headers["Accept"] = "application/json"

local suffix = os.getenv("SOCIUS_CASE_SUFFIX") or ""
local paths = {}
for id in string.gmatch(os.getenv("SOCIUS_CASE_IDS") or "", "[^,]+") do
  paths[#paths + 1] = "/api/v1/cases/" .. id .. suffix
end
if #paths == 0 then
  error("SOCIUS_CASE_IDS is empty")
end

local n = 0
request = function()
  n = n + 1
  return wrk.format("GET", paths[(n % #paths) + 1])
end
