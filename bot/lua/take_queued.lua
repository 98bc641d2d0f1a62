-- Take the next events of a person's run queue, earliest first, with their stream fields.
-- KEYS: [1] person's run queue, [2] events stream. ARGV: [1] how many at most.
-- Returns {entry id, {field, value, ...}} per event still in the stream (handled ones are
-- gone from it and skipped).
local ids = redis.call('zrange', KEYS[1], 0, tonumber(ARGV[1]) - 1)
if #ids == 0 then return {} end
redis.call('zrem', KEYS[1], unpack(ids))
local out = {}
for _, id in ipairs(ids) do
  local rows = redis.call('xrange', KEYS[2], id, id)
  if rows[1] then out[#out + 1] = rows[1] end
end
return out
