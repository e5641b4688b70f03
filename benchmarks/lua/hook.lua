-- POST a callback-sized body on a new connection per request, as the emulator's dispatcher
-- sends its webhooks (urllib: one connection per delivery); measures the receiver alone.
local common = require("common")
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Connection"] = "close"
wrk.body = '{"work_item_id":"00000000-0000-4000-8000-000000000000","status":"COMPLETED",'
  .. '"agent_id":"invoice_processing_agent","timestamp":"2025-01-01T00:00:00.000000Z",'
  .. '"payload":{"invoice_id":"INV-0001","amount":1250.5,"currency":"EUR"},"thread_id":null,'
  .. '"work_item_url":"http://127.0.0.1:8080/_mock/work-items/x","agent_name":"Invoices"}'

done = common.done
