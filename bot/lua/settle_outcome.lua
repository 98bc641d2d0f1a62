-- Replace a recipient's expected outcome (e.g. our claim) by its final one, and count it.
-- KEYS: [1] the broadcast's outcomes hash, [2] its progress hash.
-- ARGV: [1] field, [2] expected value, [3] new value ('' = delete), [4] counter ('' = none).
-- Returns 1 if settled, 0 if the field did not hold the expected value.
if redis.call('HGET', KEYS[1], ARGV[1]) ~= ARGV[2] then return 0 end
if ARGV[3] == '' then redis.call('HDEL', KEYS[1], ARGV[1])
else redis.call('HSET', KEYS[1], ARGV[1], ARGV[3]) end
if ARGV[4] ~= '' then redis.call('HINCRBY', KEYS[2], ARGV[4], 1) end
return 1
