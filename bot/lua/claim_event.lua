-- Claim an event for handling: take the person's lock (or keep it: the caller drains this
-- person and holds it already), check that no event of theirs has an earlier timestamp
-- (else that one goes first) and whether it was already handled. Events sharing the earliest
-- timestamp have no order among them: any may go (the inbox orders ties by event key, the run
-- queue by entry id; waiting for the inbox's pick stalled a person with more ties than one
-- take of the run queue holds).
-- KEYS: [1] person's lock, [2] person's inbox, [3] the event's dedupe marker.
-- ARGV: [1] owner token, [2] lock TTL ms, [3] event key.
-- Returns 0 busy, 1 not the head, 2 duplicate, 3 go (2 and 3 hold the lock).
local fresh = redis.call('set', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2])
if not fresh then
  if redis.call('get', KEYS[1]) ~= ARGV[1] then return 0 end
  redis.call('pexpire', KEYS[1], ARGV[2])
end
local head = redis.call('zrange', KEYS[2], 0, 0, 'WITHSCORES')
local mine = redis.call('zscore', KEYS[2], ARGV[3])
if head[1] and mine and tonumber(mine) > tonumber(head[2]) then
  if fresh then redis.call('del', KEYS[1]) end
  return 1
end
if redis.call('exists', KEYS[3]) == 1 then return 2 end
return 3
