"""The task queue: huey, on SQLite when embedded and on Redis when distributed.

huey was chosen (see docs/pipeline.md) because one small, well-kept library covers both
modes with the same task code: ``SqliteHuey`` needs nothing installed, ``RedisHuey`` lets
any number of workers on any number of machines share the work.
"""
