"""Reports: the computations behind the notebooks, charts, and rendering to HTML."""
