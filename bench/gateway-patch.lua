-- wrk script of `./stream-manager bench gateway`: JSON merge patches of layer "box" spread over the bench streams.
-- Each request moves the box; the done() lines are read by the bench module (WrkReport).
local streams = tonumber(os.getenv("SM_BENCH_STREAMS") or "8")
local counter = 0
local threads = 0

function setup(thread)
  threads = threads + 1
  thread:set("offset", threads)
end

function init(args)
  counter = offset or 0
end

function request()
  counter = counter + 1
  local s = counter % streams
  return wrk.format("PATCH", "/api/streams/bench" .. s .. "/layers/box",
    { ["Content-Type"] = "application/json" }, '{"x":' .. (counter % 600) .. '}')
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("wrk.requests %d\n", summary.requests))
  io.write(string.format("wrk.duration_us %d\n", summary.duration))
  io.write(string.format("wrk.non2xx %d\n", e.status))
  io.write(string.format("wrk.socket_errors %d\n", e.connect + e.read + e.write + e.timeout))
  io.write(string.format("wrk.p50_us %d\n", latency:percentile(50)))
  io.write(string.format("wrk.p99_us %d\n", latency:percentile(99)))
end
