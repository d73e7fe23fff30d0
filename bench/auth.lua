-- wrk script: every request carries the session cookie of a logged-in user.
-- SOCIUS_COOKIE is "socius_session=<token>", set by bench/run.sh. (No response() hook: it
-- would make wrk parse every body and measure wrk instead of the server.)
local cookie = os.getenv("SOCIUS_COOKIE")
if cookie == nil or cookie == "" then
  error("SOCIUS_COOKIE is not set")
end
wrk.headers["Cookie"] = cookie
wrk.headers["Accept"] = "application/json"
