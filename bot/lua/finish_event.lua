-- Finish an event: mark it handled, take it out of the inbox, acknowledge and delete it
-- from the stream, forget its attempt count, and give the lock back if we still hold it.
-- KEYS: [1] dedupe marker, [2] person's inbox, [3] events stream, [4] attempts hash,
--       [5] person's lock.
-- ARGV: [1] '1' if handled, [2] dedupe TTL s, [3] event key, [4] consumer group,
--       [5] stream entry id, [6] lock owner token ('' = none).
-- Returns 1.
if ARGV[1] == '1' then redis.call('set', KEYS[1], '1', 'EX', ARGV[2]) end
redis.call('zrem', KEYS[2], ARGV[3])
redis.call('xack', KEYS[3], ARGV[4], ARGV[5])
redis.call('xdel', KEYS[3], ARGV[5])
redis.call('hdel', KEYS[4], ARGV[5])
if ARGV[6] ~= '' and redis.call('get', KEYS[5]) == ARGV[6] then redis.call('del', KEYS[5]) end
return 1
