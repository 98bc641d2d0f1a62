"""A human in the thread: the bot hands a person's conversation to the Page Inbox, where the
Page's staff answer in person, and takes it back on release or after an idle time."""
