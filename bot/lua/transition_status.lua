-- Move a broadcast to a new status, only from one of the allowed current ones.
-- KEYS: [1] the broadcast's definition hash.
-- ARGV: [1] new status, [2...] allowed current statuses.
-- Returns the old status if it moved, '' if there is no broadcast, '!' .. current if not.
local current = redis.call('HGET', KEYS[1], 'status')
if not current then return '' end
for i = 2, #ARGV do
  if current == ARGV[i] then redis.call('HSET', KEYS[1], 'status', ARGV[1]) return current end
end
return '!' .. current
