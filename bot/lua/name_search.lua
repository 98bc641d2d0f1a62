-- One partition's answer to a name search: the people whose name has every term (the
-- intersection of the term sets with the partition's people index, scored by first contact),
-- how many they are and the newest `limit` of them. The intersection stays inside Redis: only
-- the page's share crosses the wire (a common start like "mar" matches thousands).
-- KEYS: [1] the partition's people index, [2...] the term sets (all in one partition).
-- ARGV: [1] limit.
-- Returns {how many match, {member, score, ...} newest first (at most limit)}.
local call = {'ZINTER', #KEYS}
for i = 1, #KEYS do call[#call + 1] = KEYS[i] end
call[#call + 1] = 'WEIGHTS'
call[#call + 1] = 1
for _ = 2, #KEYS do call[#call + 1] = 0 end
call[#call + 1] = 'WITHSCORES'
local found = redis.call(unpack(call))
local count = #found / 2
local rows = {}
for i = count, math.max(count - tonumber(ARGV[1]), 0) + 1, -1 do
  rows[#rows + 1] = found[2 * i - 1]
  rows[#rows + 1] = found[2 * i]
end
return {count, rows}
