-- Set fields on a person's hash only if it exists: never recreates an erased person.
-- KEYS: [1] the user hash. ARGV: field, value, field, value, ...
-- Returns 1 if written, 0 if the hash does not exist.
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('HSET', KEYS[1], unpack(ARGV))
return 1
