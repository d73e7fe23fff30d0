-- wrk script: a logged-in worker searching the registry as they type (bench/run.sh, on the
-- generated registry). Cycles through name queries in both scripts, in rival spellings, with
-- typos, part-typed and with a birth year, each asking for one page of 25 as the web app does.
-- SOCIUS_COOKIE is "socius_session=<token>".
local cookie = os.getenv("SOCIUS_COOKIE")
if cookie == nil or cookie == "" then
  error("SOCIUS_COOKIE is not set")
end
wrk.headers["Cookie"] = cookie
wrk.headers["Accept"] = "application/json"

local queries = {
  "Popescu Ion", "Popescu", "Pop", "Popesc Mari", "Ionescu Maria 1984",
  "Shevchenko Olena", "Шевченко Олена", "Ševčenko", "Shevcenko Olna", "Шевч",
  "Polishchuk", "Полищук Ольга", "Poliščuk", "Kovalenko 1975", "Коваленко Олександр",
  "Stanescu Dan", "Stănescu", "Ciobanu Vasile", "Чобану", "Munteanu Gheorghița",
  "Kazlauskas Jonas", "Kazlausk", "Petrauskienė", "Petrauskiene Ona 1960",
  "Nikolovski", "Николовски Александар", "Stojanovska Ana", "Trajkov",
  "Tkachenko Iryna", "Ткаченко", "Melnyk Ivan", "Мельник Иван",
}

local function encode(s)
  return (s:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

local paths = {}
for i, q in ipairs(queries) do
  paths[i] = "/api/v1/persons?limit=25&q=" .. encode(q)
end

local n = 0
request = function()
  n = n + 1
  return wrk.format("GET", paths[(n % #paths) + 1])
end
