-- wrk is closed-loop; each connection waits `pace_ms` between its requests, so with C connections the
-- rate is about C * 1000 / pace_ms per second (less the latency). Used to compare latency percentiles
-- at about the rate faultline's open-loop driver is asked for. Set PACE_MS in the environment.
local pace = tonumber(os.getenv("PACE_MS") or "10")
function delay()
  return pace
end
