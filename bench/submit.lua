-- wrk script: authenticated contribution submissions. COOKIE and TOKEN come from the
-- environment (bench/run.sh signs in and reads them); every request is a new contribution.
local cookie = os.getenv("COOKIE")
local token = os.getenv("TOKEN")
local boundary = "----concordbench"
local counter = 0

request = function()
  counter = counter + 1
  local fields = {
    title = "Benchmark contribution " .. counter,
    body = "Submitted by the benchmark: decent work for all migrant workers, " .. counter .. ".",
    action = "submit",
  }
  local parts = {}
  for name, value in pairs(fields) do
    parts[#parts + 1] = "--" .. boundary .. "\r\nContent-Disposition: form-data; name=\"" .. name .. "\"\r\n\r\n" .. value .. "\r\n"
  end
  local body = table.concat(parts) .. "--" .. boundary .. "--\r\n"
  return wrk.format("POST", "/p/gcm/contributions/new?csrf_token=" .. token, {
    ["Content-Type"] = "multipart/form-data; boundary=" .. boundary,
    ["Cookie"] = cookie,
  }, body)
end

done = function(summary, latency, requests)
  io.write(string.format("submissions: %d, errors: status %d, timeout %d\n",
    summary.requests, summary.errors.status, summary.errors.timeout))
end
