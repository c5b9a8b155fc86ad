-- wrk script: GET a page whose query term changes with every request, drawn in turn from a
-- file of percent-encoded terms of one frequency band (bench/seed.py writes them), so that no
-- cache of one query's answer can decide a figure.
--   TERMS=path/band-2pc.txt PATH_PREFIX='/p/gcm/contributions?q=' wrk -s bench/search.lua …
local prefix = os.getenv("PATH_PREFIX")
local terms = {}
for line in io.lines(os.getenv("TERMS")) do
  if #line > 0 then terms[#terms + 1] = line end
end
local counter = 0

setup = function(thread)
  -- Each wrk thread starts at another place in the list.
  thread:set("offset", math.floor(#terms / 2))
end

request = function()
  counter = counter + 1
  local term = terms[(counter + (offset or 0)) % #terms + 1]
  return wrk.format("GET", prefix .. term)
end
