"""Running notebooks: parameters and papermill, the worker pool, the Voila dashboard."""
