-- The URL as given, with the API key: wrk sends one prebuilt request over and over.
local common = require("common")
common.set_headers()
done = common.done
