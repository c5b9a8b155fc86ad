-- wrk script: a sign-in storm. Every request posts the sign-in form of a demo account with its
-- password: a verification (a password hash) and a new session, answered 303; a sign-in turned
-- away by the hashing gate is a 503, which wrk counts among its non-2xx/3xx answers. COOKIE and
-- TOKEN come from the environment (bench/signin_storm.sh opens the sign-in page once for them).
local cookie = os.getenv("COOKIE")
local token = os.getenv("TOKEN")
local body = "csrf_token=" .. token
  .. "&email=stakeholder%40demo.concord.example&password=concord-demo-2018&next=%2F"

request = function()
  return wrk.format("POST", "/login", {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Cookie"] = cookie,
  }, body)
end

done = function(summary, latency, requests)
  io.write(string.format("sign-ins: %d in %.1f s (%.0f/s), timeouts %d\n", summary.requests,
    summary.duration / 1e6, summary.requests / (summary.duration / 1e6), summary.errors.timeout))
end
