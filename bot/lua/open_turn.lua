-- Open a turn: refuse an event older than the person's erasure, record the contact, and
-- return what the handler needs (their hash, results held for them, taken out of the outbox,
-- and their open flow). Every key is in the person's partition; the Page's breach flag is in
-- a slot of its own, so the caller reads it beside this script (bot/pipeline/turn_state.py).
-- KEYS: [1] user hash, [2] the partition's users index, [3] the partition's erased-at hash,
--       [4] outbox, [5] flow, [6] consents list, [7] the partition's audience counters
--       (bot/indexes/audience.py: someone counted unreachable who writes is reachable).
-- ARGV: [1] psid, [2] event timestamp ms, [3] '1' if the person acted (their held results
--       are taken), [4] keyed hash of the PSID, [5] idle-user TTL s, [6] '1' = only for a
--       person already stored.
-- Returns false (older than the erasure), 0 (unknown and known_only), or
-- {first contact, user hash flat, held results, flow}.
local erased = redis.call('hget', KEYS[3], ARGV[4])
if erased and tonumber(ARGV[2]) <= tonumber(erased) then return false end
if ARGV[6] == '1' and redis.call('exists', KEYS[1]) == 0 then return 0 end
redis.call('hset', KEYS[1], 'last_seen', ARGV[2])
if ARGV[3] == '1' then
  redis.call('hset', KEYS[1], 'last_action', ARGV[2])
  redis.call('hdel', KEYS[1], 'unreachable')  -- they wrote: reachable again for broadcasts
  local class = redis.call('hget', KEYS[1], 'bc')
  if class and string.sub(class, 1, 12) == 'unreachable|' then
    local now = 'ok|' .. string.sub(class, 13)
    if redis.call('hincrby', KEYS[7], class, -1) <= 0 then redis.call('hdel', KEYS[7], class) end
    redis.call('hincrby', KEYS[7], now, 1)
    redis.call('hset', KEYS[1], 'bc', now)
  end
end
local first = redis.call('zadd', KEYS[2], 'NX', ARGV[2], ARGV[1])
if redis.call('hget', KEYS[1], 'consent:profile') ~= 'granted'
   and redis.call('hget', KEYS[1], 'consent:marketing') ~= 'granted' then
  redis.call('expire', KEYS[1], ARGV[5])
  redis.call('expire', KEYS[6], ARGV[5])
end
local held = {}
if ARGV[3] == '1' then
  held = redis.call('lrange', KEYS[4], 0, -1)
  if #held > 0 then redis.call('del', KEYS[4]) end
end
return {first, redis.call('hgetall', KEYS[1]), held, redis.call('get', KEYS[5])}
