-- Write a broadcast recipient's outcome only if none exists yet, and count it.
-- KEYS: [1] the broadcast's outcomes hash, [2] its progress hash.
-- ARGV: [1] field (keyed hash of the PSID), [2] value, [3] counter ('' = none).
-- Returns 1 if newly decided, else 0.
if redis.call('HSETNX', KEYS[1], ARGV[1], ARGV[2]) == 1 then
  if ARGV[3] ~= '' then redis.call('HINCRBY', KEYS[2], ARGV[3], 1) end
  return 1
end
return 0
