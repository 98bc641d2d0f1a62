-- Book the Page's next send slot (a generic cell rate algorithm on Redis's clock), or,
-- with a hold, push the next slot out (Meta throttled the Page: 613).
-- KEYS: [1] the Page's pace key (its next free slot, µs).
-- ARGV: [1] interval µs, [2] slack µs, [3] hold µs (0: book a slot).
-- Returns how long the caller waits for its slot, in µs (<= 0: now).
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local interval, slack, hold = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local free = tonumber(redis.call('GET', KEYS[1]) or '0')
local slot, after
if hold > 0 then
  slot = now
  after = math.max(free, now + hold)
else
  if free == 0 then slack = 0 end  -- the Page was idle: no burst at the start
  slot = math.max(free, now - slack)
  after = slot + interval
end
local ttl = math.floor((after - now) / 1000) + 1000
redis.call('SET', KEYS[1], string.format('%.0f', after), 'PX', ttl)
return math.floor(slot - now)
