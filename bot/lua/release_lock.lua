-- Release a person's lock, but only if we still own it: a lease that expired and was
-- taken over stays with its new owner.
-- KEYS[1]: the person's lock. ARGV[1]: our owner token.
-- Returns 1 if deleted, 0 if not ours (or gone).
if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end
return 0
