-- Claim an event for handling: take the person's lock (or keep it: the caller drains this
-- person and holds it already), check that the event is the head of their inbox (else an
-- earlier event goes first) and whether it was already handled.
-- KEYS: [1] person's lock, [2] person's inbox, [3] the event's dedupe marker.
-- ARGV: [1] owner token, [2] lock TTL ms, [3] event key.
-- Returns 0 busy, 1 not the head, 2 duplicate, 3 go (2 and 3 hold the lock).
local fresh = redis.call('set', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2])
if not fresh then
  if redis.call('get', KEYS[1]) ~= ARGV[1] then return 0 end
  redis.call('pexpire', KEYS[1], ARGV[2])
end
local head = redis.call('zrange', KEYS[2], 0, 0)[1]
if head and head ~= ARGV[3] and redis.call('zscore', KEYS[2], ARGV[3]) then
  if fresh then redis.call('del', KEYS[1]) end
  return 1
end
if redis.call('exists', KEYS[3]) == 1 then return 2 end
return 3
