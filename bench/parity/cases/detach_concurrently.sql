-- forbid: detach-partition-non-concurrent
ALTER TABLE measurements DETACH PARTITION measurements_2023 CONCURRENTLY;
