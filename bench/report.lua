-- wrk: print one JSON line with throughput and latency percentiles (microseconds).
done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.status + summary.errors.timeout
  io.write(string.format(
    '{"requests": %d, "seconds": %.3f, "bytes": %d, "errors": %d, "status_errors": %d, '
      .. '"p50": %d, "p95": %d, "p99": %d}\n',
    summary.requests, summary.duration / 1e6, summary.bytes, errors, summary.errors.status,
    latency:percentile(50), latency:percentile(95), latency:percentile(99)))
end
