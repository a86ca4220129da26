"""Running the steps over a whole corpus: the pipeline, chunked Parquet output, the Dask engine."""
