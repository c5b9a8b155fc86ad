-- wrk script: authenticated contribution submissions. COOKIE and TOKEN come from the
-- environment (bench/run.sh signs in and reads them); every request is a new contribution.
-- A short text of common words each time, or with TEXTS=path (bench/seed.py's
-- submissions.txt, `title<TAB>body` a line) the texts of that file in turn, each thread from
-- another place in it, numbered so that no two are the same.
local cookie = os.getenv("COOKIE")
local token = os.getenv("TOKEN")
local boundary = "----concordbench"
local counter = 0
local texts = {}
if os.getenv("TEXTS") then
  for line in io.lines(os.getenv("TEXTS")) do
    local title, body = line:match("^([^\t]*)\t(.*)$")
    if title then texts[#texts + 1] = { title, body } end
  end
end

setup = function(thread)
  thread:set("offset", math.random(0, 1000000))
end

request = function()
  counter = counter + 1
  local title, body
  if #texts > 0 then
    local text = texts[(counter + (offset or 0)) % #texts + 1]
    title, body = text[1] .. " " .. counter, text[2] .. " " .. counter
  else
    title = "Benchmark contribution " .. counter
    body = "Submitted by the benchmark: decent work for all migrant workers, " .. counter .. "."
  end
  local fields = { title = title, body = body, action = "submit" }
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
