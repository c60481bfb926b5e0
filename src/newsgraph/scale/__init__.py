"""Scale-out: the same article → annotations function on Apache Spark, output as Parquet.

`inputs` expands and reads raw records (filters run before any parsing), `tables`
turns an analysed `Article` into flat rows with explicit schemas, `spark` runs the
job, and `parquet` reads an output folder back as `Article`s for `newsgraph ingest`.
"""
