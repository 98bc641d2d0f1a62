"""Indexes read across partitions, and kept with the writes they follow: the people index's
pages (`people`) and the broadcast audience counts (`audience`). Below the feature packages:
consent, rights, staff and broadcasts all use them."""
