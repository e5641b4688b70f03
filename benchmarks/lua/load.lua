-- Creates up to BENCH_COUNT work items as fast as it can, appends their ids to BENCH_IDS_FILE,
-- then writes BENCH_DONE_FILE: wrk runs until -d ends or it gets SIGINT, which the harness
-- sends when that file appears. It never sends more than BENCH_COUNT creates; wrk may drop a
-- generated request in rare cases, so the harness tops up any shortfall.
-- Run it with one wrk thread: the counts live in that thread's Lua state.
local common = require("common")
common.set_headers()
wrk.headers["Content-Type"] = "application/json"
local bodies = common.create_bodies()
local path = common.prefix() .. "/work-items"
local filler = common.env("BENCH_FILLER_PATH", "/_mock/health")
local wanted = tonumber(common.env("BENCH_COUNT", "0"))
-- wrk calls request() once to check the script before it connects and never sends that
-- request, so counting starts at -1: the first request sent is number 1.
local sent, created, failed = -1, 0, 0
local first_filler_at = nil
local finished = false
local out = io.open(common.env("BENCH_IDS_FILE"), "a")

function request()
  sent = sent + 1
  if sent > wanted then
    -- Connections still open once every create is out get a harmless read instead.
    return wrk.format("GET", filler)
  end
  return wrk.format("POST", path, nil, bodies[(sent - 1) % #bodies + 1])
end

local function finish()
  finished = true
  out:close()
  local marker = io.open(common.env("BENCH_DONE_FILE"), "w")
  marker:write(string.format("%d created, %d failed\n", created, failed))
  marker:close()
  wrk.thread:stop()
end

function response(status, headers, body)
  if finished then
    return
  end
  local id = string.match(body, '"work_item_id":"([^"]+)"')
  if id then
    out:write(id, "\n")
    created = created + 1
  elseif status ~= 200 then
    failed = failed + 1
  elseif first_filler_at == nil then
    first_filler_at = os.time()
  end
  -- Done when every create is answered, or (a dropped request) 1-2 s into the fillers.
  if created + failed >= wanted or (first_filler_at and os.time() - first_filler_at >= 2) then
    finish()
  end
end

done = common.done
