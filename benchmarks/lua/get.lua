-- GET a work item per request, picked at random from the ids in BENCH_IDS_FILE.
local common = require("common")
common.set_headers()
local ids = common.read_ids(common.env("BENCH_IDS_FILE"))
local base = common.prefix() .. "/work-items/"
math.randomseed(8)

function request()
  return wrk.format("GET", base .. ids[math.random(#ids)])
end

done = common.done
