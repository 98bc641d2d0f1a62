"""Growing past one Redis server: the partitioned keyspace's layout record, the cluster
client, and the move from the unpartitioned layout (docs/partitions.md)."""
