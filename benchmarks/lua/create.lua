-- POST a new work item per request, cycling through the agents in BENCH_AGENTS.
local common = require("common")
common.set_headers()
wrk.headers["Content-Type"] = "application/json"
local bodies = common.create_bodies()
local path = common.prefix() .. "/work-items"
local sent = 0

function request()
  sent = sent + 1
  return wrk.format("POST", path, nil, bodies[(sent - 1) % #bodies + 1])
end

done = common.done
