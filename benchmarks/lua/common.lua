-- Shared by the benchmark scripts: settings from the environment, bodies, ids, the result line.
local common = {}

function common.env(name, default)
  local value = os.getenv(name)
  if value == nil or value == "" then
    return default
  end
  return value
end

function common.prefix()
  return common.env("BENCH_PREFIX", "")
end

-- Auth stays on in every measured run, so every request carries the key (ignored by hello).
function common.set_headers()
  wrk.headers["Authorization"] = "Bearer " .. common.env("BENCH_API_KEY", "local-dev-key")
  local prefer = common.env("BENCH_PREFER", nil)
  if prefer then
    wrk.headers["Prefer"] = prefer
  end
end

function common.split(text)
  local parts = {}
  for part in string.gmatch(text, "[^,]+") do
    parts[#parts + 1] = part
  end
  return parts
end

-- One create body per agent, so consecutive creates spread over the agents.
function common.create_bodies()
  local bodies = {}
  for i, agent in ipairs(common.split(common.env("BENCH_AGENTS", "invoice_processing_agent"))) do
    bodies[i] = string.format(
      '{"agent_id":"%s","payload":{"invoice_id":"INV-%04d","amount":1250.5,"currency":"EUR"},'
        .. '"messages":[{"role":"user","content":[{"kind":"text","text":"Process this invoice."}]}]}',
      agent,
      i
    )
  end
  return bodies
end

function common.read_ids(path)
  local ids = {}
  for line in io.lines(path) do
    if line ~= "" then
      ids[#ids + 1] = line
    end
  end
  if #ids == 0 then
    error("no work item ids in " .. path)
  end
  return ids
end

-- wrk calls done() once, after all threads stopped: one exact, machine-readable line.
function common.done(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    'BENCH_RESULT {"requests":%d,"duration_us":%d,"bytes":%d,"non_2xx":%d,'
      .. '"socket_errors":%d,"timeouts":%d,"p50_us":%d,"p90_us":%d,"p99_us":%d,'
      .. '"max_us":%d,"mean_us":%.1f}\n',
    summary.requests, summary.duration, summary.bytes, errors.status,
    errors.connect + errors.read + errors.write, errors.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99),
    latency.max, latency.mean
  ))
end

return common
