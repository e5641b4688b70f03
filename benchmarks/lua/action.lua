-- Alternates cancel and continue over the pool in BENCH_IDS_FILE: the first pass cancels every
-- PENDING item, the second continues every CANCELLED one, and so on. With a pool far larger
-- than the connections in flight, every request is a legal action; any 412 shows as non-2xx.
local common = require("common")
common.set_headers()
local ids = common.read_ids(common.env("BENCH_IDS_FILE"))
local base = common.prefix() .. "/work-items/"
-- wrk calls request() once to check the script before it connects and never sends that
-- request, so numbering starts at -1: the first request sent is number 0.
local number = -2

function request()
  number = number + 1
  local position = number % #ids -- Lua's % is never negative: the unsent -1 is valid too
  local action = (math.floor(number / #ids) % 2 == 0) and "/cancel" or "/continue"
  return wrk.format("POST", base .. ids[position + 1] .. action)
end

done = common.done
